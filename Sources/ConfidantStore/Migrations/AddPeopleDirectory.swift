import FluentKit
import SQLKit

/// The people directory: who every recorder may find to record a concern about, and the register id (hashed) that
/// lets an import update a person instead of adding them twice. Everyone recorded so far on their own is in the
/// directory; people recorded only as someone's relative are not.
struct AddPeopleDirectory: AsyncMigration {
    var name: String { "2026-12-03-add-people-directory" }

    func prepare(on database: any Database) async throws {
        try await database.schema("people").field("in_directory", .bool, .required, .sql(.default(false))).update()
        try await database.schema("people").field("directory_key", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        // One person per register id, even when two imports run at once; and a lookup that does not read every row.
        try await sql.raw("CREATE UNIQUE INDEX people_directory_key ON people (directory_key)").run()
        try await sql.raw(
            "UPDATE people SET in_directory = \(bind: true) WHERE id NOT IN (SELECT linked_person_id FROM person_links)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX people_directory_key").run() }
        try await database.schema("people").deleteField("directory_key").update()
        try await database.schema("people").deleteField("in_directory").update()
    }
}
