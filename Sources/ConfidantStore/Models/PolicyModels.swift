import FluentKit
import FluentSQL
import Foundation

/// The `policy_versions` table: the organisation's policy text and the clause data the engine uses, one row per version.
final class PolicyVersionModel: Model, @unchecked Sendable {
    static let schema = "policy_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "name") var name: String
    @Field(key: "label") var label: String
    @Field(key: "status") var status: String
    @Field(key: "source_text") var sourceText: String
    @Field(key: "clauses_json") var clausesJSON: String
    @OptionalField(key: "based_on") var basedOn: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "consultation_opened_at") var consultationOpenedAt: Date?
    @OptionalField(key: "publication_requested_by") var publicationRequestedBy: UUID?
    @OptionalField(key: "publication_requested_at") var publicationRequestedAt: Date?
    @OptionalField(key: "publication_refusal") var publicationRefusal: String?
    @OptionalField(key: "approved_by") var approvedBy: UUID?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "superseded_at") var supersededAt: Date?
    /// Acknowledgments of versions numbered from this one count for this version: its own number
    /// when its clauses changed, the previous baseline when only the text did. Set on publishing.
    @OptionalField(key: "acknowledgement_baseline") var acknowledgementBaseline: Int?

    init() {}
}

/// The `policy_consultees` table: the partner-agency contacts a consultation names (staff are all invited).
final class PolicyConsulteeModel: Model, @unchecked Sendable {
    static let schema = "policy_consultees"

    @ID(key: .id) var id: UUID?
    @Field(key: "version_id") var versionID: UUID
    @Field(key: "user_id") var userID: UUID

    init() {}
}

/// The `policy_comments` table: consultation comments on a section, with the owner's answer.
final class PolicyCommentModel: Model, @unchecked Sendable {
    static let schema = "policy_comments"

    @ID(key: .id) var id: UUID?
    @Field(key: "version_id") var versionID: UUID
    @Field(key: "section_id") var sectionID: String
    @Field(key: "section_heading") var sectionHeading: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}
}

/// The `policy_acknowledgements` table: who acknowledged which version, when, and whether they passed the check of understanding.
final class PolicyAcknowledgementModel: Model, @unchecked Sendable {
    static let schema = "policy_acknowledgements"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "version_id") var versionID: UUID
    @Field(key: "version_number") var versionNumber: Int
    @Field(key: "acknowledged_at") var acknowledgedAt: Date
    @Field(key: "understanding_passed") var understandingPassed: Bool

    init() {}
}

/// The `policy_reminders` table: reminders sent to people who had not acknowledged the current version.
final class PolicyReminderModel: Model, @unchecked Sendable {
    static let schema = "policy_reminders"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "version_id") var versionID: UUID
    @OptionalField(key: "sent_by") var sentBy: UUID?
    @Field(key: "sent_at") var sentAt: Date

    init() {}
}

/// Creates the policy version, consultation, acknowledgment and reminder tables.
struct CreatePolicyVersions: AsyncMigration {
    var name: String { "2026-11-29-create-policy-versions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PolicyVersionModel.schema)
            .id()
            .field("number", .int, .required)
            .field("name", .string, .required)
            .field("label", .string, .required)
            .field("status", .string, .required)
            .field("source_text", .string, .required)
            .field("clauses_json", .string, .required)
            .field("based_on", .uuid)
            .field("created_by", .uuid, .references(UserModel.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("consultation_opened_at", .datetime)
            .field("publication_requested_by", .uuid, .references(UserModel.schema, "id"))
            .field("publication_requested_at", .datetime)
            .field("publication_refusal", .string)
            .field("approved_by", .uuid, .references(UserModel.schema, "id"))
            .field("published_at", .datetime)
            .field("superseded_at", .datetime)
            .field("acknowledgement_baseline", .int)
            .unique(on: "number")
            .create()
        // At most one current version, whatever two managers do at the same moment. Fluent has no
        // partial index; both SQLite and PostgreSQL accept this statement as written.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE UNIQUE INDEX policy_versions_one_published ON policy_versions (status) WHERE status = 'published'").run()
        }
        try await database.schema(PolicyConsulteeModel.schema)
            .id()
            .field("version_id", .uuid, .required, .references(PolicyVersionModel.schema, "id"))
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id"))
            .unique(on: "version_id", "user_id")
            .create()
        try await database.schema(PolicyCommentModel.schema)
            .id()
            .field("version_id", .uuid, .required, .references(PolicyVersionModel.schema, "id"))
            .field("section_id", .string, .required)
            .field("section_heading", .string, .required)
            .field("author_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("answer", .string)
            .field("answered_by", .uuid, .references(UserModel.schema, "id"))
            .field("answered_at", .datetime)
            .field("resolved_at", .datetime)
            .create()
        try await database.schema(PolicyAcknowledgementModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("version_id", .uuid, .required, .references(PolicyVersionModel.schema, "id"))
            .field("version_number", .int, .required)
            .field("acknowledged_at", .datetime, .required)
            .field("understanding_passed", .bool, .required)
            .unique(on: "user_id", "version_id")
            .create()
        try await database.schema(PolicyReminderModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("version_id", .uuid, .required, .references(PolicyVersionModel.schema, "id"))
            .field("sent_by", .uuid, .references(UserModel.schema, "id"))
            .field("sent_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PolicyReminderModel.schema).delete()
        try await database.schema(PolicyAcknowledgementModel.schema).delete()
        try await database.schema(PolicyCommentModel.schema).delete()
        try await database.schema(PolicyConsulteeModel.schema).delete()
        try await database.schema(PolicyVersionModel.schema).delete()
    }
}
