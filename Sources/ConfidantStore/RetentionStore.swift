import ConfidantCore
import Crypto
import FluentKit
import FluentSQL
import Foundation

/// Retention reviews (IRMS toolkit; docs/data-protection.md): when each person's file is reviewed under the
/// organisation's schedule, and the leads' decisions at each review. A review date never deletes anything.
public struct RetentionStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher
    let schedule: RetentionSchedule
    /// Who is told of a proposal to dispose of a file: the other leads; nil where nobody is (the command line, tests).
    let notices: NoticeBoard?

    public init(_ database: ConfidantDatabase, cipher: FieldCipher, schedule: RetentionSchedule, notices: NoticeBoard? = nil) {
        self.database = database
        self.cipher = cipher
        self.schedule = schedule
        self.notices = notices
    }

    /// A person's file as retention sees it, with their kind.
    public struct Entry: Sendable, Equatable {
        public let person: Person
        public let file: RetentionFile
    }

    /// One person's file, without logging (the caller logs the read of the page that shows it).
    public func file(of person: Person) async throws -> RetentionFile {
        let contact = try await lastContact(of: person.id)[person.id] ?? person.createdAt
        return RetentionFile(id: person.id, review: review(of: person, lastContact: contact), decisions: try await decisions(of: person.id))
    }

    /// One person's file, read by id.
    func file(of personID: UUID) async throws -> RetentionFile {
        guard let model = try await PersonModel.find(personID, on: database.database) else { throw RecordError.notFound }
        return try await file(of: RecordStore(database, cipher: cipher).open([model])[0])
    }

    /// Every person's file, the soonest reviewed first. Each person's details are opened (their date of birth is
    /// sealed), so this costs one decryption a person: the queue and the report, not every page.
    public func entries() async throws -> [Entry] {
        let models = try await PersonModel.query(on: database.database).all()
        let contacts = try await lastContact(of: nil)
        var decisions: [UUID: [RetentionDecision]] = [:]
        let keys = try await PersonKeys(cipher: cipher).keys(for: try models.map { try $0.requireID() }, on: database.database)
        for model in try await RetentionDecisionModel.query(on: database.database).sort(\.$decidedAt).all() {
            decisions[model.personID, default: []].append(try open(model, within: keys[model.personID]))
        }
        let records = RecordStore(database, cipher: cipher)
        return try models.map { model in
            let person = try records.open(model, within: keys[try model.requireID()])
            let file = RetentionFile(
                id: person.id, review: review(of: person, lastContact: contacts[person.id] ?? person.createdAt),
                decisions: decisions[person.id] ?? [])
            return Entry(person: person, file: file)
        }
        .sorted { $0.file.reviewOn < $1.file.reviewOn }
    }

    func review(of person: Person, lastContact: Date) -> RetentionSchedule.Review {
        schedule.review(kind: person.kind, born: CalendarDay(person.details.dateOfBirth), lastContact: CalendarDay(containing: lastContact))
    }

    /// The decisions on one person's file, oldest first.
    public func decisions(of personID: UUID) async throws -> [RetentionDecision] {
        try await decisions(of: personID, on: database.database)
    }

    func decisions(of personID: UUID, on db: any Database) async throws -> [RetentionDecision] {
        let key = try await PersonKeys(cipher: cipher).keys(for: [personID], on: db)[personID]
        return try await RetentionDecisionModel.query(on: db).filter(\.$personID == personID).sort(\.$decidedAt).all()
            .map { try open($0, within: key) }
    }

    /// Records a lead's decision: `decide` gets the file as it stands, read with the person's row locked so two
    /// leads deciding at once each see the other's, and answers the decision or the problems with the form.
    public func decide(
        _ personID: UUID, by user: UUID, now: Date, _ decide: @escaping @Sendable (RetentionFile) -> Result<RetentionDecision, FormProblems>
    ) async throws -> Result<RetentionDecision, FormProblems> {
        let before = try await file(of: personID)
        return try await database.database.transaction { db in
            try await db.lockForUpdate(PersonModel.schema, id: personID)
            let decisions = try await decisions(of: personID, on: db)
            let current = RetentionFile(id: personID, review: before.review, decisions: decisions)
            let decision: RetentionDecision
            switch decide(current) {
            case .failure(let problems): return .failure(problems)
            case .success(let made): decision = made
            }
            let id = UUID()
            let sealed = try cipher.seal(
                decision.reason, binding: "retention-reason:\(id)", within: try await PersonKeys(cipher: cipher).key(for: personID, now: now, on: db))
            let model = RetentionDecisionModel()
            model.id = id
            model.personID = personID
            model.step = decision.step.rawValue
            model.until = decision.until?.start
            model.keyID = sealed.keyID
            model.sealedReason = sealed.box
            model.decidedBy = user
            model.decidedAt = now
            try await model.create(on: db)
            var detail: [String: AuditDetail.Value] = ["step": .string(decision.step.rawValue)]
            if let until = decision.until { detail["until"] = .string(until.iso) }
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(user), .retentionReviewed, target: "person:\(personID.uuidString.lowercased())", detail), on: db)
            // Disposal takes a second lead: the others are told it waits for one of them.
            if decision.step == .disposalProposed {
                try await notices?.postToLeads(
                    Notice(.disposalProposed, target: "person:\(personID.uuidString.lowercased())", path: "/people/\(personID)/retention"),
                    except: user, now: now, on: db)
            }
            return .success(decision)
        }
    }

    /// The latest day anything was recorded about `personID`, or about everyone when nil: a concern (its
    /// conversation or its submission), an addendum or a triage decision. A person with none is counted from the
    /// day they were recorded. One statement, each part of it filtered to the person when one is asked for.
    func lastContact(of personID: UUID?, on db: (any Database)? = nil) async throws -> [UUID: Date] {
        guard let sql = (db ?? database.database) as? any SQLDatabase else { throw StoreError.notSQL }
        let only: SQLQueryString = personID.map { "WHERE c.person_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw(
            """
            SELECT person_id, MAX(latest) AS latest FROM (
              SELECT c.person_id AS person_id, COALESCE(c.submitted_at, c.created_at) AS latest FROM concerns c \(only)
              UNION ALL SELECT c.person_id, c.conversation_at FROM concerns c \(only)
              UNION ALL SELECT c.person_id, a.created_at FROM addenda a JOIN concerns c ON c.id = a.concern_id \(only)
              UNION ALL SELECT c.person_id, d.decided_at FROM triage_decisions d JOIN concerns c ON c.id = d.concern_id \(only)
            ) AS contacts GROUP BY person_id
            """
        ).all()
        var latest: [UUID: Date] = [:]
        for row in rows {
            guard let at = try row.decode(column: "latest", as: Date?.self) else { continue }
            latest[try row.decode(column: "person_id", as: UUID.self)] = at
        }
        return latest
    }

    func open(_ model: RetentionDecisionModel, within key: SymmetricKey?) throws -> RetentionDecision {
        let id = try model.requireID()
        return RetentionDecision(
            step: try RetentionDecision.Step.stored(model.step, in: "retention_decisions.step"),
            until: model.until.map { CalendarDay(containing: $0) },
            reason: try cipher.open(String.self, .init(keyID: model.keyID, box: model.sealedReason), binding: "retention-reason:\(id)", within: key),
            by: DecisionBy(userID: model.decidedBy, at: model.decidedAt))
    }
}
