/// Where the "Who should I talk to?" guide ends: who to talk to and what will happen to what is said.
public struct TalkRecommendation: Hashable, Sendable, Codable {
    /// Who to talk to.
    public var contact: TalkContact
    /// The recommendation as a heading, e.g. "Call 999".
    public var heading: String
    /// What will happen to what the person says, one short paragraph each.
    public var whatHappens: [String]
    /// The ids of the clauses that say so.
    public var clauseIDs: [String]

    /// Creates a recommendation.
    public init(contact: TalkContact, heading: String, whatHappens: [String], clauseIDs: [String]) {
        self.contact = contact
        self.heading = heading
        self.whatHappens = whatHappens
        self.clauseIDs = clauseIDs
    }
}
