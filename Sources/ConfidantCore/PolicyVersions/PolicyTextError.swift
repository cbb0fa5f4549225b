/// Why an organisation's policy text cannot be taken as a policy version's text.
///
/// Each case carries what the person pasting or uploading the text needs to fix it; Web maps
/// the error to a page once, using ``description``.
public enum PolicyTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty or only whitespace.
    case empty
    /// The text is longer, in UTF-8 bytes, than ``PolicyText/maximumBytes``.
    case tooLong(bytes: Int, limit: Int)
    /// A line (1-based, counting the text as given) holds NUL or another control character
    /// other than tab and line breaks, usually left behind by copying from a PDF or word processor.
    case controlCharacters(line: Int)
    /// No line of the text reads as a section heading, so no clause could rest on a section.
    case noSections

    /// A sentence saying what is wrong and what to do about it.
    public var description: String {
        switch self {
        case .empty:
            "The policy text is empty. Paste the text of your confidentiality policy, with each section's heading on a line of its own."
        case .tooLong(let bytes, let limit):
            "The policy text is \(PolicyDocument.grouped(bytes)) bytes; the most is \(PolicyDocument.grouped(limit)). Split it or remove what is not policy."
        case .controlCharacters(let line):
            "Line \(PolicyDocument.grouped(line)) of the policy text contains an invisible control character, often left by copying from a PDF or word processor. Remove it (or retype the line) and try again."
        case .noSections:
            "No section headings were found in the policy text. Put each heading on a line of its own with a blank line before and after it, or start it with #."
        }
    }
}
