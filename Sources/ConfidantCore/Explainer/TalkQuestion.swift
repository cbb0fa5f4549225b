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
