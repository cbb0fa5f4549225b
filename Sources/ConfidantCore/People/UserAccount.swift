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
    /// A new account whose role reads cases waits for a safeguarding lead's approval before it can sign in.
    public var awaitingApproval: Bool
    /// Whether notices that are not urgent come once a day in one email instead of one by one.
    public var dailyDigest: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, name: String, email: String, role: UserRole, disabled: Bool,
        hasPassword: Bool, awaitingApproval: Bool = false, dailyDigest: Bool = false, createdAt: Date, updatedAt: Date
    ) {
        self.awaitingApproval = awaitingApproval
        self.dailyDigest = dailyDigest
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.disabled = disabled
        self.hasPassword = hasPassword
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether the account may sign in and use Confidant now.
    public var canSignIn: Bool { !disabled && !awaitingApproval }
}
