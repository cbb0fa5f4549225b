import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// Disposing of a person's file after its retention review (IRMS toolkit; docs/data-protection.md): a second lead
/// carries out what a first proposed. The file's own key is destroyed (`PersonKeys`), so whatever copy of its rows
/// survives elsewhere opens no more, and every row of the file is deleted in the same transaction — the person, their
/// earlier details, their concerns with everything hanging from them (addenda, decisions, closures, shares with
/// their tasks and codes, files, body marks), their retention decisions and subject access requests, and any words
/// a form kept for them. What the oversight reports count of each concern is kept with no id or word
/// (`disposed_concern_facts`), and one audit event certifies the disposal; the audit chain itself is untouched, so
/// it verifies afterwards as before. On SQLite deleted content is overwritten (`secure_delete`) and the
/// write-ahead log checkpointed and truncated, so the database file keeps no copy of what was deleted.
public struct FileDisposal: Sendable {
    let database: ConfidantDatabase
    let retention: RetentionStore
    /// The organisation's time zone: the kept report facts stand at the start of its months.
    let times: DisposedFactTimes

    public init(_ database: ConfidantDatabase, retention: RetentionStore, timeZone: TimeZone) {
        self.database = database
        self.retention = retention
        self.times = DisposedFactTimes(timeZone: timeZone)
    }

    /// Disposes of the file of `personID` as `user`, a lead, at `now`; the refusal when it may not be (not due, under
    /// hold, not proposed by another lead, not confirmed). A share and its tasks always belong to the file of the
    /// concern they were made from (`ShareProposal`, `ShareStore.openTasks`), so no other file holds rows of this one.
    public func dispose(_ personID: UUID, by user: UUID, confirmed: Bool, now: Date) async throws -> Result<DisposalCertificate, DisposalRefusal> {
        let today = CalendarDay(containing: now)
        let records = RecordStore(database, cipher: retention.cipher)
        let outcome: Result<AuditEvent, DisposalRefusal> = try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            // The file as it stands with its row locked: a concern or addendum recorded a moment ago moves an adult's
            // review date, and is then seen here.
            try await db.lockForUpdate(PersonModel.schema, id: personID)
            guard let model = try await PersonModel.find(personID, on: db) else { throw RecordError.notFound }
            let person = try records.open(model, within: try await records.personKeys.keys(for: [personID], on: db)[personID])
            let contact = try await retention.lastContact(of: personID, on: db)[personID] ?? person.createdAt
            let decisions = try await retention.decisions(of: personID, on: db)
            let file = RetentionFile(id: personID, review: retention.review(of: person, lastContact: contact), decisions: decisions)
            if let refusal = file.disposal(by: user, today: today) { return .failure(refusal) }
            guard confirmed else { return .failure(.notConfirmed) }
            guard let proposal = file.pendingDisposal else { return .failure(.noProposal) }
            let rows = try await FileRows.gather(personID, on: sql)
            if !database.isPostgres { try await sql.raw("PRAGMA secure_delete = ON").run() }
            try await rows.keepReportFacts(times, on: sql)
            try await rows.keepShareFacts(times, reports: ReportStore(database, cipher: retention.cipher), now: now, on: sql)
            try await rows.delete(personID, on: sql)
            let record = DisposalRecord(
                personID: personID, kind: person.kind, rule: file.reviewRule, proposedBy: proposal.by,
                disposedBy: DecisionBy(userID: user, at: now), counts: rows.counts(retentionDecisions: decisions.count))
            let event = try await AuditLogStore.append(
                .at(now, actor: AuditName.user(user), .fileDisposed, target: "person:\(personID.uuidString.lowercased())", record.auditDetail),
                on: db)
            return .success(event)
        }
        switch outcome {
        case .failure(let refusal): return .failure(refusal)
        case .success(let event):
            await tidyAfterDisposal()
            guard let certificate = try await certificate(event.sequence) else { throw StoreError.unreadableRow("the disposal's event") }
            return .success(certificate)
        }
    }

    /// Leaves as little as the database allows of what the disposal deleted. The disposal is committed whatever
    /// happens here, so a failure is logged, not thrown.
    func tidyAfterDisposal() async {
        guard let sql = database.database as? any SQLDatabase else { return }
        do {
            if database.isPostgres {
                // The deleted rows are dead but still in their pages until a vacuum marks the space for reuse; the
                // bytes stay until it is reused (docs/data-protection.md, "Limits").
                try await sql.raw("VACUUM person_keys").run()
            } else {
                // The write-ahead log still holds the pages as they were before the deletion: copied into the
                // database file (where secure_delete zeroed them) and truncated. A reader in the middle of a read
                // keeps it from finishing: then it is said, and the next checkpoint finishes it.
                let busy = try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").first()?.decode(column: "busy", as: Int.self) ?? 0
                if busy != 0 { database.logger.warning("the checkpoint after a disposal was kept from truncating the log; the next one will") }
            }
        } catch {
            database.logger.warning("tidying up after a disposal failed: \(error)")
        }
    }

    /// The certificate of the disposal event `sequence`, with its inclusion proof in the log as it stands now; nil
    /// when that event is not a disposal.
    public func certificate(_ sequence: UInt64) async throws -> DisposalCertificate? {
        let log = AuditLogStore(database)
        guard let event = try await log.event(sequence), let record = DisposalRecord.certified(by: event),
            let proof = try await log.inclusionProof(of: sequence)
        else { return nil }
        return DisposalCertificate(record: record, sequence: sequence, eventHash: event.hash, proof: proof)
    }

    /// Every disposal, newest first, with the sequence number of its event.
    public func disposals() async throws -> [(sequence: UInt64, record: DisposalRecord)] {
        try await AuditLogStore(database).events(of: .fileDisposed).reversed().compactMap { event in
            DisposalRecord.certified(by: event).map { (event.sequence, $0) }
        }
    }
}

/// The rows of one person's file, found before a disposal deletes them.
struct FileRows {
    var concerns: [UUID] = []
    var shares: [UUID] = []
    var tasks: [UUID] = []
    var attachments: [UUID] = []
    var addenda = 0
    var decisions = 0
    var closures = 0
    var bodyMarks = 0
    var detailVersions = 0
    var subjectAccessRequests: [UUID] = []
    var familyLinks = 0

    static func gather(_ personID: UUID, on sql: any SQLDatabase) async throws -> FileRows {
        var rows = FileRows()
        rows.concerns = try await ids("SELECT id FROM concerns WHERE person_id = \(bind: personID)", on: sql)
        rows.shares = try await ids(
            "SELECT s.id FROM shares s JOIN concerns c ON c.id = s.concern_id WHERE c.person_id = \(bind: personID)", on: sql)
        rows.tasks = try await ids(
            "SELECT t.id FROM share_tasks t JOIN shares s ON s.id = t.share_id JOIN concerns c ON c.id = s.concern_id WHERE c.person_id = \(bind: personID)",
            on: sql)
        let owners = rows.concerns + [personID]
        rows.attachments = try await ids("SELECT id FROM attachments WHERE owner_id IN (\(binds: owners))", on: sql)
        if !rows.concerns.isEmpty {
            let concerns = rows.concerns
            rows.addenda = try await count("SELECT COUNT(*) AS n FROM addenda WHERE concern_id IN (\(binds: concerns))", on: sql)
            rows.decisions = try await count("SELECT COUNT(*) AS n FROM triage_decisions WHERE concern_id IN (\(binds: concerns))", on: sql)
            rows.closures = try await count("SELECT COUNT(*) AS n FROM case_closures WHERE concern_id IN (\(binds: concerns))", on: sql)
        }
        rows.bodyMarks = try await count("SELECT COUNT(*) AS n FROM body_marks WHERE person_id = \(bind: personID)", on: sql)
        rows.detailVersions = try await count("SELECT COUNT(*) AS n FROM person_history WHERE person_id = \(bind: personID)", on: sql)
        rows.subjectAccessRequests = try await ids("SELECT id FROM subject_access_requests WHERE person_id = \(bind: personID)", on: sql)
        rows.familyLinks = try await count(
            "SELECT COUNT(*) AS n FROM person_links WHERE person_id = \(bind: personID) OR linked_person_id = \(bind: personID)", on: sql)
        return rows
    }

    func counts(retentionDecisions: Int) -> DisposalCounts {
        var counts = DisposalCounts()
        counts.concerns = concerns.count
        counts.addenda = addenda
        counts.decisions = decisions
        counts.closures = closures
        counts.shares = shares.count
        counts.tasks = tasks.count
        counts.attachments = attachments.count
        counts.bodyMarks = bodyMarks
        counts.detailVersions = detailVersions
        counts.subjectAccessRequests = subjectAccessRequests.count
        counts.retentionDecisions = retentionDecisions
        counts.familyLinks = familyLinks
        return counts
    }

    /// Copies what the reports count of each submitted concern, with no id, person or word, and its times blurred
    /// (`DisposedFactTimes`) so that the audit log's times of the concern's events do not tie them back to it.
    func keepReportFacts(_ times: DisposedFactTimes, on sql: any SQLDatabase) async throws {
        guard !concerns.isEmpty else { return }
        let concerns = self.concerns
        for row in try await sql.raw(
            """
            SELECT c.submitted_at, c.conversation_at, c.first_triaged_at, c.category_list, c.risk, c.disclosed_by, c.limits_explained,
              c.offered, c.wishes_asked, c.first_triage_outcome, k.achieved
            FROM concerns c LEFT JOIN case_closures k ON k.concern_id = c.id
            WHERE c.id IN (\(binds: concerns)) AND c.status = \(bind: ConcernStatus.submitted.rawValue) AND c.submitted_at IS NOT NULL
            """
        ).all() {
            let categories = try ReportStore.categories(row, storedAsJSON: sql.dialect.name == "sqlite")
            let submitted = try row.decode(column: "submitted_at", as: Date.self)
            let month = times.monthStart(of: submitted)
            let conversation = times.moved(try row.decode(column: "conversation_at", as: Date?.self), from: submitted, to: month)
            let triaged = times.moved(try row.decode(column: "first_triaged_at", as: Date?.self), from: submitted, to: month)
            try await sql.raw(
                """
                INSERT INTO disposed_concern_facts (id, submitted_at, conversation_at, first_triaged_at, category_list, risk, disclosed_by,
                  limits_explained, offered, wishes_asked, first_triage_outcome, achieved)
                VALUES (\(bind: UUID()), \(bind: month), \(bind: conversation), \(bind: triaged),
                  \(bind: categories), \(bind: try row.decode(column: "risk", as: String?.self)),
                  \(bind: try row.decode(column: "disclosed_by", as: String?.self)), \(bind: try row.decode(column: "limits_explained", as: Bool?.self)),
                  \(bind: try row.decode(column: "offered", as: String?.self)), \(bind: try row.decode(column: "wishes_asked", as: Bool?.self)),
                  \(bind: try row.decode(column: "first_triage_outcome", as: String?.self)), \(bind: try row.decode(column: "achieved", as: String?.self)))
                """
            ).run()
        }
    }

    /// Copies what the sharing report counts of each share, with no id, person or word: the month it was proposed in,
    /// and how telling the person had gone by `now` (a task of a disposed file is never done later, so an open one
    /// stays counted open). A share made before the plain columns existed has them filled from its snapshot first,
    /// as the report would.
    func keepShareFacts(_ times: DisposedFactTimes, reports: ReportStore, now: Date, on sql: any SQLDatabase) async throws {
        guard !shares.isEmpty else { return }
        let shares = self.shares
        var tasks: [UUID: [ReportStore.CoveringTask]] = [:]
        for row in try await sql.raw(
            """
            SELECT l.share_id, t.kind, t.due_at, t.completed_at FROM share_task_shares l JOIN share_tasks t ON t.id = l.task_id
            WHERE l.share_id IN (\(binds: shares))
            """
        ).all() {
            let task = ReportStore.CoveringTask(
                kind: try InformTask.Kind.stored(try row.decode(column: "kind", as: String.self), in: "share_tasks.kind"),
                dueAt: try row.decode(column: "due_at", as: Date.self), completedAt: try row.decode(column: "completed_at", as: Date?.self))
            tasks[try row.decode(column: "share_id", as: UUID.self), default: []].append(task)
        }
        for row in try await sql.raw(
            "SELECT id, person_id, created_at, status, engine_outcome, identified, key_id, sealed_snapshot FROM shares WHERE id IN (\(binds: shares))"
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let informing = ReportStore.informing(tasks[id] ?? [], now: now)
            var outcome = try row.decode(column: "engine_outcome", as: String?.self)
            var identified = try row.decode(column: "identified", as: Bool?.self)
            if outcome == nil || identified == nil {
                let sealed = FieldCipher.Sealed(
                    keyID: try row.decode(column: "key_id", as: String.self), box: try row.decode(column: "sealed_snapshot", as: String.self))
                let filled = try await reports.fillFacts(
                    of: id, personID: try row.decode(column: "person_id", as: UUID.self), sealed: sealed, sql: sql)
                (outcome, identified) = (filled.0?.rawValue, filled.1)
            }
            let month = times.monthStart(of: try row.decode(column: "created_at", as: Date.self))
            try await sql.raw(
                """
                INSERT INTO disposed_share_facts (id, created_at, status, engine_outcome, identified, informing)
                VALUES (\(bind: UUID()), \(bind: month), \(bind: try row.decode(column: "status", as: String.self)), \(bind: outcome), \(bind: identified),
                  \(bind: informing?.rawValue))
                """
            ).run()
        }
    }

    /// Deletes every row of the file, those that point at others first.
    func delete(_ personID: UUID, on sql: any SQLDatabase) async throws {
        func run(_ statement: SQLQueryString) async throws { try await sql.raw(statement).run() }
        if !tasks.isEmpty || !shares.isEmpty {
            let (tasks, shares) = (self.tasks, self.shares)
            if !tasks.isEmpty {
                try await run("DELETE FROM share_task_shares WHERE task_id IN (\(binds: tasks))")
                try await run("DELETE FROM notices WHERE target IN (\(binds: tasks.map { "task:\($0.uuidString.lowercased())" }))")
                try await run("DELETE FROM share_tasks WHERE id IN (\(binds: tasks))")
            }
            if !shares.isEmpty {
                try await run("DELETE FROM share_task_shares WHERE share_id IN (\(binds: shares))")
                try await run("DELETE FROM share_access_codes WHERE share_id IN (\(binds: shares))")
                try await run("DELETE FROM share_passes WHERE share_id IN (\(binds: shares))")
                // A breach stays in the register (it is the organisation's record, kept on its own terms); it no
                // longer points at the share.
                try await run("UPDATE breaches SET share_id = NULL WHERE share_id IN (\(binds: shares))")
                try await run("DELETE FROM notices WHERE target IN (\(binds: shares.map { "share:\($0.uuidString.lowercased())" }))")
                try await run("DELETE FROM shares WHERE id IN (\(binds: shares))")
            }
        }
        // By owner, not by the ids gathered: an upload begun since is deleted too.
        let owners = concerns + [personID]
        try await run("DELETE FROM attachment_pieces WHERE attachment_id IN (SELECT id FROM attachments WHERE owner_id IN (\(binds: owners)))")
        try await run("DELETE FROM attachments WHERE owner_id IN (\(binds: owners))")
        try await run("DELETE FROM body_marks WHERE person_id = \(bind: personID)")
        if !concerns.isEmpty {
            let concerns = self.concerns
            try await run("DELETE FROM case_closures WHERE concern_id IN (\(binds: concerns))")
            try await run("DELETE FROM triage_decisions WHERE concern_id IN (\(binds: concerns))")
            try await run("DELETE FROM addenda WHERE concern_id IN (\(binds: concerns))")
            try await run("DELETE FROM notices WHERE target IN (\(binds: concerns.map { "concern:\($0.uuidString.lowercased())" }))")
            try await run("DELETE FROM concerns WHERE id IN (\(binds: concerns))")
        }
        let lower = personID.uuidString.lowercased()
        try await run("DELETE FROM notices WHERE target = \(bind: "person:\(lower)")")
        // Words a form kept (sealed under the installation's key alone) for the person's pages and their concerns'.
        try await run("DELETE FROM kept_forms WHERE LOWER(path) LIKE \(bind: "/people/\(lower)/%")")
        for concern in concerns {
            try await run("DELETE FROM kept_forms WHERE LOWER(path) LIKE \(bind: "/concerns/\(concern.uuidString.lowercased())/%")")
        }
        for request in subjectAccessRequests {
            try await run("DELETE FROM notices WHERE target LIKE \(bind: SubjectAccessStore.target(request) + "@%")")
        }
        try await run("DELETE FROM subject_access_requests WHERE person_id = \(bind: personID)")
        try await run("DELETE FROM retention_decisions WHERE person_id = \(bind: personID)")
        try await run("DELETE FROM transfers WHERE person_id = \(bind: personID)")
        try await run("DELETE FROM received_transfers WHERE person_id = \(bind: personID)")
        try await run("DELETE FROM person_links WHERE person_id = \(bind: personID) OR linked_person_id = \(bind: personID)")
        try await run("DELETE FROM person_history WHERE person_id = \(bind: personID)")
        try await run("DELETE FROM person_search_terms WHERE person_id = \(bind: personID)")
        try await run("DELETE FROM duplicate_reviews WHERE person_id = \(bind: personID)")
        // Other people's open reviews that named this person as a possible match no longer do.
        try await run(
            "UPDATE duplicate_reviews SET matches = TRIM(REPLACE(' ' || matches || ' ', \(bind: " \(lower) "), ' ')) WHERE matches LIKE \(bind: "%\(lower)%")"
        )
        try await run("DELETE FROM duplicate_reviews WHERE matches = ''")
        // The file's key last but one: with it goes every copy of what was sealed within it.
        try await run("DELETE FROM person_keys WHERE person_id = \(bind: personID)")
        try await run("DELETE FROM people WHERE id = \(bind: personID)")
    }

    static func ids(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [UUID] {
        try await sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    static func count(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
