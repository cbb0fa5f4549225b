import FluentKit

/// Whether a share was sent at once in immediate danger, so the safeguarding lead must be told of it (rule 6,
/// `inform_dsl_after`), kept beside the sealed snapshot: the lead's list of such shares then reads only them instead
/// of opening every share ever sent. Null for shares sent before this migration: a migration holds no key to open
/// their snapshots, so `ShareStore.sharedInEmergency` opens those once and fills the column in.
package struct AddShareInformsDSLAfter: AsyncMigration {
    package var name: String { "2026-12-07-add-share-informs-dsl-after" }

    package func prepare(on database: any Database) async throws {
        try await database.schema("shares").field("informs_dsl_after", .bool).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("shares").deleteField("informs_dsl_after").update()
    }
}
