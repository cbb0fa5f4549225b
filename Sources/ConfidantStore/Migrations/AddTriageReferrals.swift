import FluentKit

/// A triage decision that is a referral keeps its date (plain) and the agency's reference (sealed, like the reason).
/// Schema only.
struct AddTriageReferrals: AsyncMigration {
    var name: String { "2026-12-03-add-triage-referrals" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds columns one at a time.
        try await database.schema("triage_decisions").field("referral_date", .string).update()
        try await database.schema("triage_decisions").field("sealed_referral_reference", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("triage_decisions").deleteField("sealed_referral_reference").update()
        try await database.schema("triage_decisions").deleteField("referral_date").update()
    }
}
