import FluentKit
import Foundation

/// The `share_passes` table: what a one-time code leaves its holder, to open the share's files for a while.
final class SharePassModel: Model, @unchecked Sendable {
    static let schema = "share_passes"

    @ID(key: .id) var id: UUID?
    @Field(key: "share_id") var shareID: UUID
    @Field(key: "contact_id") var contactID: UUID
    /// Only the hash is kept: the pass itself is in the contact's cookie and nowhere else.
    @Field(key: "pass_hash") var passHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}
