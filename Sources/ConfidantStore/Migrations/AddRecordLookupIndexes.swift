import FluentKit
import SQLKit

/// Indexes on the columns the pages look records up by: a person's concerns, what hangs from a concern (addenda,
/// closures, shares, their tasks, body marks), a person's shares, history and requests, the queues the leads' pages
/// count on every request, the columns the oversight reports read, and each account's sessions and notices.
///
/// Without them each of those reads every row of its table: unnoticed with the demo's few records, but at a national
/// charity's size (a million concerns) one person's page read the whole concerns, shares and tasks tables several
/// times, and the foreign keys' cascades on disposal did the same.
struct AddRecordLookupIndexes: AsyncMigration {
    var name: String { "2026-12-20-add-record-lookup-indexes" }

    static let indexes: [(name: String, on: String)] = [
        ("concerns_person", "concerns (person_id)"),
        ("concerns_author", "concerns (author_id, created_at)"),
        ("concerns_waiting", "concerns (awaiting_triage, submitted_at)"),
        ("concerns_waiting_by_risk", "concerns (awaiting_triage, risk, submitted_at)"),
        // Covers every column the oversight reports read of a concern, so a report reads the index, not the rows with
        // their sealed narratives (most of each row).
        (
            "concerns_report_facts",
            """
            concerns (submitted_at, status, conversation_at, first_triaged_at, category_list, risk, disclosed_by, limits_explained, offered,
              wishes_asked, first_triage_outcome, id)
            """
        ),
        ("addenda_concern", "addenda (concern_id, created_at)"),
        ("case_closures_concern", "case_closures (concern_id)"),
        ("shares_concern", "shares (concern_id)"),
        ("shares_person", "shares (person_id)"),
        ("shares_status", "shares (status, created_at)"),
        ("shares_proposer", "shares (proposer_id, created_at)"),
        ("shares_recipient_user", "shares (recipient_user_id)"),
        ("shares_recipient_contact", "shares (recipient_contact_id)"),
        ("shares_transfer", "shares (transfer_id)"),
        ("share_tasks_share", "share_tasks (share_id)"),
        ("share_tasks_open", "share_tasks (completed_at, due_at)"),
        ("share_task_shares_share", "share_task_shares (share_id)"),
        ("body_marks_concern", "body_marks (concern_id)"),
        ("body_marks_person", "body_marks (person_id)"),
        ("attachments_owner", "attachments (owner_id)"),
        ("person_history_person", "person_history (person_id, changed_at)"),
        ("retention_decisions_person", "retention_decisions (person_id)"),
        ("subject_access_requests_person", "subject_access_requests (person_id)"),
        ("duplicate_reviews_person", "duplicate_reviews (person_id)"),
        ("sessions_user", "sessions (user_id)"),
        ("sessions_last_seen", "sessions (last_seen_at)"),
        ("notices_unsent", "notices (sent_at, user_id)"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.on)").run()
        }
        // `concerns_report_facts` begins with the submission time, so it does all `concerns_submitted_at` did
        // (`AddReportFacts`); keeping both would cost every concern's write a second index for nothing.
        try await sql.raw("DROP INDEX concerns_submitted_at").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX concerns_submitted_at ON concerns (submitted_at)").run()
        for index in Self.indexes.reversed() {
            try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run()
        }
    }
}
