import FluentKit
import Foundation

/// The `api_tokens` table: bearer tokens for integrations, stored as SHA-256 hashes.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "label") var label: String
    @Field(key: "created_at") var createdAt: Date
    /// When the token stops working (tokens from before expiry existed end 90 days after they were made).
    @OptionalField(key: "expires_at") var expiresAt: Date?

    init() {}

    init(tokenHash: String, userID: UUID, label: String, now: Date) {
        self.id = tokenHash
        self.$user.id = userID
        self.label = label
        self.createdAt = now
    }
}
