/// An organisation's own confidentiality policy text, split into the sections its clauses rest on.
///
/// A policy version keeps the organisation's words beside the clauses Confidant enforces, so
/// consultees see the text that is being agreed and each clause can point at the section it
/// comes from. The text is plain or Markdown; see ``init(parsing:)`` for how headings are found.
public struct PolicyText: Hashable, Sendable {
    /// The longest text accepted, in UTF-8 bytes: far more than any policy, small enough to diff.
    public static let maximumBytes = 512 * 1024

    /// The heading given to text that comes before the first heading.
    public static let introductionHeading = "Introduction"

    /// The text as stored: line breaks made LF, trailing whitespace trimmed from every line,
    /// blank lines removed from both ends.
    public let source: String
    /// The sections in the order they appear; never empty.
    public let sections: [PolicySection]

    /// Parses a policy text into sections.
    ///
    /// Headings are Markdown `#` headings, Markdown underlined headings (a line followed by
    /// `===` or `---`), and plain-text headings: a line of at most 100 characters with a blank
    /// line (or the start) before it and a blank line and body after it, that does not end like
    /// a sentence (`.` `,` `;` `:` `!` `?`) and is not a bullet or numbered list item. Text
    /// before the first heading becomes a section headed "Introduction".
    public init(parsing text: String) throws(PolicyTextError) {
        let bytes = text.utf8.count
        guard bytes <= Self.maximumBytes else { throw .tooLong(bytes: bytes, limit: Self.maximumBytes) }
        let lines = try PolicyTextParser.normalisedLines(text)
        guard !lines.isEmpty else { throw .empty }

        var headings: [String] = []
        var bodies: [[String]] = []
        var preamble: [String] = []
        var index = 0
        while index < lines.count {
            if let heading = PolicyTextParser.heading(at: index, in: lines) {
                headings.append(heading.text)
                bodies.append([])
                index += heading.lineCount
                continue
            }
            if bodies.isEmpty {
                preamble.append(lines[index])
            } else {
                bodies[bodies.count - 1].append(lines[index])
            }
            index += 1
        }
        guard !headings.isEmpty else { throw .noSections }
        if preamble.contains(where: { !$0.isEmpty }) {
            headings.insert(Self.introductionHeading, at: 0)
            bodies.insert(preamble, at: 0)
        }
        let ids = PolicyHeading.uniqueSlugs(headings)
        self.source = lines.joined(separator: "\n")
        self.sections = headings.indices.map { position in
            PolicySection(id: ids[position], heading: headings[position], paragraphs: Self.paragraphs(bodies[position]))
        }
    }

    /// The blocks of lines that blank lines separate, each joined with `\n`.
    private static func paragraphs(_ lines: [String]) -> [String] {
        lines.split(whereSeparator: \.isEmpty).map { $0.joined(separator: "\n") }
    }

    /// The section whose heading matches, comparing case-insensitively with runs of whitespace
    /// collapsed and trimmed (and curly quotes and dashes read as straight ones); the first if several match.
    public func section(headed heading: String) -> PolicySection? {
        let key = PolicyHeading.key(heading)
        return sections.first { PolicyHeading.key($0.heading) == key }
    }

    /// A plain-text policy made from the clauses: one section per distinct `clause.section` in
    /// order of first appearance (heading line, blank line, then each clause's statement as its
    /// own paragraph). Used for a demo and for tests; parsing its output gives back those headings.
    ///
    /// So that it does: a heading that would not read as a plain-text heading (too long, ending
    /// in a full stop …) is written as a Markdown `##` heading, a statement is written on one
    /// line, and a statement that would itself read as a heading gets a closing full stop (and
    /// loses any leading `#` marks).
    public static func generated(from policy: ConfidentialityPolicy) -> String {
        var order: [String] = []
        var headingByKey: [String: String] = [:]
        var statementsByKey: [String: [String]] = [:]
        for clause in policy.clauses {
            let key = PolicyHeading.key(clause.section)
            if headingByKey[key] == nil {
                order.append(key)
                headingByKey[key] = clause.section
            }
            statementsByKey[key, default: []].append(clause.statement)
        }
        var lines: [String] = []
        for key in order {
            if !lines.isEmpty { lines.append("") }
            lines.append(headingLine(headingByKey[key] ?? key))
            for statement in statementsByKey[key] ?? [] {
                lines.append("")
                lines.append(bodyLine(statement))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The line that writes a heading so that it parses back to the same heading.
    private static func headingLine(_ heading: String) -> String {
        let line = PolicyHeading.collapsed(heading)
        if PolicyTextParser.markdownHeading(line) == nil && PolicyTextParser.hasHeadingShape(line) {
            return line
        }
        return "## " + line + (line.hasSuffix("#") ? " ##" : "")
    }

    /// The line that writes a statement as one paragraph that cannot be taken for a heading.
    private static func bodyLine(_ statement: String) -> String {
        var line = PolicyHeading.collapsed(statement)
        if PolicyTextParser.markdownHeading(line) != nil {
            line = PolicyTextParser.trimmed(String(line.drop { $0 == "#" }))
        }
        if PolicyTextParser.hasHeadingShape(line) { line += "." }
        return line
    }

    /// Which clauses rest on which section, and which clauses name a section the text does not have.
    ///
    /// A clause rests on the first section whose heading matches its `section` as
    /// ``section(headed:)`` compares them.
    public func grounding(of policy: ConfidentialityPolicy) -> PolicyGrounding {
        var firstIndexByKey: [String: Int] = [:]
        for (index, section) in sections.enumerated() {
            let key = PolicyHeading.key(section.heading)
            if firstIndexByKey[key] == nil { firstIndexByKey[key] = index }
        }
        var clausesBySection = [[PolicyClause]](repeating: [], count: sections.count)
        var ungrounded: [PolicyClause] = []
        for clause in policy.clauses {
            if let index = firstIndexByKey[PolicyHeading.key(clause.section)] {
                clausesBySection[index].append(clause)
            } else {
                ungrounded.append(clause)
            }
        }
        return PolicyGrounding(
            sections: sections.indices.map { PolicyGrounding.SectionClauses(section: sections[$0], clauses: clausesBySection[$0]) },
            ungrounded: ungrounded
        )
    }
}
