import Foundation

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

    public init(
        current: PolicyVersion?, acknowledgedCurrent: Bool, lastAcknowledged: PolicyVersion?, understandingPassed: Bool
    ) {
        self.current = current
        self.acknowledgedCurrent = acknowledgedCurrent
        self.lastAcknowledged = lastAcknowledged
        self.understandingPassed = understandingPassed
    }

    /// Whether the policy page stands between them and everything else.
    public var mustAcknowledge: Bool { current != nil && !acknowledgedCurrent }
}
