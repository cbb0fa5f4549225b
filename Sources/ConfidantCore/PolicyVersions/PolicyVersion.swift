import Foundation

/// One version of the organisation's policy as stored: its text, the clause data the engine uses, and where it is in its life.
public struct PolicyVersion: Sendable, Identifiable, Hashable {
    public let id: UUID
    /// 1, 2, 3…: the order versions were made in.
    public let number: Int
    /// The organisation's own name for it, e.g. "2027 review".
    public let label: String
    public let status: PolicyVersionStatus
    public let text: PolicyText
    /// The clauses, carrying this version's label as their version.
    public let policy: ConfidentialityPolicy
    /// The version this one was started from, if any.
    public let basedOn: UUID?
    /// Who made it; nil when it was imported on the command line.
    public let createdBy: UUID?
    public let createdAt: Date
    public let updatedAt: Date
    public let consultationOpenedAt: Date?
    /// Set while a request to publish waits for a manager's approval.
    public let publicationRequestedBy: UUID?
    public let publicationRequestedAt: Date?
    /// Why a manager last refused to publish it, for the owner to act on.
    public let publicationRefusal: String?
    public let approvedBy: UUID?
    public let publishedAt: Date?
    public let supersededAt: Date?
    /// The lowest version number whose acknowledgment still counts for this version (set on publishing).
    public let acknowledgementBaseline: Int?

    public init(
        id: UUID, number: Int, label: String, status: PolicyVersionStatus, text: PolicyText, policy: ConfidentialityPolicy, basedOn: UUID?,
        createdBy: UUID?, createdAt: Date, updatedAt: Date, consultationOpenedAt: Date?, publicationRequestedBy: UUID?, publicationRequestedAt: Date?,
        publicationRefusal: String?, approvedBy: UUID?, publishedAt: Date?, supersededAt: Date?, acknowledgementBaseline: Int?
    ) {
        self.id = id
        self.number = number
        self.label = label
        self.status = status
        self.text = text
        self.policy = policy
        self.basedOn = basedOn
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.consultationOpenedAt = consultationOpenedAt
        self.publicationRequestedBy = publicationRequestedBy
        self.publicationRequestedAt = publicationRequestedAt
        self.publicationRefusal = publicationRefusal
        self.approvedBy = approvedBy
        self.publishedAt = publishedAt
        self.supersededAt = supersededAt
        self.acknowledgementBaseline = acknowledgementBaseline
    }

    /// "Version 3 (2027 review)".
    public var title: String { "Version \(number) (\(label))" }

    /// Which clauses rest on which section of the text, and which rest on none.
    public var grounding: PolicyGrounding { text.grounding(of: policy) }

    /// What the lifecycle rules need to know, given how many of its comments are still open.
    public func state(openComments: Int) -> PolicyVersionState {
        PolicyVersionState(
            status: status, publicationRequestedBy: publicationRequestedBy,
            openComments: openComments, ungroundedClauses: grounding.ungrounded.count)
    }

    /// Whether someone may read this version (see `PolicyVersionStatus.isReadable`).
    public func isReadable(by role: UserRole, isNamedConsultee: Bool) -> Bool {
        status.isReadable(by: role, isNamedConsultee: isNamedConsultee)
    }
}

extension PolicyVersionStatus {
    /// Whether someone may read a version in this state: published and superseded ones are for everyone
    /// signed in; a consultation for the owners, all staff and the partner contacts it names; a draft for the owners.
    public func isReadable(by role: UserRole, isNamedConsultee: Bool) -> Bool {
        switch self {
        case .published, .superseded: true
        case .consultation: role != .partner || isNamedConsultee
        case .draft: PolicyGovernance.isOwner(role)
        }
    }
}
