import ConfidantCore
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

    /// "Version 3 (2027 review)".
    public var title: String { "Version \(number) (\(label))" }

    /// Which clauses rest on which section of the text, and which rest on none.
    public var grounding: PolicyGrounding { text.grounding(of: policy) }

    /// What the lifecycle rules need to know, given how many of its comments are still open.
    public func state(openComments: Int) -> PolicyVersionState {
        PolicyVersionState(status: status, publicationRequestedBy: publicationRequestedBy,
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

/// A version without its text: enough for lists and notices.
public struct PolicyVersionSummary: Sendable, Identifiable, Hashable {
    public let id: UUID
    public let number: Int
    public let label: String
    public let status: PolicyVersionStatus
    public let basedOn: UUID?
    public let publicationRequestedBy: UUID?

    /// "Version 3 (2027 review)".
    public var title: String { "Version \(number) (\(label))" }
}

/// A consultation comment on one section of a version, with the policy owner's answer.
public struct ConsultationComment: Sendable, Identifiable, Hashable {
    public let id: UUID
    public let versionID: UUID
    public let sectionID: String
    public let sectionHeading: String
    public let authorID: UUID
    public let authorName: String
    public let authorRole: UserRole
    public let body: String
    public let createdAt: Date
    public let answer: String?
    public let answeredBy: UUID?
    public let answeredAt: Date?
    public let resolvedAt: Date?

    /// Whether the owner still has to resolve it (publication waits until none are open).
    public var isOpen: Bool { resolvedAt == nil }
}

/// Where one person stands with the current policy: what induction asks of them next.
public struct InductionStatus: Sendable {
    /// The published version, if any has been published.
    public let current: PolicyVersion?
    /// Whether they acknowledged the current version (or one whose clauses it did not change).
    public let acknowledgedCurrent: Bool
    /// The last version they acknowledged, to show what changed since.
    public let lastAcknowledged: PolicyVersion?
    /// Whether they have passed the check of understanding (once, as a new starter).
    public let understandingPassed: Bool

    /// Whether the policy page stands between them and everything else.
    public var mustAcknowledge: Bool { current != nil && !acknowledgedCurrent }
}

/// One line of the managers' acknowledgment report.
public struct AcknowledgementLine: Sendable {
    public let user: UserAccount
    /// When they acknowledged a version that counts for the current one; nil if they have not.
    public let acknowledgedAt: Date?
    /// The number of the last version they acknowledged, if any.
    public let lastVersionNumber: Int?
    public let understandingPassed: Bool
    public let reminders: Int
    public let lastRemindedAt: Date?

    public var hasAcknowledged: Bool { acknowledgedAt != nil }
}

/// Why a policy action could not be done, in words for the person who tried.
public enum PolicyStoreError: Error, Equatable, CustomStringConvertible {
    case notFound
    case refused(PolicyGovernanceRefusal)
    case invalidText(PolicyTextError)
    case invalidInput(PolicyInputError)
    case invalidClauses(String)
    case notPartnerContacts
    case unknownSection
    case notCurrent
    case understandingRequired
    case nothingPublished
    case emptyAnswer
    case emptyReason
    case notBasedOnCurrent(currentNumber: Int)
    case publishedMeanwhile

    public var description: String {
        switch self {
        case .notFound: "There is no such policy version or comment, or it is not open to you."
        case .refused(let refusal): refusal.description
        case .invalidText(let error): error.description
        case .invalidInput(let error): error.description
        case .invalidClauses(let why): "The clause data is not usable: \(why)"
        case .notPartnerContacts: "Only active partner agency contacts can be named in a consultation (staff are all invited already)."
        case .unknownSection: "That section is not in this version's text. Reload the page and choose a section again."
        case .notCurrent: "This is not the current version any more: a newer one was published. Read the current version and acknowledge that."
        case .understandingRequired: "Answer the check of understanding correctly before acknowledging the policy."
        case .nothingPublished: "No version of the policy has been published yet."
        case .emptyAnswer: "Write an answer, or mark the comment resolved, or both."
        case .emptyReason: "Say why this version should not be published yet, so the policy owner can act on it."
        case .notBasedOnCurrent(let number): "Version \(number) came into force after this draft was started, so publishing this one would undo its changes. Start a new draft from version \(number) and carry these changes over."
        case .publishedMeanwhile: "Another version was published a moment ago. Reload the page to see which version is now current."
        }
    }
}
