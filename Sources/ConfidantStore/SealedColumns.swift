/// Where sealed values live: every table with a `key_id` and the sealed columns it covers.
///
/// One list for the start-up check, `key rotate`, `key status` and `key verify`, so a new sealed
/// column is added here once. A table's sealed columns all share its row's `key_id`; each is
/// bound to `<prefix>:<row id>` as `FieldCipher.seal` was called for it (`RecordStore`,
/// `ShareStore`, `AdviceStore`).
struct SealedTable: Sendable {
    /// The table's name.
    let name: String
    /// Each sealed column with its binding prefix; optional columns may be NULL.
    let columns: [(column: String, binding: String)]
    /// The column whose value follows the prefix in the binding (the row's id, unless said otherwise).
    var idColumn = "id"

    init(name: String, columns: [(column: String, binding: String)], idColumn: String = "id") {
        self.name = name
        self.columns = columns
        self.idColumn = idColumn
    }

    /// Every sealed table, in the order a rotation re-seals them.
    static let all: [SealedTable] = [
        SealedTable(name: "people", columns: [("sealed_details", "person")]),
        SealedTable(name: "concerns", columns: [("sealed_narrative", "concern")]),
        SealedTable(name: "addenda", columns: [("sealed_text", "addendum")]),
        SealedTable(name: "triage_decisions", columns: [("sealed_reason", "decision"), ("sealed_referral_reference", "decision-reference")]),
        SealedTable(
            name: "shares", columns: [("sealed_snapshot", "share"), ("sealed_refusal", "share-refusal"), ("sealed_approval", "share-approval")]),
        SealedTable(name: "share_tasks", columns: [("sealed_note", "share-task")]),
        SealedTable(name: "advice_requests", columns: [("sealed_question", "advice"), ("sealed_answer", "advice-answer")]),
        SealedTable(name: "outbox_messages", columns: [("sealed_body", "outbox")]),
        SealedTable(name: "kept_forms", columns: [("sealed_body", "kept-form")]),
        SealedTable(name: "person_history", columns: [("sealed_details", "person-history")]),
        // A file's own key and its name and caption; its pieces are sealed under that key, which a rotation re-seals.
        SealedTable(name: "attachments", columns: [("sealed_key", "attachment-key"), ("sealed_details", "attachment")]),
        SealedTable(name: "body_marks", columns: [("sealed_mark", "body-mark")]),
        SealedTable(name: "breaches", columns: [("sealed_report", "breach"), ("sealed_decisions", "breach-decisions")]),
        SealedTable(
            name: "subject_access_requests",
            columns: [
                ("sealed_details", "subject-access"), ("sealed_progress", "subject-access-progress"),
                ("sealed_workspace", "subject-access-workspace"), ("sealed_response", "subject-access-response"),
            ]),
        SealedTable(name: "retention_decisions", columns: [("sealed_reason", "retention-reason")]),
        SealedTable(name: "transfers", columns: [("sealed_bundle", "transfer")]),
        SealedTable(name: "second_factors", columns: [("sealed_secret", "second-factor")], idColumn: "user_id"),
        // Each person's file key; the values within it are re-sealed above by their outer box alone.
        SealedTable(name: "person_keys", columns: [("sealed_key", "person-key")], idColumn: "person_id"),
    ]
}
