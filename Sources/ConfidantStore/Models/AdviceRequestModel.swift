import FluentKit
import Foundation

/// The `advice_requests` table: de-identified questions to the safeguarding lead and their answers, sealed too.
final class AdviceRequestModel: Model, @unchecked Sendable {
    static let schema = "advice_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "asker_id") var askerID: UUID
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_question") var sealedQuestion: String
    @OptionalField(key: "sealed_answer") var sealedAnswer: String?
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    @Field(key: "asked_at") var askedAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}
}

/// Creates the advice requests table.
struct CreateAdviceRequests: AsyncMigration {
    var name: String { "2026-11-25-create-advice-requests" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AdviceRequestModel.schema)
            .id()
            .field("asker_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("key_id", .string, .required)
            .field("sealed_question", .string, .required)
            .field("sealed_answer", .string)
            .field("answered_by", .uuid, .references(UserModel.schema, "id"))
            .field("asked_at", .datetime, .required)
            .field("answered_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AdviceRequestModel.schema).delete()
    }
}
