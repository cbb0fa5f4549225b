/// A complete way through the guide: the answers given and the recommendation reached.
public struct TalkPath: Hashable, Sendable {
    /// The ids of the questions asked, in order.
    public var questionIDs: [String]
    /// The ids of the answers given, in order.
    public var answerIDs: [String]
    /// Where the answers lead.
    public var recommendation: TalkRecommendation
}
