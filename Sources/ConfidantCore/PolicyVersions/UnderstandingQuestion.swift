/// A question in the induction check of understanding: a situation, and what can and cannot be kept private in it.
///
/// The situation is a ``ShareRequest`` and the right answer is what ``DecisionEngine`` decides
/// for it, so the check teaches what the system will actually do; after answering, the
/// organisation's own clause explains why.
public struct UnderstandingQuestion: Hashable, Sendable, Identifiable {
    /// Stable across versions, e.g. "tell-the-dsl"; answers are recorded by it.
    public let id: String
    /// The situation and the question, in plain English.
    public let prompt: String
    /// Two or three answers.
    public let options: [UnderstandingOption]
    /// The id of the right answer, chosen by running the engine on ``request``.
    public let correctOptionID: String
    /// The clause (from the given policy) that explains the answer; its statement is shown after answering.
    public let clause: PolicyClause
    /// The situation as the engine sees it.
    public let request: ShareRequest

    /// Creates a question.
    public init(
        id: String, prompt: String, options: [UnderstandingOption], correctOptionID: String,
        clause: PolicyClause, request: ShareRequest
    ) {
        self.id = id
        self.prompt = prompt
        self.options = options
        self.correctOptionID = correctOptionID
        self.clause = clause
        self.request = request
    }

    /// The right answer.
    public var correctOption: UnderstandingOption? {
        options.first { $0.id == correctOptionID }
    }
}
