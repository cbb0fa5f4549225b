import FluentKit
import Foundation

/// The `api_tokens` table: bearer tokens for integrations, stored as SHA-256 hashes.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "label") var label: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(tokenHash: String, userID: UUID, label: String, now: Date) {
        self.id = tokenHash
        self.$user.id = userID
        self.label = label
        self.createdAt = now
    }
}
