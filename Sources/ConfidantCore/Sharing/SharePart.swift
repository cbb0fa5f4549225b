/// A part of a concern that may be chosen for a share; nothing is included unless chosen (minimum necessary, [Policy statement]).
public enum SharePart: String, CaseIterable, Codable, Sendable {
    case account
    case observations
    case opinion
    case actions

    /// The heading shown to the recipient.
    public var label: String {
        switch self {
        case .account: "What the person said"
        case .observations: "What staff saw or heard"
        case .opinion: "Staff opinion"
        case .actions: "Actions taken"
        }
    }

    /// This part's text in a concern's narrative.
    public func text(in narrative: ConcernNarrative) -> String {
        switch self {
        case .account: narrative.account
        case .observations: narrative.observations
        case .opinion: narrative.opinion
        case .actions: narrative.actionsTaken
        }
    }
}
