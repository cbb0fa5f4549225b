import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// Retention of advice asked about nobody in particular (IRMS toolkit: one year, then review; docs/data-protection.md,
/// "Retention reviews"): each request is reviewed a year (the schedule's `adviceYears`) after the advice was given, or
/// after it was asked while it waits for an answer. At review the leads decide as for a person's file: keep it longer,
/// hold it, lift a hold, or dispose of it, which one lead proposes and another carries out. A review date never
/// deletes anything.
public struct AdviceRetentionStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher
    let schedule: RetentionSchedule
    /// The other leads are told of a proposal to dispose of advice; nil where nobody is.
    let notices: NoticeBoard?

    public init(_ database: ConfidantDatabase, cipher: FieldCipher, schedule: RetentionSchedule, notices: NoticeBoard? = nil) {
        self.database = database
        self.cipher = cipher
        self.schedule = schedule
        self.notices = notices
    }

    /// An advice request as retention sees it.
    public struct Entry: Sendable, Equatable {
        public let advice: AdviceRequest
        public let file: RetentionFile
    }

    /// The day the advice's clock starts: when it was given, or asked while it waits for an answer.
    static func givenOn(_ advice: AdviceRequest) -> CalendarDay { CalendarDay(containing: advice.answeredAt ?? advice.askedAt) }

    /// Every advice request with its review, the soonest reviewed first.
    public func entries() async throws -> [Entry] {
        let advice = try await AdviceStore(database, cipher: cipher).all()
        var decisions: [UUID: [RetentionDecision]] = [:]
        for (adviceID, decision) in try await Self.decisions(of: nil, on: database.database, cipher: cipher) {
            decisions[adviceID, default: []].append(decision)
        }
        return advice.map { request in
            Entry(
                advice: request,
                file: RetentionFile(
                    id: request.id, review: schedule.review(adviceGivenOn: Self.givenOn(request)), decisions: decisions[request.id] ?? []))
        }
        .sorted { $0.file.reviewOn < $1.file.reviewOn }
    }

    /// One advice request with its review.
    public func entry(_ id: UUID) async throws -> Entry? {
        guard let model = try await AdviceRequestModel.find(id, on: database.database) else { return nil }
        let advice = try AdviceStore(database, cipher: cipher).open(model)
        return Entry(
            advice: advice,
            file: RetentionFile(
                id: id, review: schedule.review(adviceGivenOn: Self.givenOn(advice)),
                decisions: try await Self.decisions(of: id, on: database.database, cipher: cipher).map(\.1)))
    }

    /// The decisions on one request (or on all, with nil), oldest first.
    static func decisions(of adviceID: UUID?, on db: any Database, cipher: FieldCipher) async throws -> [(UUID, RetentionDecision)] {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        let only: SQLQueryString = adviceID.map { "WHERE advice_id = \(bind: $0)" } ?? ""
        return try await sql.raw(
            "SELECT id, advice_id, step, until, key_id, sealed_reason, decided_by, decided_at FROM advice_retention_decisions \(only) ORDER BY decided_at"
        ).all().map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let decision = RetentionDecision(
                step: try RetentionDecision.Step.stored(try row.decode(column: "step", as: String.self), in: "advice_retention_decisions.step"),
                until: try row.decode(column: "until", as: Date?.self).map { CalendarDay(containing: $0) },
                reason: try cipher.open(
                    String.self,
                    .init(keyID: try row.decode(column: "key_id", as: String.self), box: try row.decode(column: "sealed_reason", as: String.self)),
                    binding: "advice-retention-reason:\(id)"),
                by: DecisionBy(userID: try row.decode(column: "decided_by", as: UUID.self), at: try row.decode(column: "decided_at", as: Date.self)))
            return (try row.decode(column: "advice_id", as: UUID.self), decision)
        }
    }

    /// Records a lead's decision on an advice request, read with its row locked so two leads deciding at once each see
    /// the other's (`RetentionStore.decide` does the same for a person's file).
    public func decide(
        _ adviceID: UUID, by user: UUID, now: Date, _ decide: @escaping @Sendable (RetentionFile) -> Result<RetentionDecision, FormProblems>
    ) async throws -> Result<RetentionDecision, FormProblems> {
        guard let before = try await entry(adviceID) else { throw RecordError.notFound }
        return try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            try await db.lockForUpdate(AdviceRequestModel.schema, id: adviceID)
            let current = RetentionFile(
                id: adviceID, review: before.file.review, decisions: try await Self.decisions(of: adviceID, on: db, cipher: cipher).map(\.1))
            let decision: RetentionDecision
            switch decide(current) {
            case .failure(let problems): return .failure(problems)
            case .success(let made): decision = made
            }
            let id = UUID()
            let sealed = try cipher.seal(decision.reason, binding: "advice-retention-reason:\(id)")
            try await sql.raw(
                """
                INSERT INTO advice_retention_decisions (id, advice_id, step, until, key_id, sealed_reason, decided_by, decided_at)
                VALUES (\(bind: id), \(bind: adviceID), \(bind: decision.step.rawValue), \(bind: decision.until?.start), \(bind: sealed.keyID),
                \(bind: sealed.box), \(bind: user), \(bind: now))
                """
            ).run()
            var detail: [String: AuditDetail.Value] = ["step": .string(decision.step.rawValue)]
            if let until = decision.until { detail["until"] = .string(until.iso) }
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(user), .retentionReviewed, target: Self.target(adviceID), detail), on: db)
            if decision.step == .disposalProposed {
                try await notices?.postToLeads(
                    Notice(.disposalProposed, target: Self.target(adviceID), path: "/retention/advice/\(adviceID)"), except: user, now: now, on: db)
            }
            return .success(decision)
        }
    }

    /// Disposes of an advice request a lead proposed disposing of, carried out by another (`RetentionFile.disposal`):
    /// the question, the answer, its decisions and its notices go in one transaction, and `advice_disposed` names the
    /// request, the rule and both leads. Advice names nobody, so nothing of a person is in it to shred.
    public func dispose(_ adviceID: UUID, by user: UUID, confirmed: Bool, now: Date) async throws -> DisposalRefusal? {
        guard confirmed else { return .notConfirmed }
        return try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            try await db.lockForUpdate(AdviceRequestModel.schema, id: adviceID)
            guard let model = try await AdviceRequestModel.find(adviceID, on: db) else { throw RecordError.notFound }
            let advice = try AdviceStore(database, cipher: cipher).open(model)
            let file = RetentionFile(
                id: adviceID, review: schedule.review(adviceGivenOn: Self.givenOn(advice)),
                decisions: try await Self.decisions(of: adviceID, on: db, cipher: cipher).map(\.1))
            if let refusal = file.disposal(by: user, today: CalendarDay(containing: now)) { return refusal }
            guard let proposal = file.pendingDisposal else { return .noProposal }
            try await sql.raw("DELETE FROM advice_retention_decisions WHERE advice_id = \(bind: adviceID)").run()
            try await sql.raw("DELETE FROM notices WHERE target = \(bind: Self.target(adviceID))").run()
            try await model.delete(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(user), .adviceDisposed, target: Self.target(adviceID),
                    [
                        "rule": .string(file.reviewRule), "proposed_by": .string(AuditName.user(proposal.by.userID)),
                        "proposed_at": .int(Int64((proposal.by.at.timeIntervalSince1970 * 1000).rounded())),
                    ]), on: db)
            return nil
        }
    }

    static func target(_ id: UUID) -> String { "advice:\(id.uuidString.lowercased())" }
}
