/// One answer to a question of the guide, and where it leads.
public struct TalkChoice: Hashable, Sendable, Codable {
    /// A stable id, used as the form field value.
    public var id: String
    /// The answer as shown.
    public var label: String
    /// The next question or the recommendation.
    public var next: TalkStep

    /// Creates an answer.
    public init(id: String, label: String, next: TalkStep) {
        self.id = id
        self.label = label
        self.next = next
    }
}
