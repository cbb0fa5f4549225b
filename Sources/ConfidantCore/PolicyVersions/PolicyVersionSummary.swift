import Foundation

/// A version without its text: enough for lists and notices.
public struct PolicyVersionSummary: Sendable, Identifiable, Hashable {
    public let id: UUID
    public let number: Int
    public let label: String
    public let status: PolicyVersionStatus
    public let basedOn: UUID?
    public let publicationRequestedBy: UUID?

    public init(
        id: UUID, number: Int, label: String, status: PolicyVersionStatus, basedOn: UUID?, publicationRequestedBy: UUID?
    ) {
        self.id = id
        self.number = number
        self.label = label
        self.status = status
        self.basedOn = basedOn
        self.publicationRequestedBy = publicationRequestedBy
    }

    /// "Version 3 (2027 review)".
    public var title: String { "Version \(number) (\(label))" }
}
