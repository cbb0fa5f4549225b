/// The rules for a consultation comment's text.
///
/// Comments are shown to every owner and kept with the version, so they are checked once here
/// for the store and the web form alike.
public enum PolicyComment {
    /// The longest comment, in characters: enough for a considered response, not a document.
    public static let maximumLength = 4000

    /// The comment as stored: line breaks made `\n` (browsers send `\r\n`), whitespace trimmed
    /// from both ends; refused if empty, longer than ``maximumLength`` characters, or holding a
    /// control character other than line break and tab, or a text-direction override.
    public static func validated(_ body: String) throws(PolicyInputError) -> String {
        let text = PolicyTextParser.trimmed(PolicyTextParser.unixLineBreaks(body))
        guard !text.isEmpty else { throw .emptyComment }
        let hasControl = text.unicodeScalars.contains {
            ($0 != "\n" && $0 != "\t" && $0.properties.generalCategory == .control) || PolicyVersionLabel.isDirectionOverride($0)
        }
        guard !hasControl else { throw .commentControlCharacters }
        guard !text.exceedsLimit(maximumLength) else { throw .commentTooLong(length: text.unicodeScalars.count, limit: maximumLength) }
        return text
    }
}
