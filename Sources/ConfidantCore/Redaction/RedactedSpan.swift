/// One replaced span of the input: offsets are Unicode code points into the input text, `end` exclusive.
public struct RedactedSpan: Sendable, Hashable, Codable {
    /// Offset of the first code point replaced.
    public var start: Int
    /// Offset just past the last code point replaced.
    public var end: Int
    /// What kind of identifier the span held.
    public var type: RedactionType
    /// The text that stands in its place: a pseudonym or a placeholder.
    public var replacement: String

    /// Creates a span.
    public init(start: Int, end: Int, type: RedactionType, replacement: String) {
        self.start = start
        self.end = end
        self.type = type
        self.replacement = replacement
    }
}
