import Foundation

/// A share, or a recorded decision not to share, of a concern: its frozen snapshot and who decided what, when.
public struct Share: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var concernID: UUID
    public var personID: UUID
    public var proposerID: UUID
    public var status: ShareStatus
    /// The colleague or safeguarding lead who receives it, for an internal share.
    public var recipientUserID: UUID?
    /// The agency contact who receives it, for a share with a partner.
    public var recipientContactID: UUID?
    public var snapshot: ShareSnapshot
    public var createdAt: Date
    /// The safeguarding lead who approved or refused an escalated share.
    public var decidedBy: UUID?
    public var decidedAt: Date?
    /// A safeguarding lead's reason for refusing.
    public var refusalReason: String?
    /// A safeguarding lead's approval of an escalated share, with its reason.
    public var approval: ShareApproval?
    /// When a partner's link stops working.
    public var expiresAt: Date?
    public var revokedAt: Date?

    /// Creates a share.
    public init(
        id: UUID, concernID: UUID, personID: UUID, proposerID: UUID, status: ShareStatus, recipientUserID: UUID?,
        recipientContactID: UUID?, snapshot: ShareSnapshot, createdAt: Date, decidedBy: UUID? = nil,
        decidedAt: Date? = nil, refusalReason: String? = nil, approval: ShareApproval? = nil, expiresAt: Date? = nil,
        revokedAt: Date? = nil
    ) {
        self.approval = approval
        self.id = id
        self.concernID = concernID
        self.personID = personID
        self.proposerID = proposerID
        self.status = status
        self.recipientUserID = recipientUserID
        self.recipientContactID = recipientContactID
        self.snapshot = snapshot
        self.createdAt = createdAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.refusalReason = refusalReason
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// How long a partner's link works unless revoked (docs/sharing.md: default 14 days).
    public static let linkLifetime: TimeInterval = 14 * 24 * 60 * 60

    /// Whether the recipient may open it at `now`: shared, not revoked and, for a partner, not expired.
    public func isOpen(now: Date) -> Bool {
        guard status == .shared, revokedAt == nil else { return false }
        if let expiresAt, now >= expiresAt { return false }
        return true
    }

    /// Where it stands, as its page's heading says it: waiting, shared, refused, revoked or not shared.
    public var heading: String {
        if revokedAt != nil { return "Revoked" }
        switch status {
        case .shared: return "Shared"
        case .awaitingApproval: return "Waiting for a lead's decision"
        case .refused: return "Refused"
        case .notShared: return "Decided not to share"
        }
    }

    /// The obligations the share carries now: the lead's approval's when a lead approved it, otherwise the engine's.
    public var obligations: [Obligation] { approval?.obligations ?? approvedBefore?.obligations.map { $0 } ?? snapshot.obligations }

    /// The lawful basis it rests on now.
    public var lawfulBasis: LawfulBasis { approval?.lawfulBasis ?? approvedBefore?.lawfulBasis ?? snapshot.lawfulBasis }

    /// Whether a lead approved it (with a kept approval, or before approvals were kept).
    public var wasApproved: Bool { approval != nil || approvedBefore != nil }

    /// For a share a lead approved before approvals were kept beside it: the engine's answer to the frozen facts with
    /// the lead's approval (the engine is deterministic, so this is the answer they approved).
    var approvedBefore: ShareDecision? {
        guard approval == nil, status == .shared, snapshot.outcome == .escalate, decidedBy != nil else { return nil }
        var facts = snapshot.facts
        facts.dslApproved = true
        return DecisionEngine.decide(facts)
    }

    /// The status the engine's outcome gives a new share: permit sends, escalate waits for a lead, deny records a decision not to share.
    public static func status(for outcome: ShareOutcome) -> ShareStatus {
        switch outcome {
        case .permit: .shared
        case .escalate: .awaitingApproval
        case .deny: .notShared
        }
    }
}

extension Share {
    /// Who a share involves and where it stands, without its content: enough to decide who may open it.
    public struct Facts: Sendable, Equatable {
        public var id: UUID
        public var concernID: UUID
        public var proposerID: UUID
        public var status: ShareStatus
        public var recipientUserID: UUID?
        public var recipientContactID: UUID?
        public var createdAt: Date
        public var expiresAt: Date?
        public var revokedAt: Date?

        /// Creates the facts of a share.
        public init(
            id: UUID, concernID: UUID, proposerID: UUID, status: ShareStatus, recipientUserID: UUID?,
            recipientContactID: UUID?, createdAt: Date, expiresAt: Date?, revokedAt: Date?
        ) {
            self.id = id
            self.concernID = concernID
            self.proposerID = proposerID
            self.status = status
            self.recipientUserID = recipientUserID
            self.recipientContactID = recipientContactID
            self.createdAt = createdAt
            self.expiresAt = expiresAt
            self.revokedAt = revokedAt
        }

        /// Whether the recipient may open it at `now`: shared, not revoked and, for a partner, not expired.
        public func isOpen(now: Date) -> Bool {
            guard status == .shared, revokedAt == nil else { return false }
            if let expiresAt, now >= expiresAt { return false }
            return true
        }
    }
}
