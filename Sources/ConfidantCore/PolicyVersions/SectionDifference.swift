/// How one section of an organisation's policy text differs between two versions.
///
/// Sections are matched by heading, so a consultee sees each section once: added, removed,
/// changed (with the wording's changes) or unchanged.
public struct SectionDifference: Hashable, Sendable {
    /// What happened to the section.
    public enum Change: String, Sendable {
        case added, removed, changed, unchanged
    }

    /// The section's heading: the new version's wording, or the old one's for a removed section.
    public let heading: String
    /// What happened to the section.
    public let change: Change
    /// The body's changes word by word for a changed section (paragraph by paragraph when the
    /// section is too large for that); otherwise one piece holding the whole body (`.same` for
    /// unchanged, `.inserted` for added, `.deleted` for removed), or none for an empty body.
    /// Paragraph breaks appear inside piece text as "\n\n".
    public let pieces: [DiffPiece]

    /// Creates a section difference.
    public init(heading: String, change: Change, pieces: [DiffPiece]) {
        self.heading = heading
        self.change = change
        self.pieces = pieces
    }
}
