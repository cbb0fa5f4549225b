import FluentKit
import Foundation

/// The `one_time_links` table: first-run setup and set-your-password links, stored as hashes.
final class OneTimeLinkModel: Model, @unchecked Sendable {
    static let schema = "one_time_links"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "purpose") var purpose: String
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    /// Who asked for the link (the audit log's name for them), so its use names them too.
    @OptionalField(key: "issued_by") var issuedBy: String?

    init() {}

    init(tokenHash: String, purpose: OneTimeLinkPurpose, userID: UUID?, now: Date, expiresAt: Date) {
        self.id = tokenHash
        self.purpose = purpose.rawValue
        self.userID = userID
        self.createdAt = now
        self.expiresAt = expiresAt
    }
}
