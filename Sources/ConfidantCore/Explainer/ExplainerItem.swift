/// One point on an explainer page, with the clauses it explains so a reader (and a test) can trace it to the policy.
public struct ExplainerItem: Hashable, Sendable, Codable {
    /// A short heading (the clause's title on the parents' page; empty where the page has none).
    public var heading: String
    /// The text: for Easy Read, exactly one sentence.
    public var text: String
    /// The picture shown beside it.
    public var icon: ExplainerIcon
    /// The ids of the clauses it comes from, in the policy's order.
    public var clauseIDs: [String]

    /// Creates an item.
    public init(heading: String = "", text: String, icon: ExplainerIcon, clauseIDs: [String]) {
        self.heading = heading
        self.text = text
        self.icon = icon
        self.clauseIDs = clauseIDs
    }
}
