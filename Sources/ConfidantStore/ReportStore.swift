import ConfidantCore
import FluentKit
import Foundation
import SQLKit
import Synchronization

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

    /// The concerns submitted in `period` and the period before: alike concerns counted together in the database
    /// (`ConcernFact.count`), each standing at the first instant of its month in the period (or of the period before),
    /// which is all the report asks of when; and each concern's times, for the durations. Two statements, whatever the
    /// number of concerns, and no row object per concern for the counts.
    public func concerns(in period: ReportPeriod) async throws -> (facts: [ConcernFact], timings: [ConcernTiming]) {
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        let submitted = ConcernStatus.submitted.rawValue
        let storedAsJSON = sql.dialect.name == "sqlite"
        let (start, end) = (period.previous.start, period.end)
        // Which month of the period each concern falls in (0, 1, …), or -1 for the period before; months start at
        // local midnight, worked out here rather than in either database's own date functions.
        let months = period.monthStarts.map { max($0.start, period.start) }
        var bucket: SQLQueryString = "CASE WHEN c.submitted_at < \(bind: period.start) THEN -1"
        for (index, next) in months.dropFirst().enumerated() { bucket = bucket + " WHEN c.submitted_at < \(bind: next) THEN \(literal: index)" }
        bucket = bucket + " ELSE \(literal: months.count - 1) END"
        let grouped: SQLQueryString =
            "SELECT " + bucket
                + """
                 AS bucket, c.category_list, c.risk, c.disclosed_by, c.limits_explained, c.offered, c.wishes_asked,
                  c.first_triage_outcome, c.achieved, COUNT(*) AS n
                FROM (\(Self.concernFacts(submitted: submitted, from: start, to: end))) AS c
                GROUP BY bucket, c.category_list, c.risk, c.disclosed_by, c.limits_explained, c.offered, c.wishes_asked, c.first_triage_outcome, c.achieved
                """
        let facts = try await sql.raw(grouped).all().map { row in
            let index = try row.decode(column: "bucket", as: Int.self)
            let at = index < 0 ? period.previous.start : months[min(index, months.count - 1)]
            return ConcernFact(
                submittedAt: at,
                categories: try Self.categories(row, storedAsJSON: storedAsJSON).map { try ConcernCategory.stored($0, in: "concerns.category_list") },
                risk: try Self.word(row, "risk", RiskLevel.self), disclosedBy: try Self.word(row, "disclosed_by", DisclosedBy.self),
                limitsExplained: try row.decode(column: "limits_explained", as: Bool?.self),
                offered: try Self.word(row, "offered", ConfidentialityOffered.self),
                firstTriage: try Self.word(row, "first_triage_outcome", TriageOutcome.self).map { (at, $0) },
                wishesAsked: try row.decode(column: "wishes_asked", as: Bool?.self),
                achieved: try Self.word(row, "achieved", CaseClosure.Achieved.self), count: try row.decode(column: "n", as: Int.self))
        }
        // One row per concern, taken as it is read rather than all rows first: at a million concerns a period holds
        // half a million, and the rows held at once took 270 MB more than the timings themselves.
        let timings = TimingRows()
        try await sql.raw(
            "SELECT c.submitted_at, c.conversation_at, c.first_triaged_at FROM (" + Self.concernFacts(submitted: submitted, from: start, to: end)
                + ") AS c"
        ).run { row in timings.add(row) }
        return (facts, try timings.read())
    }

    /// Concerns' times, collected row by row while the statement runs; the first row that cannot be read fails the lot.
    final class TimingRows: Sendable {
        private let state = Mutex<(timings: [ConcernTiming], error: (any Error)?)>(([], nil))

        func add(_ row: any SQLRow) {
            state.withLock { state in
                guard state.error == nil else { return }
                do {
                    state.timings.append(
                        ConcernTiming(
                            submittedAt: try row.decode(column: "submitted_at", as: Date.self),
                            conversationAt: try row.decode(column: "conversation_at", as: Date?.self),
                            triagedAt: try row.decode(column: "first_triaged_at", as: Date?.self)))
                } catch {
                    state.error = error
                }
            }
        }

        func read() throws -> [ConcernTiming] {
            try state.withLock { state in
                if let error = state.error { throw error }
                return state.timings
            }
        }
    }

    /// The facts of every concern submitted from `start` up to `end`: those still held, and those of files disposed
    /// of since (`FileDisposal` keeps them without an id), so a past period's figures stay as they were.
    static func concernFacts(submitted: String, from start: Date, to end: Date) -> SQLQueryString {
        """
        SELECT c.submitted_at, c.conversation_at, c.first_triaged_at, c.category_list, c.risk, c.disclosed_by, c.limits_explained, c.offered,
          c.wishes_asked, c.first_triage_outcome, k.achieved
        FROM concerns c LEFT JOIN case_closures k ON k.concern_id = c.id
        WHERE c.status = \(bind: submitted) AND c.submitted_at >= \(bind: start) AND c.submitted_at < \(bind: end)
        UNION ALL
        SELECT submitted_at, conversation_at, first_triaged_at, category_list, risk, disclosed_by, limits_explained, offered,
          wishes_asked, first_triage_outcome, achieved
        FROM disposed_concern_facts WHERE submitted_at >= \(bind: start) AND submitted_at < \(bind: end)
        """
    }

    /// Every share proposed from `start` up to `end`: how it ended, whether it named the person, and for one that
    /// broke a confidence, how telling the person went by `now`.
    public func shareFacts(from start: Date, to end: Date, now: Date) async throws -> [ShareFact] {
        // Read on a reader; the rare share made before the plain columns existed has them filled through the writer.
        guard let sql = database.reader as? any SQLDatabase, let writer = database.database as? any SQLDatabase else {
            throw StoreError.notSQL
        }
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
            SELECT id, status, created_at, engine_outcome, identified FROM shares
            WHERE created_at >= \(bind: start) AND created_at < \(bind: end)
            """
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let status = try ShareStatus.stored(try row.decode(column: "status", as: String.self), in: "shares.status")
            var outcome = try Self.word(row, "engine_outcome", ShareOutcome.self)
            var identified = try row.decode(column: "identified", as: Bool?.self)
            if outcome == nil || identified == nil {
                // The sealed snapshot is read only for these: it is most of a share's row.
                guard let sealed = try await sql.raw("SELECT person_id, key_id, sealed_snapshot FROM shares WHERE id = \(bind: id)").first()
                else { continue }
                (outcome, identified) = try await fillFacts(
                    of: id, personID: try sealed.decode(column: "person_id", as: UUID.self),
                    sealed: .init(
                        keyID: try sealed.decode(column: "key_id", as: String.self),
                        box: try sealed.decode(column: "sealed_snapshot", as: String.self)),
                    sql: writer)
            }
            facts.append(
                ShareFact(
                    proposedAt: try row.decode(column: "created_at", as: Date.self), ending: Self.ending(status, outcome: outcome),
                    identified: identified, informing: Self.informing(tasks[id] ?? [], now: now)))
        }
        // Shares of files disposed of since, kept without an id so a past period's figures stay as they were.
        for row in try await sql.raw(
            """
            SELECT created_at, status, engine_outcome, identified, informing FROM disposed_share_facts
            WHERE created_at >= \(bind: start) AND created_at < \(bind: end)
            """
        ).all() {
            let status = try ShareStatus.stored(try row.decode(column: "status", as: String.self), in: "disposed_share_facts.status")
            facts.append(
                ShareFact(
                    proposedAt: try row.decode(column: "created_at", as: Date.self),
                    ending: Self.ending(status, outcome: try Self.word(row, "engine_outcome", ShareOutcome.self)),
                    identified: try row.decode(column: "identified", as: Bool?.self),
                    informing: try Self.word(row, "informing", ShareFact.Informing.self)))
        }
        return facts
    }

    /// Copies a share's engine outcome and form out of its snapshot into the plain columns, once, for a share made
    /// before they existed.
    /// The snapshot is sealed within the person's file key (`PersonKeys`; none for a file recorded before files had keys).
    func fillFacts(of id: UUID, personID: UUID, sealed: FieldCipher.Sealed, sql: any SQLDatabase) async throws -> (ShareOutcome?, Bool?) {
        let key = try await PersonKeys(cipher: cipher).keys(for: [personID], on: sql)[personID]
        let snapshot = try cipher.open(ShareSnapshot.self, sealed, binding: "share:\(id)", within: key)
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
