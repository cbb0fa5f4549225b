/// Why a consultation comment or a version label cannot be saved.
///
/// Each case carries what the person typing needs to fix it; Web shows ``description`` next to the field.
public enum PolicyInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The comment is empty or only whitespace.
    case emptyComment
    /// The comment is longer than ``PolicyComment/maximumLength`` characters.
    case commentTooLong(length: Int, limit: Int)
    /// The comment holds a control character other than a line break or tab.
    case commentControlCharacters
    /// The label is empty or only whitespace.
    case emptyLabel
    /// The label is longer than ``PolicyVersionLabel/maximumLength`` characters.
    case labelTooLong(length: Int, limit: Int)
    /// The label runs over more than one line.
    case labelNotOneLine
    /// The label holds a control or text-direction character that cannot be shown.
    case labelNotPrintable
    /// A clause's title, statement or section is empty.
    case clauseFieldEmpty(clause: String, field: String)
    /// A clause's field is longer than its limit.
    case clauseFieldTooLong(clause: String, field: String, limit: Int)
    /// A clause's field holds a control or text-direction character, or a title or section runs over lines.
    case clauseFieldNotPrintable(clause: String, field: String)

    /// A sentence saying what to fix.
    public var description: String {
        switch self {
        case .emptyComment:
            "Write a comment before sending it."
        case .commentTooLong(let length, let limit):
            "The comment is \(PolicyDocument.grouped(length)) characters; the most is \(PolicyDocument.grouped(limit)). Shorten it or split it into two comments."
        case .commentControlCharacters:
            "The comment contains an invisible control character, often left by copying from another program. Remove it (or retype the text) and try again."
        case .emptyLabel:
            "Give the version a label, for example “2026 review”."
        case .labelTooLong(let length, let limit):
            "The label is \(PolicyDocument.grouped(length)) characters; the most is \(PolicyDocument.grouped(limit)). Shorten it."
        case .labelNotOneLine:
            "The label must fit on one line. Remove the line breaks."
        case .clauseFieldEmpty(let clause, let field):
            "The \(field) of clause \(clause) is empty. Write one."
        case .clauseFieldTooLong(let clause, let field, let limit):
            "The \(field) of clause \(clause) is longer than \(PolicyDocument.grouped(limit)) characters. Shorten it."
        case .clauseFieldNotPrintable(let clause, let field):
            "The \(field) of clause \(clause) contains a line break or an invisible character that cannot be shown. Retype it on one line and try again."
        case .labelNotPrintable:
            "The label contains an invisible character that cannot be shown. Retype it and try again."
        }
    }
}
