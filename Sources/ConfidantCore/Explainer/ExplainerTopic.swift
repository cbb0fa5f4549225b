/// The four questions every explainer page answers, in the order it answers them.
///
/// They are the questions the policy wants people able to answer before they speak: what is kept
/// private, what may be shared and with whom, when they will be told, and "who the most
/// appropriate person to speak to" is [Aims of MCT's Confidentiality Policy].
public enum ExplainerTopic: String, CaseIterable, Sendable, Codable {
    /// What stays private.
    case whatStaysPrivate = "what-stays-private"
    /// What we may share, with whom and why.
    case whatWeMayShare = "what-we-may-share"
    /// When we will tell you.
    case whenWeWillTellYou = "when-we-will-tell-you"
    /// Who you can talk to.
    case whoYouCanTalkTo = "who-you-can-talk-to"

    /// The section heading for an audience.
    public func heading(for audience: Audience) -> String {
        switch (self, audience) {
        case (.whatStaysPrivate, _): "What stays private"
        case (.whatWeMayShare, .parentsAndCarers): "What we may share, with whom and why"
        case (.whatWeMayShare, _): "What we may share, who with, and why"
        case (.whenWeWillTellYou, _): "When we will tell you"
        case (.whoYouCanTalkTo, _): "Who you can talk to"
        }
    }
}
