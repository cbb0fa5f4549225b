/// A question of the "Who should I talk to?" guide, with its answers.
public struct TalkQuestion: Hashable, Sendable, Codable {
    /// A stable id, used as the form field name.
    public var id: String
    /// The question as asked.
    public var text: String
    /// The answers, each leading on.
    public var choices: [TalkChoice]

    /// Creates a question.
    public init(id: String, text: String, choices: [TalkChoice]) {
        self.id = id
        self.text = text
        self.choices = choices
    }
}

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

/// A step of the guide: another question, or the recommendation it ends in.
public indirect enum TalkStep: Hashable, Sendable, Codable {
    /// Ask another question.
    case question(TalkQuestion)
    /// Say who to talk to.
    case recommendation(TalkRecommendation)
}

/// A complete way through the guide: the answers given and the recommendation reached.
public struct TalkPath: Hashable, Sendable {
    /// The ids of the questions asked, in order.
    public var questionIDs: [String]
    /// The ids of the answers given, in order.
    public var answerIDs: [String]
    /// Where the answers lead.
    public var recommendation: TalkRecommendation
}
