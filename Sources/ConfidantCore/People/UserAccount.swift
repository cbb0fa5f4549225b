import Foundation

/// A person who can sign in to Confidant, as the rest of the system sees them.
public struct UserAccount: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var email: String
    public var role: UserRole
    /// A disabled account cannot sign in and its sessions have ended.
    public var disabled: Bool
    /// Whether the person has chosen a password yet (accounts start without one).
    public var hasPassword: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, name: String, email: String, role: UserRole, disabled: Bool,
        hasPassword: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.disabled = disabled
        self.hasPassword = hasPassword
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
