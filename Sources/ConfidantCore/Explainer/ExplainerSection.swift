/// One of the four sections of an explainer page.
public struct ExplainerSection: Hashable, Sendable, Codable {
    /// The question the section answers.
    public var topic: ExplainerTopic
    /// The heading shown.
    public var heading: String
    /// The points, in the order of the clauses they come from.
    public var items: [ExplainerItem]

    /// Creates a section.
    public init(topic: ExplainerTopic, heading: String, items: [ExplainerItem]) {
        self.topic = topic
        self.heading = heading
        self.items = items
    }
}
