import Foundation
import Testing

@testable import ConfidantCore

@Suite("Policy text: sections and grounding")
struct PolicyTextTests {
    /// The six section headings of MCT's policy, in order.
    static let mctHeadings = [
        "Policy statement", "Purpose of policy", "Aims of MCT's Confidentiality Policy",
        "Policy development", "Definition of confidentiality", "Limited confidentiality",
    ]

    /// A made-up policy laid out as MCT's is: plain-text headings between blank lines, one-line
    /// paragraphs, and indented bullets that are not headings.
    static let exampleYouthTrust = """
        Policy statement

        Example Youth Trust believes that the safety of every young person who uses our clubs comes first, and that everyone may seek advice and support.

        Purpose of policy

        This policy sets out the limits of confidentiality so that young people, families and staff know what to expect.

        Aims of MCT's Confidentiality Policy

        We cannot offer absolute confidentiality - for example where someone is at risk of serious harm - and we say so at the start.

        Policy development

        The policy was written with our staff and young people and is read by every new volunteer at induction.

        Definition of confidentiality

          • Example 1

        A young person asks a youth worker to keep their conversation private.

          • Example 2

        An adult volunteer asks a coordinator to keep their conversation private.

        As these examples show, we should almost never promise to keep something completely secret.

        Limited confidentiality

        In most cases what we offer is limited confidentiality: what is said may be discussed with other professionals, normally without names.
        """

    /// The customer's policy as they sent it (`shared/seed/confidentiality-policy.txt`), kept beside the tests so
    /// that a clean clone checks it too; `CONFIDANT_SEED_POLICY` points at another copy to check instead.
    static let seedPath: String =
        ProcessInfo.processInfo.environment["CONFIDANT_SEED_POLICY"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mct-confidentiality-policy.txt").path

    /// Parses text that the test expects to be valid.
    static func parsed(_ text: String) throws -> PolicyText {
        try PolicyText(parsing: text)
    }

    /// The error parsing a text throws, or nil.
    static func error(parsing text: String) -> PolicyTextError? {
        do {
            _ = try PolicyText(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    /// A policy like `.mct` with some clauses' sections changed.
    static func mct(sections: [PolicyRule: String]) throws -> ConfidentialityPolicy {
        let clauses = ConfidentialityPolicy.mct.clauses.map { clause in
            var clause = clause
            if let section = sections[clause.rule] { clause.section = section }
            return clause
        }
        return try ConfidentialityPolicy(name: "Example Youth Trust", version: "test", clauses: clauses)
    }

    // MARK: MCT's layout

    @Test("A text laid out as MCT's parses into its six sections, bullets staying in the body")
    func mctLayout() throws {
        let text = try Self.parsed(Self.exampleYouthTrust)
        #expect(text.sections.map(\.heading) == Self.mctHeadings)
        #expect(
            text.sections.map(\.id) == [
                "policy-statement", "purpose-of-policy", "aims-of-mct-s-confidentiality-policy",
                "policy-development", "definition-of-confidentiality", "limited-confidentiality",
            ])
        let definition = try #require(text.section(headed: "Definition of confidentiality"))
        #expect(definition.paragraphs.count == 5)
        #expect(definition.paragraphs[0] == "  • Example 1")
        #expect(definition.paragraphs[2] == "  • Example 2")
        #expect(text.grounding(of: .mct).ungrounded.isEmpty)
    }

    @Test("The customer's policy file parses into exactly its six sections and grounds every MCT clause")
    func mctSeedFile() throws {
        let text = try Self.parsed(try String(contentsOfFile: Self.seedPath, encoding: .utf8))
        #expect(text.sections.map(\.heading) == Self.mctHeadings)
        #expect(text.sections.allSatisfy { !$0.paragraphs.isEmpty })
        let grounding = text.grounding(of: .mct)
        #expect(grounding.ungrounded.isEmpty)
        for clause in ConfidentialityPolicy.mct.clauses {
            #expect(text.section(headed: clause.section)?.heading == clause.section, "clause \(clause.id)")
        }
        #expect(grounding.sections.reduce(0) { $0 + $1.clauses.count } == ConfidentialityPolicy.mct.clauses.count)
    }

    // MARK: Generated text

    @Test("The text generated from MCT's clauses grounds every clause, one section per distinct section in order")
    func generatedFromMCT() throws {
        let policy = ConfidentialityPolicy.mct
        let text = try Self.parsed(PolicyText.generated(from: policy))
        var distinct: [String] = []
        for clause in policy.clauses where !distinct.contains(clause.section) { distinct.append(clause.section) }
        #expect(text.sections.map(\.heading) == distinct)
        let grounding = text.grounding(of: policy)
        #expect(grounding.ungrounded.isEmpty)
        #expect(grounding.isComplete)
        for entry in grounding.sections {
            #expect(entry.clauses.allSatisfy { $0.section == entry.section.heading })
            #expect(entry.section.paragraphs == entry.clauses.map(\.statement))
        }
    }

    @Test("Headings and statements that would not survive as plain text still parse back to the same headings")
    func generatedAwkwardHeadings() throws {
        let long = String(repeating: "Very long heading ", count: 7) + "end"
        let policy = try Self.mct(sections: [
            .safetyFirst: "Scope.", .dslCircle: "1. Numbered", .needToKnow: long, .consent: "- Dashed",
            .emergency: "C#", .neverShare: "# Hashed", .roleLimits: "Split\nover lines",
        ])
        var clauses = policy.clauses
        clauses[0].statement = "Safety first"  // would read as a heading
        clauses[3].statement = "# Not a heading"  // would read as a Markdown heading
        let awkward = try ConfidentialityPolicy(name: "n", version: "1", clauses: clauses)
        let text = try Self.parsed(PolicyText.generated(from: awkward))
        var distinct: [String] = []
        for clause in awkward.clauses where !distinct.contains(PolicyHeading.key(clause.section)) {
            distinct.append(PolicyHeading.key(clause.section))
        }
        #expect(text.sections.map { PolicyHeading.key($0.heading) } == distinct)
        #expect(text.grounding(of: awkward).ungrounded.isEmpty)
        #expect(text.section(headed: "Scope.")?.paragraphs.first == "Safety first.")
    }

    // MARK: Normalising

    @Test("Line breaks become LF, trailing spaces and blank lines at both ends go")
    func normalisation() throws {
        let text = try Self.parsed("\r\n\n  \nHeading  \r\n\r\nFirst line\t\rsecond line \n\n\n")
        #expect(text.source == "Heading\n\nFirst line\nsecond line")
        #expect(text.sections == [PolicySection(id: "heading", heading: "Heading", paragraphs: ["First line\nsecond line"])])
    }

    @Test("A leading byte-order mark is dropped")
    func byteOrderMark() throws {
        let text = try Self.parsed("\u{FEFF}Scope\n\nBody.")
        #expect(text.sections.map(\.heading) == ["Scope"])
        #expect(text.source == "Scope\n\nBody.")
    }

    @Test("Text before the first heading becomes a section headed Introduction")
    func introduction() throws {
        let text = try Self.parsed("This policy applies to all staff.\nIt was agreed in May.\n\n# Scope\n\nEveryone.")
        #expect(text.sections.map(\.heading) == ["Introduction", "Scope"])
        #expect(text.sections[0].paragraphs == ["This policy applies to all staff.\nIt was agreed in May."])
        #expect(text.sections[0].id == "introduction")
    }

    // MARK: Headings

    @Test("Markdown headings count wherever they are, without their # marks")
    func markdownHeadings() throws {
        let text = try Self.parsed(
            """
            # Policy statement #
            Body straight after.
            ###### Six levels
            ####### Seven is not a heading
            #hashtag is not a heading
               ## Indented three ##
            ## C#
            Text.
            """)
        #expect(text.sections.map(\.heading) == ["Policy statement", "Six levels", "Indented three", "C#"])
        #expect(text.sections[1].paragraphs == ["####### Seven is not a heading\n#hashtag is not a heading"])
    }

    @Test("Underlined (Setext) headings count, with = or -, three or more")
    func setextHeadings() throws {
        let text = try Self.parsed("Purpose\n=======\nWhy we have this policy.\n\nScope of it all\n---\nEveryone.\n\nNot underlined\n--\nBody.")
        #expect(text.sections.map(\.heading) == ["Purpose", "Scope of it all"])
        #expect(text.sections[1].paragraphs == ["Everyone.", "Not underlined\n--\nBody."])
    }

    @Test(
        "A plain line is a heading only standing alone, short, not ending like a sentence, not a list item",
        arguments: [
            ("Scope", true),
            ("1.2 Scope of the policy", true),
            ("Who this is for (and who it is not for)", true),
            (String(repeating: "a", count: 100), true),
            (String(repeating: "a", count: 101), false),
            ("Scope.", false), ("Scope,", false), ("Scope;", false), ("Scope:", false), ("Scope!", false), ("Scope?", false),
            ("• Bullet", false), ("- Bullet", false), ("* Bullet", false), ("+ Bullet", false), ("– Bullet", false),
            ("  • Indented bullet", false),
            ("1. Listed", false), ("12) Listed", false), ("3.", false),
            ("2024", false),
        ])
    func plainHeadingShape(line: String, isHeading: Bool) throws {
        let text = try Self.parsed("Heading\n\nBody.\n\n\(line)\n\nMore body.")
        #expect(text.sections.map(\.heading) == (isHeading ? ["Heading", PolicyTextParser.trimmed(line)] : ["Heading"]))
    }

    @Test("A plain line needs a blank line (or the start) before it and a blank line and body after it")
    func plainHeadingStandsAlone() throws {
        #expect(try Self.parsed("Heading\n\nBody.\nNot a heading\n\nMore.").sections.map(\.heading) == ["Heading"])
        #expect(try Self.parsed("Heading\n\nBody.\n\nNot a heading\nMore.").sections.map(\.heading) == ["Heading"])
        #expect(try Self.parsed("Heading\n\nBody.\n\nLast line").sections.map(\.heading) == ["Heading"])
        #expect(try Self.parsed("Part one\n\nScope\n\nBody.").sections.map(\.heading) == ["Part one", "Scope"])
    }

    @Test("Section ids are slugs, unique within the text")
    func sectionIDs() throws {
        let text = try Self.parsed("# Café & Co\n\nA.\n\n# Café & Co\n\nB.\n\n# CAFÉ  & co 2\n\nC.\n\n# ¿¡Ω!?\n\nD.\n\n# 2024 Review\n\nE.")
        #expect(text.sections.map(\.id) == ["caf-co", "caf-co-2", "caf-co-2-2", "section", "2024-review"])
        #expect(Set(text.sections.map(\.id)).count == text.sections.count)
    }

    @Test("Sections are found by heading whatever the case, spacing or quote marks")
    func sectionLookup() throws {
        let text = try Self.parsed(Self.exampleYouthTrust)
        #expect(text.section(headed: "  policy   STATEMENT ")?.heading == "Policy statement")
        #expect(text.section(headed: "Aims of MCT’s Confidentiality Policy")?.id == "aims-of-mct-s-confidentiality-policy")
        #expect(text.section(headed: "Policy statements") == nil)
    }

    // MARK: Errors

    @Test("Empty, too long, control characters and no headings are refused with the line or size")
    func errors() {
        #expect(Self.error(parsing: "") == .empty)
        #expect(Self.error(parsing: " \n\t\r\n  ") == .empty)
        let tooLong = String(repeating: "a", count: PolicyText.maximumBytes + 1)
        #expect(Self.error(parsing: tooLong) == .tooLong(bytes: PolicyText.maximumBytes + 1, limit: 524_288))
        // Multi-byte characters count as bytes, not characters.
        let accented = String(repeating: "é", count: PolicyText.maximumBytes / 2 + 1)
        #expect(Self.error(parsing: accented) == .tooLong(bytes: PolicyText.maximumBytes + 2, limit: PolicyText.maximumBytes))
        #expect(Self.error(parsing: "Heading\n\nBody\u{0}") == .controlCharacters(line: 3))
        #expect(Self.error(parsing: "A\r\n\r\nB\u{7}") == .controlCharacters(line: 3))
        #expect(Self.error(parsing: "\n\nHeading\n\nbo\u{1B}dy") == .controlCharacters(line: 5))
        #expect(Self.error(parsing: "Heading\n\nBody\u{85}") == .controlCharacters(line: 3))
        #expect(Self.error(parsing: "Heading\n\n\tTabbed body.") == nil)
        #expect(Self.error(parsing: "Just one paragraph of policy.") == .noSections)
        #expect(Self.error(parsing: "line one\nline two\nline three") == .noSections)
    }

    @Test("A text of exactly the maximum size is accepted")
    func maximumSize() throws {
        let start = "Heading\n\n"
        let text = start + String(repeating: "a", count: PolicyText.maximumBytes - start.utf8.count)
        #expect(text.utf8.count == PolicyText.maximumBytes)
        #expect(try Self.parsed(text).sections.map(\.heading) == ["Heading"])
    }

    @Test("Error descriptions say what to do")
    func errorDescriptions() {
        #expect(
            PolicyTextError.tooLong(bytes: 600_000, limit: 524_288).description
                == "The policy text is 600,000 bytes; the most is 524,288. Split it or remove what is not policy.")
        #expect(PolicyTextError.controlCharacters(line: 12).description.hasPrefix("Line 12 of the policy text"))
        for error in [PolicyTextError.empty, .noSections, .controlCharacters(line: 1), .tooLong(bytes: 2, limit: 1)] {
            #expect(error.description.hasSuffix("."))
        }
    }

    // MARK: Grounding

    @Test("Grounding lists every section with its clauses, and the clauses naming a missing section")
    func grounding() throws {
        let policy = try Self.mct(sections: [.consent: "Sharing with agreement", .emergency: "limited  CONFIDENTIALITY"])
        let text = try Self.parsed(Self.exampleYouthTrust)
        let grounding = text.grounding(of: policy)
        #expect(grounding.sections.map(\.section) == text.sections)
        #expect(grounding.ungrounded.map(\.rule) == [.consent])
        #expect(!grounding.isComplete)
        let limited = try #require(grounding.sections.last)
        #expect(limited.clauses.map(\.rule).contains(.emergency))
        let development = try #require(grounding.sections.first { $0.section.heading == "Policy development" })
        #expect(development.clauses.isEmpty)
        let grounded = grounding.sections.reduce(0) { $0 + $1.clauses.count }
        #expect(grounded + grounding.ungrounded.count == policy.clauses.count)
    }
}
