import FluentKit
import Foundation

/// The `share_access_codes` table: one-time codes that let a partner contact without an account open a share.
final class ShareAccessCodeModel: Model, @unchecked Sendable {
    static let schema = "share_access_codes"

    @ID(key: .id) var id: UUID?
    @Field(key: "share_id") var shareID: UUID
    @Field(key: "code_hash") var codeHash: String
    /// No longer counted per code: wrong guesses are counted per address (`share_code_guesses`), so it stays 0.
    @Field(key: "attempts") var attempts: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    /// The network address the code was asked from (at most 64 characters), for the per-address limit.
    @OptionalField(key: "requested_from") var requestedFrom: String?

    init() {}
}
