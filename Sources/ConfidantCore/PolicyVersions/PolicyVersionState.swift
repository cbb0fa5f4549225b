import Foundation

/// The facts about a policy version that decide what may be done to it next.
///
/// The store reads these from the database and asks ``PolicyGovernance/check(_:by:on:)``
/// before it writes, so the rules live in one place and are tested without a database.
public struct PolicyVersionState: Hashable, Sendable {
    /// The version's status.
    public var status: PolicyVersionStatus
    /// Who asked for publication, while that request waits for a manager; nil otherwise.
    public var publicationRequestedBy: UUID?
    /// How many consultation comments are not marked resolved (an answer alone does not close one).
    public var openComments: Int
    /// How many clauses name a section the version's text does not have (``PolicyGrounding/ungrounded``).
    public var ungroundedClauses: Int

    /// Creates a state.
    public init(status: PolicyVersionStatus, publicationRequestedBy: UUID? = nil, openComments: Int = 0, ungroundedClauses: Int = 0) {
        self.status = status
        self.publicationRequestedBy = publicationRequestedBy
        self.openComments = openComments
        self.ungroundedClauses = ungroundedClauses
    }
}
