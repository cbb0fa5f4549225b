import ConfidantCore
import FluentKit
import Foundation
import SQLKit

/// Made-up records in bulk, for benchmarks and for trying Confidant at the sizes a large organisation reaches
/// (`confidant demo load --people N --concerns N`): people, submitted concerns, triage decisions, shares to a partner
/// contact with the tasks they open, and an audit event for each record as the application would log it. Each person,
/// narrative, reason and snapshot is sealed under its own binding and each person is in the search index, so the
/// records open on their pages like real ones. Never used by `serve`.
///
/// Rows go in a thousand at a time as multi-row INSERT statements (SQLKit, one statement per table and batch): through
/// Fluent models, reflecting each model's properties took more time than the database did.
package struct SyntheticLoad: Sendable {
    /// A partner contact the made-up shares go to.
    package struct Recipient: Sendable {
        package var contactID: UUID
        /// The name shown for the recipient ("Sam Okoro, Children's Social Care").
        package var label: String

        package init(contactID: UUID, label: String) {
            self.contactID = contactID
            self.label = label
        }
    }

    let database: ConfidantDatabase
    let cipher: FieldCipher
    static let batch = 1_000

    package init(_ database: ConfidantDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// `people` people and `concerns` submitted concerns spread over the `days` before `now`, 70% of them triaged a
    /// day after submission, in a repeatable pattern of categories, risks and answers. With a `recipient`, one triaged
    /// concern in seven is shared with them, and seven in ten of the tasks those shares open are done.
    package func load(
        people: Int, concerns: Int, days: Int, author: UUID, lead: UUID, now: Date, recipient: Recipient? = nil
    ) async throws {
        var personIDs: [UUID] = []
        personIDs.reserveCapacity(people)
        let index = PersonSearchIndex(cipher: cipher)
        let created = now.addingTimeInterval(-Double(days) * 86_400)
        for start in stride(from: 0, to: people, by: Self.batch) {
            var made: [(id: UUID, details: PersonDetails)] = []
            var rows: [[any Encodable & Sendable]] = []
            var events: [AuditEntry] = []
            for n in start..<min(start + Self.batch, people) {
                let id = UUID()
                let person = Self.person(n)
                let sealed = try cipher.seal(person, binding: "person:\(id)")
                made.append((id, person))
                rows.append([
                    id, PersonKind.allCases[n % 3].rawValue, sealed.keyID, sealed.box, author, created, true, index.keyID,
                ])
                events.append(
                    .at(created, actor: AuditName.user(author), .recordCreated, target: "person:\(AuditName.user(id))", [:]))
            }
            personIDs += made.map(\.id)
            let batch = (made, rows, events)
            try await database.database.transaction { db in
                guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
                try await Self.insert(
                    into: PersonModel.schema,
                    ["id", "kind", "key_id", "sealed_details", "created_by", "created_at", "in_directory", "search_key_id"], batch.1,
                    on: sql)
                try await index.add(batch.0, on: sql)
                _ = try await AuditLogStore.append(batch.2, on: db)
            }
        }
        try await loadConcerns(concerns, days: days, people: personIDs, author: author, lead: lead, now: now, recipient: recipient)
    }

    /// The `n`th made-up person: a first name from a short list and a surname of made-up syllables ending in "synth"
    /// (no real family's), one per person, so that a benchmark can search for exactly one person or for many, and
    /// surnames begin and sound as variously as real ones do.
    package static func person(_ n: Int) -> PersonDetails {
        let first = ["Alex", "Sam", "Robin", "Kit", "Jordan", "Casey", "Riley", "Morgan", "Avery", "Quinn"][n % 10]
        let consonants = Array("bdfgklmnprstvz")
        let vowels = Array("aeiou")
        var surname = ""
        var rest = n / 10
        repeat {
            surname.append(consonants[rest % consonants.count])
            surname.append(vowels[rest / consonants.count % vowels.count])
            rest /= consonants.count * vowels.count
        } while rest > 0
        let year = 2008 + n % 12
        return PersonDetails(
            name: "\(first) \(surname.capitalized)synth",
            dateOfBirth: String(format: "%04d-%02d-%02d", year, 1 + n % 12, 1 + n % 28))
    }

    /// The one share every made-up share sends, decided by the engine as a lead's identified share with a partner
    /// agency to keep a child safe would be: its obligations open the tasks.
    static func shareSnapshot(to recipient: Recipient) -> ShareSnapshot {
        let request = ShareRequest(
            subjectKind: .child, requester: .dsl, recipientKind: .partnerAgency, recipientNeedToKnow: true, purpose: .safeguarding,
            form: .identified, consent: .notSought, risk: .significantHarm, confidentialityOffered: .limited)
        return ShareSnapshot(
            recipient: recipient.label, reason: "Made-up share for load testing: keeping a child safe.", consentBy: "",
            sections: [ShareSection(heading: "What was said", text: "Made-up record for load testing.")], discloserIncluded: false,
            facts: request, decision: DecisionEngine.decide(request))
    }

    func loadConcerns(
        _ concerns: Int, days: Int, people personIDs: [UUID], author: UUID, lead: UUID, now: Date, recipient: Recipient?
    ) async throws {
        let snapshot = recipient.map(Self.shareSnapshot)
        let taskKinds = snapshot.map { InformTask.kinds(for: $0.obligations) } ?? []
        for start in stride(from: 0, to: concerns, by: Self.batch) {
            var concernRows: [[any Encodable & Sendable]] = []
            var decisionRows: [[any Encodable & Sendable]] = []
            var shareRows: [[any Encodable & Sendable]] = []
            var taskRows: [[any Encodable & Sendable]] = []
            var taskLinkRows: [[any Encodable & Sendable]] = []
            var events: [AuditEntry] = []
            for n in start..<min(start + Self.batch, concerns) {
                let at = now.addingTimeInterval(-Double(n % (days * 24)) * 3_600 - Double(n % 7) * 60)
                let id = UUID()
                let personID = personIDs.isEmpty ? UUID() : personIDs[n % personIDs.count]
                let risk = RiskLevel.allCases[[0, 1, 1, 2, 1, 3, 1, 2][n % 8]]
                // Each sealed under its own binding, as a real record is, so that the made-up records open on their pages.
                let narrative = try cipher.seal(
                    ConcernNarrative(account: "Made-up record \(n) for load testing: said they were worried about something at home."),
                    binding: "concern:\(id)")
                var firstTriage: (at: Date, outcome: String)?
                if n % 10 < 7 {
                    let decisionID = UUID()
                    let reason = try cipher.seal("Made-up triage decision for load testing.", binding: "decision:\(decisionID)")
                    let outcome = TriageOutcome.allCases[n % TriageOutcome.allCases.count].rawValue
                    let decidedAt = at.addingTimeInterval(Double(1 + n % 30) * 3_600)
                    decisionRows.append([decisionID, id, lead, outcome, reason.keyID, reason.box, decidedAt])
                    firstTriage = (decidedAt, outcome)
                    events.append(
                        .at(
                            decidedAt, actor: AuditName.user(lead), .triageDecision, target: "concern:\(AuditName.user(id))",
                            ["outcome": .string(outcome)]))
                    if let recipient, let snapshot, n % 7 == 0 {
                        let shareID = UUID()
                        let sharedAt = decidedAt.addingTimeInterval(600)
                        let sealed = try cipher.seal(snapshot, binding: "share:\(shareID)")
                        shareRows.append([
                            shareID, id, personID, lead, ShareStatus.shared.rawValue, recipient.contactID, sealed.keyID, sealed.box,
                            sharedAt, sharedAt.addingTimeInterval(Share.linkLifetime), snapshot.outcome.rawValue, true,
                            snapshot.obligations.contains(.informDSLAfter),
                        ])
                        events.append(
                            .at(
                                sharedAt, actor: AuditName.user(lead), .shareCreated, target: "share:\(AuditName.user(shareID))",
                                ["concern": .string("concern:\(AuditName.user(id))"), "status": .string(ShareStatus.shared.rawValue)]))
                        for kind in taskKinds {
                            let taskID = UUID()
                            let due = WorkingCalendar().adding(workingDays: InformTask.defaultWorkingDays, to: sharedAt)
                            let done = n % 10 < 5
                            taskRows.append([
                                taskID, shareID, id, personID, kind.rawValue, due, done ? lead : UUID?.none,
                                done ? sharedAt.addingTimeInterval(86_400) : Date?.none, done ? InformTask.Method.inPerson.rawValue : String?.none,
                            ])
                            taskLinkRows.append([UUID(), taskID, shareID, sharedAt])
                        }
                    }
                }
                concernRows.append([
                    id, personID, author, ConcernStatus.submitted.rawValue, at.addingTimeInterval(-Double(n % 48) * 600),
                    DisclosedBy.allCases[n % 3].rawValue, n % 7 != 3, n % 4 == 0,
                    n % 97 == 0 ? ConfidentialityOffered.absolute.rawValue : ConfidentialityOffered.limited.rawValue,
                    [ConcernCategory.allCases[n % 10].rawValue], risk.rawValue, narrative.keyID, narrative.box, at, at, at, 0,
                    n % 10 >= 7, n % 5 == 4 ? Bool?.none : n % 5 != 3, firstTriage?.at, firstTriage?.outcome,
                ])
                events.append(
                    .at(
                        at, actor: AuditName.user(author), .recordCreated, target: "concern:\(AuditName.user(id))",
                        ["person": .string("person:\(AuditName.user(personID))"), "risk": .string(risk.rawValue)]))
            }
            let batch = (concernRows, decisionRows, shareRows, taskRows, taskLinkRows, events)
            try await database.database.transaction { db in
                guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
                try await Self.insert(
                    into: ConcernModel.schema,
                    [
                        "id", "person_id", "author_id", "status", "conversation_at", "disclosed_by", "limits_explained",
                        "secrecy_requested", "offered", "category_list", "risk", "key_id", "sealed_narrative", "created_at", "updated_at",
                        "submitted_at", "triage_priority", "awaiting_triage", "wishes_asked", "first_triaged_at", "first_triage_outcome",
                    ], batch.0, on: sql)
                try await Self.insert(
                    into: TriageDecisionModel.schema, ["id", "concern_id", "decider_id", "outcome", "key_id", "sealed_reason", "decided_at"],
                    batch.1, on: sql)
                try await Self.insert(
                    into: ShareModel.schema,
                    [
                        "id", "concern_id", "person_id", "proposer_id", "status", "recipient_contact_id", "key_id", "sealed_snapshot",
                        "created_at", "expires_at", "engine_outcome", "identified", "informs_dsl_after",
                    ], batch.2, on: sql)
                try await Self.insert(
                    into: ShareTaskModel.schema,
                    ["id", "share_id", "concern_id", "person_id", "kind", "due_at", "completed_by", "completed_at", "method"], batch.3,
                    on: sql)
                try await Self.insert(into: ShareTaskShareModel.schema, ["id", "task_id", "share_id", "added_at"], batch.4, on: sql)
                // The log in the order the events happened within the batch, as the application would have appended them.
                _ = try await AuditLogStore.append(batch.5.sorted { $0.time < $1.time }, on: db)
            }
        }
    }

    /// Inserts `rows` into `table`, as many rows a statement as both databases' limits on bound values allow.
    static func insert(
        into table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]], on sql: any SQLDatabase
    ) async throws {
        guard !rows.isEmpty else { return }
        // SQLite allows 32,766 bound values in one statement and PostgreSQL 65,535.
        let perStatement = max(1, 30_000 / columns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + perStatement, rows.count)] { insert = insert.values(row) }
            try await insert.run()
        }
    }
}
