/// One section of an organisation's policy text: its heading and the paragraphs under it.
///
/// Clauses name the section they rest on by its heading (``PolicyClause/section``), so the
/// policy screens can show each clause next to the organisation's own words.
public struct PolicySection: Hashable, Sendable, Identifiable {
    /// A slug of the heading (lowercase ASCII letters and digits, anything else a single `-`),
    /// unique within its text (`-2`, `-3` … on repeats); `section` if the heading has no letters
    /// or digits. Pages use it as a fragment, so it must be stable for the same text.
    public let id: String
    /// The heading as written, without Markdown markers.
    public let heading: String
    /// The blocks under the heading that blank lines separate; lines within a block are kept, joined with `\n`.
    public let paragraphs: [String]

    /// Creates a section; ``PolicyText`` makes them when parsing and keeps ids unique.
    public init(id: String, heading: String, paragraphs: [String]) {
        self.id = id
        self.heading = heading
        self.paragraphs = paragraphs
    }
}
