import Foundation

/// One line of the managers' acknowledgment report.
public struct AcknowledgementLine: Sendable {
    public let user: UserAccount
    /// When they acknowledged a version that counts for the current one; nil if they have not.
    public let acknowledgedAt: Date?
    /// The number of the version whose acknowledgement counts (`acknowledgedAt` is that acknowledgement's time): the
    /// current one, or an earlier one whose clauses the current version did not change.
    public let acknowledgedVersionNumber: Int?
    /// The number of the last version they acknowledged, if any.
    public let lastVersionNumber: Int?
    public let understandingPassed: Bool
    public let reminders: Int
    public let lastRemindedAt: Date?

    public init(
        user: UserAccount, acknowledgedAt: Date?, acknowledgedVersionNumber: Int? = nil, lastVersionNumber: Int?, understandingPassed: Bool,
        reminders: Int, lastRemindedAt: Date?
    ) {
        self.user = user
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedVersionNumber = acknowledgedVersionNumber
        self.lastVersionNumber = lastVersionNumber
        self.understandingPassed = understandingPassed
        self.reminders = reminders
        self.lastRemindedAt = lastRemindedAt
    }

    public var hasAcknowledged: Bool { acknowledgedAt != nil }
}
