/// How someone did on the check of understanding.
///
/// Passing needs every answer right: the questions are about the limits of confidentiality
/// everyone must explain at the start of a conversation, so a missed one is shown again with
/// its clause rather than averaged away.
public struct UnderstandingResult: Hashable, Sendable {
    /// How many answers were right.
    public let correct: Int
    /// How many questions there were.
    public let total: Int
    /// The questions answered wrongly or not at all, in the order asked.
    public let missed: [UnderstandingQuestion]

    /// Creates a result.
    public init(correct: Int, total: Int, missed: [UnderstandingQuestion]) {
        self.correct = correct
        self.total = total
        self.missed = missed
    }

    /// Whether every question was answered rightly (and there was at least one).
    public var passed: Bool { missed.isEmpty && total > 0 }
}
