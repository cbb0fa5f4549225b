/// A run of text that two versions share, or that one of them alone has.
///
/// Consultees review what changed in the wording, not the whole text again, so a changed
/// section is shown as a sequence of pieces: kept, inserted and deleted.
public struct DiffPiece: Hashable, Sendable {
    /// Whether the text is in both versions, only the new one, or only the old one.
    public enum Kind: String, Sendable {
        case same, inserted, deleted
    }

    /// Whether the text is kept, inserted or deleted.
    public let kind: Kind
    /// The text, with the spacing that joins it to the piece before it. Consecutive pieces of
    /// one kind are merged; the `.same` and `.deleted` texts joined give the old body, the
    /// `.same` and `.inserted` texts the new one (words separated by single spaces, paragraphs by "\n\n").
    public let text: String

    /// Creates a piece.
    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}
