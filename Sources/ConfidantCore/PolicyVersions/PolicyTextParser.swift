/// The line rules behind ``PolicyText``: normalising the text and recognising headings.
///
/// Organisations paste their policy from a word processor, a PDF or a Markdown file, so three
/// kinds of heading are recognised: Markdown `#` headings, Markdown underlined headings, and
/// the plain-text convention of a short line standing alone between blank lines.
enum PolicyTextParser {
    /// The longest line that can be a plain-text heading, in characters.
    static let maximumPlainHeadingLength = 100

    /// Characters that start a bulleted line, which is never a plain-text heading.
    static let bullets: Set<Character> = ["•", "◦", "▪", "‣", "-", "*", "+", "–", "—"]

    /// Characters that end a sentence or a lead-in, so a line ending in one is never a plain-text heading.
    static let sentenceEnds: Set<Character> = [".", ",", ";", ":", "!", "?"]

    /// The text's lines with line breaks normalised (CRLF and CR become LF), a leading byte-order
    /// mark dropped, trailing whitespace trimmed from each line and blank lines removed from both
    /// ends; or the 1-based number of the first line holding a control character other than tab.
    static func normalisedLines(_ text: String) throws(PolicyTextError) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var lineNumber = 1
        var previousWasCR = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        for scalar in scalars {
            switch scalar {
            case "\n":
                if !previousWasCR {
                    lines.append(trimmingTrailingWhitespace(current))
                    current = String.UnicodeScalarView()
                    lineNumber += 1
                }
                previousWasCR = false
            case "\r":
                lines.append(trimmingTrailingWhitespace(current))
                current = String.UnicodeScalarView()
                lineNumber += 1
                previousWasCR = true
            default:
                previousWasCR = false
                if scalar != "\t" && scalar.properties.generalCategory == .control {
                    throw .controlCharacters(line: lineNumber)
                }
                current.append(scalar)
            }
        }
        lines.append(trimmingTrailingWhitespace(current))
        guard let first = lines.firstIndex(where: { !$0.isEmpty }),
            let last = lines.lastIndex(where: { !$0.isEmpty })
        else {
            return []
        }
        return Array(lines[first...last])
    }

    /// A line without the whitespace at its end.
    private static func trimmingTrailingWhitespace(_ scalars: String.UnicodeScalarView) -> String {
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            guard scalars[before].properties.isWhitespace else { break }
            end = before
        }
        return String(String.UnicodeScalarView(scalars[scalars.startIndex..<end]))
    }

    /// A heading found in the text: its wording and how many lines it takes (2 for an underlined one).
    struct Heading: Equatable {
        let text: String
        let lineCount: Int
    }

    /// The heading starting at `index`, if the line there is one. `lines` are normalised, so a
    /// blank line is empty and the text neither starts nor ends with one.
    static func heading(at index: Int, in lines: [String]) -> Heading? {
        let line = lines[index]
        guard !line.isEmpty else { return nil }
        if let text = markdownHeading(line) {
            return Heading(text: text, lineCount: 1)
        }
        if index + 1 < lines.count, isUnderline(lines[index + 1]) {
            return Heading(text: trimmed(line), lineCount: 2)
        }
        // A plain-text heading stands alone: a blank line (or the start) before it, a blank line
        // after it and then body. Normalised text does not end with a blank line, so a blank
        // line after this one is always followed by something.
        let standsAlone =
            (index == 0 || lines[index - 1].isEmpty)
            && index + 1 < lines.count && lines[index + 1].isEmpty
        guard standsAlone, hasHeadingShape(line) else { return nil }
        return Heading(text: trimmed(line), lineCount: 1)
    }

    /// The text of a Markdown ATX heading (`#` to `######`, a space, the text, optional closing
    /// `#`s), or nil if the line is not one or its text is empty.
    static func markdownHeading(_ line: String) -> String? {
        var rest = line[...]
        var indent = 0
        while indent < 3, rest.first == " " {
            rest = rest.dropFirst()
            indent += 1
        }
        let hashes = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        rest = rest.dropFirst(hashes)
        guard let separator = rest.first, separator == " " || separator == "\t" else { return nil }
        var content = trimmed(String(rest))
        // A closing sequence is a run of `#` at the end, preceded by whitespace (or alone).
        let withoutClosing = content.reversed().drop { $0 == "#" }
        if withoutClosing.count < content.count {
            if withoutClosing.isEmpty {
                content = ""
            } else if let last = withoutClosing.first, last == " " || last == "\t" {
                content = trimmed(String(withoutClosing.reversed()))
            }
        }
        return content.isEmpty ? nil : content
    }

    /// Whether a line underlines the one above it as a Markdown Setext heading: three or more
    /// `=`, or three or more `-`, and nothing else.
    static func isUnderline(_ line: String) -> Bool {
        let body = trimmed(line)
        guard body.count >= 3, let first = body.first, first == "=" || first == "-" else { return false }
        return body.allSatisfy { $0 == first }
    }

    /// Whether a line, standing alone, reads as a plain-text heading: at most 100 characters,
    /// some letter in it, not ending like a sentence or lead-in (`.`, `,`, `;`, `:`, `!`, `?`),
    /// not a bullet (`•`, `-`, `*`, `+`, `–` …) and not a numbered list item (`1.` or `1)`
    /// followed by a space). A section number such as `1.2 Scope` does not make a list item.
    static func hasHeadingShape(_ line: String) -> Bool {
        let text = trimmed(line)
        guard let first = text.first, let last = text.last,
            text.count <= maximumPlainHeadingLength,
            text.contains(where: \.isLetter),
            !sentenceEnds.contains(last),
            !bullets.contains(first)
        else { return false }
        return !isListNumber(text)
    }

    /// Whether a line starts with a list number: digits, then `.` or `)`, then a space or the end.
    private static func isListNumber(_ text: String) -> Bool {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return false }
        let rest = text.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" else { return false }
        return rest.dropFirst().first.map(\.isWhitespace) ?? true
    }

    /// A string without whitespace at either end.
    static func trimmed(_ text: String) -> String {
        let characters = Substring(text)
        let start = characters.firstIndex { !$0.isWhitespace } ?? characters.endIndex
        let end = characters.lastIndex { !$0.isWhitespace }.map { characters.index(after: $0) } ?? start
        return start < end ? String(characters[start..<end]) : ""
    }

    /// A string with CRLF and lone CR made LF.
    static func unixLineBreaks(_ text: String) -> String {
        guard text.unicodeScalars.contains("\r") else { return text }
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            scalars.append(previousWasCR ? "\n" : scalar)
        }
        return String(scalars)
    }
}
