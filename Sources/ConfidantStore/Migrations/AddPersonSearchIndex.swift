import FluentKit
import SQLKit

/// The blind index of the words people are found by (`PersonSearchIndex`): keyed terms, never a name, and on each
/// person the data key their terms were made under. Empty after this migration (it has no key to make terms with):
/// the server indexes everyone when it starts (`RecordStore.indexPeopleForSearch`), and a search meanwhile compares
/// anyone not yet indexed the slow way.
struct AddPersonSearchIndex: AsyncMigration {
    var name: String { "2026-12-06-add-person-search-index" }

    func prepare(on database: any Database) async throws {
        try await database.schema("person_search_terms")
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("term", .string, .required)
            .create()
        try await database.schema("people").field("search_key_id", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        // A search reads the rows of the terms it asks for; re-indexing a person finds their rows.
        try await sql.raw("CREATE INDEX person_search_terms_term ON person_search_terms (term, person_id)").run()
        try await sql.raw("CREATE INDEX person_search_terms_person ON person_search_terms (person_id)").run()
        try await sql.raw("CREATE INDEX people_search_key ON people (search_key_id)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX people_search_key").run() }
        try await database.schema("people").deleteField("search_key_id").update()
        try await database.schema("person_search_terms").delete()
    }
}
