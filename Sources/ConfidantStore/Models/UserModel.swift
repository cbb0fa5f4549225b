import ConfidantCore
import FluentKit
import Foundation

/// The `users` table: one row per account.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "role") var role: String
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "disabled") var disabled: Bool
    @Field(key: "awaiting_approval") var awaitingApproval: Bool
    /// Whether non-urgent notices wait for one email a day instead of going at once.
    @Field(key: "daily_digest") var dailyDigest: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(name: String, email: String, role: UserRole, passwordHash: String?, now: Date) {
        self.id = UUID()
        self.name = name
        self.email = email
        self.role = role.rawValue
        self.passwordHash = passwordHash
        self.disabled = false
        self.awaitingApproval = false
        self.dailyDigest = false
        self.createdAt = now
        self.updatedAt = now
    }

    /// The account as the domain sees it; a role Confidant never writes is reported, never read as another role.
    var account: UserAccount {
        get throws {
            try UserAccount(
                id: try requireID(), name: name, email: email, role: try UserRole.stored(role, in: "accounts.role"),
                disabled: disabled, hasPassword: passwordHash != nil, awaitingApproval: awaitingApproval,
                dailyDigest: dailyDigest, createdAt: createdAt, updatedAt: updatedAt
            )
        }
    }
}
