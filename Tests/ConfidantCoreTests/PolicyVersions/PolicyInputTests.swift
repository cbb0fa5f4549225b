import Testing

@testable import ConfidantCore

@Suite("Policy versions: comments and labels")
struct PolicyInputTests {
    /// The error validating a comment throws, or nil.
    static func commentError(_ body: String) -> PolicyInputError? {
        do {
            _ = try PolicyComment.validated(body)
            return nil
        } catch {
            return error
        }
    }

    /// The error validating a label throws, or nil.
    static func labelError(_ label: String) -> PolicyInputError? {
        do {
            _ = try PolicyVersionLabel.validated(label)
            return nil
        } catch {
            return error
        }
    }

    @Test("A comment is trimmed and its line breaks made LF; tabs and line breaks inside stay")
    func commentNormalised() throws {
        #expect(try PolicyComment.validated("  \r\nFirst point.\r\n\r\n\tSecond point.\rThird.\n ") == "First point.\n\n\tSecond point.\nThird.")
    }

    @Test("A comment must have something in it, fit 4,000 characters and hold no control characters")
    func commentRefusals() {
        #expect(Self.commentError("") == .emptyComment)
        #expect(Self.commentError(" \n\t\r\n") == .emptyComment)
        #expect(Self.commentError(String(repeating: "é", count: 4000)) == nil)
        #expect(Self.commentError(String(repeating: "é", count: 4001)) == .commentTooLong(length: 4001, limit: 4000))
        #expect(Self.commentError("Fine\u{0}") == .commentControlCharacters)
        #expect(Self.commentError("Bell \u{7} here") == .commentControlCharacters)
        #expect(Self.commentError("Emoji 👩🏽‍⚕️ and “quotes” are fine") == nil)
    }

    @Test("A label is trimmed, one line, printable and at most 80 characters")
    func labels() throws {
        #expect(try PolicyVersionLabel.validated("  2026 review  ") == "2026 review")
        #expect(Self.labelError("") == .emptyLabel)
        #expect(Self.labelError("   ") == .emptyLabel)
        #expect(Self.labelError("2026\nreview") == .labelNotOneLine)
        #expect(Self.labelError("2026\r\nreview") == .labelNotOneLine)
        #expect(Self.labelError("2026\treview") == .labelNotPrintable)
        #expect(Self.labelError("review \u{202E}weiver") == .labelNotPrintable)
        #expect(Self.labelError(String(repeating: "a", count: 80)) == nil)
        #expect(Self.labelError(String(repeating: "a", count: 81)) == .labelTooLong(length: 81, limit: 80))
        #expect(Self.labelError("Révision 2026 ✓") == nil)
    }

    @Test("Errors read as sentences that say what to do")
    func descriptions() {
        let errors: [PolicyInputError] = [
            .emptyComment, .commentTooLong(length: 4512, limit: 4000), .commentControlCharacters,
            .emptyLabel, .labelTooLong(length: 81, limit: 80), .labelNotOneLine, .labelNotPrintable,
        ]
        for error in errors { #expect(error.description.hasSuffix("."), "\(error)") }
        #expect(
            PolicyInputError.commentTooLong(length: 4512, limit: 4000).description.hasPrefix("The comment is 4,512 characters; the most is 4,000."))
    }

    @Test("Clause wording is trimmed; empty, multi-line, invisible-character and over-long fields are refused, naming the clause")
    func clauseWording() throws {
        var clause = ConfidentialityPolicy.mct.clause(for: .consent)
        clause.title = "  Sharing with agreement \n"
        clause.statement = "One.\r\nTwo."
        let checked = try ClauseWording.validated(clause)
        #expect(checked.title == "Sharing with agreement")
        #expect(checked.statement == "One.\nTwo.")
        let cases: [(WritableKeyPath<PolicyClause, String>, String, PolicyInputError)] = [
            (\.title, " ", .clauseFieldEmpty(clause: "consent", field: "title")),
            (\.title, "Two\nlines", .clauseFieldNotPrintable(clause: "consent", field: "title")),
            (\.section, "Policy \u{202E}statement", .clauseFieldNotPrintable(clause: "consent", field: "section")),
            (\.statement, "Bell \u{7}", .clauseFieldNotPrintable(clause: "consent", field: "statement")),
            (\.statement, String(repeating: "s", count: 2001), .clauseFieldTooLong(clause: "consent", field: "statement", limit: 2000)),
        ]
        for (field, value, expected) in cases {
            var bad = clause
            bad[keyPath: field] = value
            #expect(throws: expected) { _ = try ClauseWording.validated(bad) }
        }
        #expect(PolicyInputError.clauseFieldEmpty(clause: "consent", field: "title").description.contains("consent"))
    }

    @Test("A comment with a text-direction override is refused, as a label is")
    func commentDirectionOverride() {
        #expect(Self.commentError("Looks fine \u{202E}txet desrever") == .commentControlCharacters)
    }

    @Test("A heading's slug is at most 64 characters, so a paragraph read as a heading cannot make a huge link or audit detail")
    func slugCapped() throws {
        let long = String(repeating: "A very long heading ", count: 20)
        let text = try PolicyText(parsing: "# \(long)\n\nBody.\n\n# \(long)\n\nMore.")
        #expect(text.sections.allSatisfy { $0.id.count <= 66 })
        #expect(text.sections.map(\.id).count == Set(text.sections.map(\.id)).count)
    }
}
