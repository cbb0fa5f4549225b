/// The rules for a policy version's label, such as "2026 review".
///
/// The label names the version on every page and in the audit log, so it must be short, on
/// one line, and made of characters that show as what they are.
public enum PolicyVersionLabel {
    /// The longest label, in characters.
    public static let maximumLength = 80

    /// The label as stored: trimmed; refused if empty, longer than ``maximumLength`` characters,
    /// broken over lines, or holding a control character or an invisible text-direction override
    /// (which could make a label display as something it is not).
    public static func validated(_ label: String) throws(PolicyInputError) -> String {
        let text = PolicyTextParser.trimmed(label)
        guard !text.isEmpty else { throw .emptyLabel }
        guard !text.contains(where: \.isNewline) else { throw .labelNotOneLine }
        guard text.unicodeScalars.allSatisfy(isPrintable) else { throw .labelNotPrintable }
        guard !text.exceedsLimit(maximumLength) else { throw .labelTooLong(length: text.unicodeScalars.count, limit: maximumLength) }
        return text
    }

    /// Whether a character can stand in a label: not a control character (tab included) and
    /// not a bidirectional embedding, override or isolate.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory != .control && !isDirectionOverride(scalar)
    }

    /// A bidirectional embedding, override or isolate: invisible, and able to make text display reordered.
    static func isDirectionOverride(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
