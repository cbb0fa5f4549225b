import Foundation

/// A safeguarding lead closing a concern, Making Safeguarding Personal: whether what the person wanted to happen was
/// achieved, and the person's own view of it (Care Act statutory guidance 14.15; for a child, their wishes and feelings).
public struct CaseClosure: Sendable, Equatable, Identifiable {
    /// Whether the outcomes the person wanted were achieved.
    public enum Achieved: String, CaseIterable, Codable, Sendable {
        case fully
        case partly
        case not
        /// They were never asked, or could not say, what they wanted.
        case notAsked = "not_asked"

        public var label: String {
            switch self {
            case .fully: "Fully achieved"
            case .partly: "Partly achieved"
            case .not: "Not achieved"
            case .notAsked: "They were not asked, or could not say, what they wanted"
            }
        }
    }

    public var id: UUID
    public var concernID: UUID
    public var closedBy: UUID
    public var closedAt: Date
    public var achieved: Achieved
    /// The person's own view of how it went, in their words (sealed at rest like the narrative).
    public var personView: String

    public init(id: UUID, concernID: UUID, closedBy: UUID, closedAt: Date, achieved: Achieved, personView: String) {
        self.id = id
        self.concernID = concernID
        self.closedBy = closedBy
        self.closedAt = closedAt
        self.achieved = achieved
        self.personView = personView
    }

    /// What is wrong with a closure as a lead sent it, each on its field.
    public static func problems(achieved: Achieved?, personView: String) -> [RecordFieldError] {
        var problems: [RecordFieldError] = []
        if achieved == nil { problems.append(.init(field: "achieved", message: "Say whether what they wanted was achieved")) }
        if achieved != .notAsked, personView.isBlank {
            problems.append(.init(field: "person_view", message: "Write the person's own view, in their words, or say why you could not ask"))
        }
        if personView.exceedsLimit(ConcernNarrative.maximumFieldLength) {
            problems.append(.init(field: "person_view", message: "Keep the person's view to 20,000 characters"))
        }
        return problems
    }
}
