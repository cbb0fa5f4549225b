import FluentKit
import FluentSQL
import Foundation

/// A concern's categories become a list column (PostgreSQL `text[]`, SQLite JSON) instead of words joined by commas,
/// so that nothing parses them by hand and a query can filter on them. All in one transaction: either every
/// concern has its list and the old column is gone, or nothing changed.
struct StoreConcernCategoriesAsList: AsyncMigration {
    var name: String { "2026-12-02-store-concern-categories-as-list" }

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await db.schema("concerns").field("category_list", .array(of: .string)).update()
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            for row in try await sql.raw("SELECT id, categories FROM concerns").all() {
                let id = try row.decode(column: "id", as: UUID.self)
                let words = try row.decode(column: "categories", as: String.self).split(separator: ",").map(String.init)
                try await sql.raw("UPDATE concerns SET category_list = \(bind: words) WHERE id = \(bind: id)").run()
            }
            try await db.schema("concerns").deleteField("categories").update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            try await db.schema("concerns").field("categories", .string, .required, .sql(.default(""))).update()
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            for row in try await sql.raw("SELECT id, category_list FROM concerns").all() {
                let id = try row.decode(column: "id", as: UUID.self)
                let words = try row.decode(column: "category_list", as: [String]?.self) ?? []
                try await sql.raw("UPDATE concerns SET categories = \(bind: words.joined(separator: ",")) WHERE id = \(bind: id)").run()
            }
            try await db.schema("concerns").deleteField("category_list").update()
        }
    }
}
