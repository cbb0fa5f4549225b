/// The de-identified text and the spans that were replaced in the input, sorted and not overlapping.
public struct RedactionResult: Sendable, Hashable {
    /// The input with every identifying span replaced.
    public var text: String
    /// The replaced spans, in code points into the input.
    public var spans: [RedactedSpan]

    /// Creates a result.
    public init(text: String, spans: [RedactedSpan]) {
        self.text = text
        self.spans = spans
    }
}
