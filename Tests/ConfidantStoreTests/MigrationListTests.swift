import ConfidantStore
import Testing

@Suite("Migrations only grow")
struct MigrationListTests {
    /// Every migration that has shipped, in order. A shipped migration is never renamed, reordered, edited or
    /// removed: databases in use have run it. A change to the schema is a new migration, added at the end of
    /// `ConfidantDatabase.migrations` and then here.
    static let shipped = [
        "2026-11-25-create-accounts",
        "2026-11-25-create-audit-log",
        "2026-11-25-create-records",
        "2026-11-25-create-advice-requests",
        "2026-11-25-create-sharing",
        "2026-11-25-create-share-access-codes",
        "2026-11-29-create-policy-versions",
        "2026-12-01-create-sign-in-limits",
        "2026-12-01-create-outbox-messages",
        "2026-12-01-add-link-issuer",
        "2026-12-01-create-access-requests",
        "2026-12-01-create-second-factors",
        "2026-12-01-add-token-expiry",
        "2026-12-01-create-duplicate-reviews",
        "2026-12-01-create-installation-keys",
        "2026-12-02-add-share-code-limits",
        "2026-12-02-store-concern-categories-as-list",
        "2026-12-03-create-referral-notices",
        "2026-12-03-create-form-submissions",
        "2026-12-03-add-triage-referrals",
        "2026-12-03-create-kept-forms",
        "2026-12-03-create-person-history",
        "2026-12-03-add-people-directory",
        "2026-12-04-create-leases",
        "2026-12-04-add-triage-queue-order",
        "2026-12-05-add-report-facts",
        "2026-12-05-add-personal-outcomes",
        "2026-12-06-add-first-triage",
        "2026-12-06-add-person-search-index",
        "2026-12-07-add-share-informs-dsl-after",
        "2026-12-08-create-attachments",
        "2026-12-09-create-body-marks",
        "2026-12-10-create-share-passes",
        "2026-12-11-create-breaches",
        "2026-12-12-create-subject-access-requests",
        "2026-12-13-create-retention-decisions",
        "2026-12-14-create-disposed-concern-facts",
        "2026-12-15-create-person-keys",
        "2026-12-16-create-disposed-share-facts",
        "2026-12-17-create-transfers",
        "2026-12-18-transfer-receipts",
        "2026-12-19-create-advice-retention",
        "2026-12-20-add-record-lookup-indexes",
    ]

    @Test("the migration list starts with every shipped migration, in order, and names each once")
    func onlyGrows() {
        let names = ConfidantDatabase.migrations.map(\.name)
        #expect(Array(names.prefix(Self.shipped.count)) == Self.shipped)
        #expect(Set(names).count == names.count)
    }
}
