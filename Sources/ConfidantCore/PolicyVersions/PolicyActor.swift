import Foundation

/// The person asking to act on a policy version: who they are and their role.
///
/// The id matters as well as the role because publication needs two people: the manager who
/// approves cannot be the one who asked.
public struct PolicyActor: Hashable, Sendable {
    /// The account's id.
    public let id: UUID
    /// The account's role.
    public let role: UserRole

    /// Creates an actor.
    public init(id: UUID, role: UserRole) {
        self.id = id
        self.role = role
    }
}
