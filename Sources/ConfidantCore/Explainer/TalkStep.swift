/// A step of the guide: another question, or the recommendation it ends in.
public indirect enum TalkStep: Hashable, Sendable, Codable {
    /// Ask another question.
    case question(TalkQuestion)
    /// Say who to talk to.
    case recommendation(TalkRecommendation)
}
