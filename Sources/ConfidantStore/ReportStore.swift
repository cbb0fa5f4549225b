import ConfidantCore
import FluentKit
import Foundation
import SQLKit

/// The plain facts behind the oversight reports: when each concern and share happened and how it ended, never a
/// name, a word of a record or an id. Two statements for concerns and two for shares, over indexed time ranges, so a
/// report reads only the rows of the periods it shows.
public struct ReportStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher

    public init(_ database: ConfidantDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// Every concern submitted from `start` up to (not including) `end`, with its first triage decision.
    public func concernFacts(from start: Date, to end: Date) async throws -> [ConcernFact] {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let submitted = ConcernStatus.submitted.rawValue
        let storedAsJSON = sql.dialect.name == "sqlite"
        var firstTriage: [UUID: (at: Date, outcome: TriageOutcome)] = [:]
        for row in try await sql.raw(
            """
            SELECT d.concern_id, d.decided_at, d.outcome FROM triage_decisions d JOIN concerns c ON c.id = d.concern_id
            WHERE c.status = \(bind: submitted) AND c.submitted_at >= \(bind: start) AND c.submitted_at < \(bind: end)
            """
        ).all() {
            let concern = try row.decode(column: "concern_id", as: UUID.self)
            let at = try row.decode(column: "decided_at", as: Date.self)
            let outcome = try TriageOutcome.stored(try row.decode(column: "outcome", as: String.self), in: "triage_decisions.outcome")
            if let known = firstTriage[concern], known.at <= at { continue }
            firstTriage[concern] = (at, outcome)
        }
        var achieved: [UUID: CaseClosure.Achieved] = [:]
        for row in try await sql.raw(
            """
            SELECT k.concern_id, k.achieved FROM case_closures k JOIN concerns c ON c.id = k.concern_id
            WHERE c.submitted_at >= \(bind: start) AND c.submitted_at < \(bind: end)
            """
        ).all() {
            achieved[try row.decode(column: "concern_id", as: UUID.self)] = try CaseClosure.Achieved.stored(
                try row.decode(column: "achieved", as: String.self), in: "case_closures.achieved")
        }
        return try await sql.raw(
            """
            SELECT id, submitted_at, conversation_at, category_list, risk, disclosed_by, limits_explained, offered, wishes_asked FROM concerns
            WHERE status = \(bind: submitted) AND submitted_at >= \(bind: start) AND submitted_at < \(bind: end)
            """
        ).all().map { row in
            ConcernFact(
                submittedAt: try row.decode(column: "submitted_at", as: Date.self),
                conversationAt: try row.decode(column: "conversation_at", as: Date?.self),
                categories: try Self.categories(row, storedAsJSON: storedAsJSON).map { try ConcernCategory.stored($0, in: "concerns.category_list") },
                risk: try Self.word(row, "risk", RiskLevel.self),
                disclosedBy: try Self.word(row, "disclosed_by", DisclosedBy.self),
                limitsExplained: try row.decode(column: "limits_explained", as: Bool?.self),
                offered: try Self.word(row, "offered", ConfidentialityOffered.self),
                firstTriage: firstTriage[try row.decode(column: "id", as: UUID.self)],
                wishesAsked: try row.decode(column: "wishes_asked", as: Bool?.self), achieved: achieved[try row.decode(column: "id", as: UUID.self)])
        }
    }

    /// Every share proposed from `start` up to `end`: how it ended, whether it named the person, and for one that
    /// broke a confidence, how telling the person went by `now`.
    public func shareFacts(from start: Date, to end: Date, now: Date) async throws -> [ShareFact] {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        var tasks: [UUID: [CoveringTask]] = [:]
        for row in try await sql.raw(
            """
            SELECT l.share_id, t.kind, t.due_at, t.completed_at FROM share_task_shares l
            JOIN share_tasks t ON t.id = l.task_id JOIN shares s ON s.id = l.share_id
            WHERE s.created_at >= \(bind: start) AND s.created_at < \(bind: end)
            """
        ).all() {
            let task = CoveringTask(
                kind: try InformTask.Kind.stored(try row.decode(column: "kind", as: String.self), in: "share_tasks.kind"),
                dueAt: try row.decode(column: "due_at", as: Date.self), completedAt: try row.decode(column: "completed_at", as: Date?.self))
            tasks[try row.decode(column: "share_id", as: UUID.self), default: []].append(task)
        }
        var facts: [ShareFact] = []
        for row in try await sql.raw(
            """
            SELECT id, status, created_at, engine_outcome, identified, key_id, sealed_snapshot FROM shares
            WHERE created_at >= \(bind: start) AND created_at < \(bind: end)
            """
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let status = try ShareStatus.stored(try row.decode(column: "status", as: String.self), in: "shares.status")
            var outcome = try Self.word(row, "engine_outcome", ShareOutcome.self)
            var identified = try row.decode(column: "identified", as: Bool?.self)
            if outcome == nil || identified == nil {
                (outcome, identified) = try await fillFacts(
                    of: id,
                    sealed: .init(
                        keyID: try row.decode(column: "key_id", as: String.self), box: try row.decode(column: "sealed_snapshot", as: String.self)),
                    sql: sql)
            }
            facts.append(
                ShareFact(
                    proposedAt: try row.decode(column: "created_at", as: Date.self), ending: Self.ending(status, outcome: outcome),
                    identified: identified, informing: Self.informing(tasks[id] ?? [], now: now)))
        }
        return facts
    }

    /// Copies a share's engine outcome and form out of its snapshot into the plain columns, once, for a share made
    /// before they existed.
    func fillFacts(of id: UUID, sealed: FieldCipher.Sealed, sql: any SQLDatabase) async throws -> (ShareOutcome?, Bool?) {
        let snapshot = try cipher.open(ShareSnapshot.self, sealed, binding: "share:\(id)")
        let identified = snapshot.form == .identified
        try await sql.raw(
            "UPDATE shares SET engine_outcome = \(bind: snapshot.outcome.rawValue), identified = \(bind: identified) WHERE id = \(bind: id)"
        ).run()
        return (snapshot.outcome, identified)
    }

    static func ending(_ status: ShareStatus, outcome: ShareOutcome?) -> ShareFact.Ending {
        switch status {
        case .shared: outcome == .escalate ? .approved : .permitted
        case .awaitingApproval: .awaitingApproval
        case .refused: .refused
        case .notShared: outcome == .deny ? .denied : .notShared
        }
    }

    /// A concern's categories: a text array on PostgreSQL; on SQLite a JSON array of plain words, read without a JSON
    /// decoder per row (the words are Confidant's own, letters and underscores only).
    static func categories(_ row: any SQLRow, storedAsJSON: Bool) throws -> [String] {
        guard storedAsJSON else { return try row.decode(column: "category_list", as: [String].self) }
        let text = try row.decode(column: "category_list", as: String.self)
        return text.split(whereSeparator: { $0 == "\"" || $0 == "," || $0 == "[" || $0 == "]" || $0 == " " }).map(String.init)
    }

    /// A task that covers a share, as far as the report needs it.
    struct CoveringTask {
        let kind: InformTask.Kind
        let dueAt: Date
        let completedAt: Date?
    }

    /// How telling the person went for a share that broke a confidence (it has tasks; one that broke none has none):
    /// withheld when a lead recorded why not, otherwise as the telling (inform) task went.
    static func informing(_ tasks: [CoveringTask], now: Date) -> ShareFact.Informing? {
        if let withheld = tasks.first(where: { $0.kind == .reasonNotInformed }) {
            return ShareFact.informing(dueAt: withheld.dueAt, completedAt: withheld.completedAt, withheld: true, now: now)
        }
        guard let telling = tasks.first(where: { $0.kind == .inform }) ?? tasks.first else { return nil }
        return ShareFact.informing(dueAt: telling.dueAt, completedAt: telling.completedAt, withheld: false, now: now)
    }

    /// A vocabulary word from a column that may be empty.
    static func word<Word: RawRepresentable>(_ row: any SQLRow, _ column: String, _ type: Word.Type) throws -> Word?
    where Word.RawValue == String {
        try row.decode(column: column, as: String?.self).map { try Word.stored($0, in: column) }
    }
}
