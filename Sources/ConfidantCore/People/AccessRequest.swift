import Foundation

/// An administrator's request to give an account a role that reads cases, waiting for a lead.
public struct AccessRequest: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let account: UserAccount
    public let role: UserRole
    /// The audit log's name for whoever asked (an account, or `system` for the command line).
    public let requestedBy: String
    /// The account that asked, when it was one: it may not approve its own request.
    public let requesterID: UUID?
    public let requestedAt: Date
    public let decision: Decision?

    /// What a lead decided, when, and why.
    public struct Decision: Sendable, Equatable {
        public let approved: Bool
        public let by: UUID
        public let at: Date
        public let reason: String

        public init(approved: Bool, by: UUID, at: Date, reason: String) {
            self.approved = approved
            self.by = by
            self.at = at
            self.reason = reason
        }
    }

    public init(
        id: UUID, account: UserAccount, role: UserRole, requestedBy: String, requesterID: UUID?, requestedAt: Date,
        decision: Decision?
    ) {
        self.id = id
        self.account = account
        self.role = role
        self.requestedBy = requestedBy
        self.requesterID = requesterID
        self.requestedAt = requestedAt
        self.decision = decision
    }
}

/// What happened to a request for a role.
public enum RoleGrant: Sendable, Equatable {
    /// The role applies now: it reads no cases, or it is the installation's first lead, named once by its first administrator.
    case granted(UserAccount)
    /// The role waits for a designated safeguarding lead other than the person who asked.
    case waiting(AccessRequest)
}
