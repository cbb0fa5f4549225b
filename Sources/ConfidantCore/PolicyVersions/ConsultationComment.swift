import Foundation

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

    public init(
        id: UUID, versionID: UUID, sectionID: String, sectionHeading: String, authorID: UUID, authorName: String, authorRole: UserRole, body: String,
        createdAt: Date, answer: String?, answeredBy: UUID?, answeredAt: Date?, resolvedAt: Date?
    ) {
        self.id = id
        self.versionID = versionID
        self.sectionID = sectionID
        self.sectionHeading = sectionHeading
        self.authorID = authorID
        self.authorName = authorName
        self.authorRole = authorRole
        self.body = body
        self.createdAt = createdAt
        self.answer = answer
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
        self.resolvedAt = resolvedAt
    }

    /// Whether the owner still has to resolve it (publication waits until none are open).
    public var isOpen: Bool { resolvedAt == nil }
}
