import FluentKit
import SQLKit

/// What a referral needs beyond its snapshot (docs/sharing.md): a lead's approval kept beside the share, inform and
/// involve tasks held per person per concern with the shares each covers, each user's choice of immediate email or
/// a daily digest, and the notices sent, so that none is sent twice by two instances.
struct CreateReferralNotices: AsyncMigration {
    var name: String { "2026-12-03-create-referral-notices" }

    func prepare(on database: any Database) async throws {
        try await database.schema("shares").field("sealed_approval", .string).update()
        try await database.schema("share_tasks").field("concern_id", .uuid).update()
        try await database.schema("share_task_shares")
            .id()
            .field("task_id", .uuid, .required)
            .field("share_id", .uuid, .required)
            .field("added_at", .datetime, .required)
            .unique(on: "task_id", "share_id")
            .create()
        try await database.schema("users").field("daily_digest", .bool, .required, .sql(.default(false))).update()
        try await database.schema("notices")
            .id()
            .field("user_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("target", .string, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "kind", "target", "user_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Existing tasks each covered the one share that opened them; a task's id serves as its first link's id.
        try await sql.raw("UPDATE share_tasks SET concern_id = (SELECT concern_id FROM shares WHERE shares.id = share_tasks.share_id)").run()
        try await sql.raw("INSERT INTO share_task_shares (id, task_id, share_id, added_at) SELECT id, id, share_id, due_at FROM share_tasks")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notices").delete()
        try await database.schema("users").deleteField("daily_digest").update()
        try await database.schema("share_task_shares").delete()
        try await database.schema("share_tasks").deleteField("concern_id").update()
        try await database.schema("shares").deleteField("sealed_approval").update()
    }
}
