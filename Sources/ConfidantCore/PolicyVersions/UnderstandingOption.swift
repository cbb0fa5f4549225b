/// One answer offered to a check-of-understanding question.
public struct UnderstandingOption: Hashable, Sendable, Identifiable {
    /// Stable within its question; answers are recorded by it.
    public let id: String
    /// The answer in plain English.
    public let text: String

    /// Creates an option.
    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}
