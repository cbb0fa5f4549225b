import Testing

@testable import ConfidantCore

@Suite("Policy comparison: sections and clauses")
struct PolicyComparisonTests {
    /// A text of `# heading` sections with the given bodies.
    static func text(_ sections: [(String, String)]) throws -> PolicyText {
        try PolicyText(parsing: sections.map { "# \($0.0)\n\n\($0.1)" }.joined(separator: "\n\n"))
    }

    /// The old and new bodies the pieces spell out.
    static func projections(_ pieces: [DiffPiece]) -> (old: String, new: String) {
        (
            pieces.filter { $0.kind != .inserted }.map(\.text).joined(),
            pieces.filter { $0.kind != .deleted }.map(\.text).joined()
        )
    }

    /// Whether pieces are well formed: no empty text, no two neighbours of one kind.
    static func wellFormed(_ pieces: [DiffPiece]) -> Bool {
        pieces.allSatisfy { !$0.text.isEmpty } && zip(pieces, pieces.dropFirst()).allSatisfy { $0.kind != $1.kind }
    }

    // MARK: Sections

    @Test("Identical texts are unchanged section by section, each body one same piece")
    func identical() throws {
        let text = try Self.text([("Scope", "Everyone who works here.\n\nVolunteers too."), ("Empty", "")])
        let differences = PolicyComparison.sections(from: text, to: text)
        #expect(differences.map(\.change) == [.unchanged, .unchanged])
        #expect(differences[0].pieces == [DiffPiece(kind: .same, text: "Everyone who works here.\n\nVolunteers too.")])
        #expect(differences[1].pieces.isEmpty)
    }

    @Test("Re-wrapping a paragraph or changing a heading's case changes nothing")
    func whitespaceOnly() throws {
        let old = try Self.text([("Scope", "Everyone who\nworks here.")])
        let new = try Self.text([("SCOPE", "Everyone   who works\there.")])
        let differences = PolicyComparison.sections(from: old, to: new)
        #expect(
            differences == [
                SectionDifference(
                    heading: "SCOPE", change: .unchanged,
                    pieces: [DiffPiece(kind: .same, text: "Everyone who works here.")])
            ])
    }

    @Test("A changed word shows as deleted and inserted between kept text")
    func changedWord() throws {
        let old = try Self.text([("Scope", "We tell the DSL at once.")])
        let new = try Self.text([("Scope", "We tell the lead at once.")])
        let difference = try #require(PolicyComparison.sections(from: old, to: new).first)
        #expect(difference.change == .changed)
        #expect(
            difference.pieces == [
                DiffPiece(kind: .same, text: "We tell the"),
                DiffPiece(kind: .deleted, text: " DSL"),
                DiffPiece(kind: .inserted, text: " lead"),
                DiffPiece(kind: .same, text: " at once."),
            ])
    }

    @Test("Paragraph breaks appear in pieces as blank lines and both bodies can be rebuilt")
    func paragraphBreaks() throws {
        let old = try Self.text([("Scope", "First paragraph here.\n\nThird paragraph here.")])
        let new = try Self.text([("Scope", "First paragraph here.\n\nA new second one.\n\nThird paragraph here.")])
        let difference = try #require(PolicyComparison.sections(from: old, to: new).first)
        #expect(
            difference.pieces == [
                DiffPiece(kind: .same, text: "First paragraph here.\n\n"),
                DiffPiece(kind: .inserted, text: "A new second one.\n\n"),
                DiffPiece(kind: .same, text: "Third paragraph here."),
            ])
    }

    @Test("Splitting a paragraph keeps the words and inserts only the break")
    func splitParagraph() throws {
        // (The first half ends with a full stop, so it is not read as a heading.)
        let old = try Self.text([("Scope", "One two. Three four.")])
        let new = try Self.text([("Scope", "One two.\n\nThree four.")])
        let difference = try #require(PolicyComparison.sections(from: old, to: new).first)
        let (oldBody, newBody) = Self.projections(difference.pieces)
        #expect(oldBody == "One two. Three four.")
        #expect(newBody == "One two.\n\nThree four.")
        #expect(difference.pieces.filter { $0.kind == .same }.map(\.text).joined(separator: "|") == "One two.|Three four.")
        #expect(Self.wellFormed(difference.pieces))
    }

    @Test("Sections follow the new order; removed ones follow the section before them in the old text")
    func sectionOrder() throws {
        let old = try Self.text([("Intro", "i."), ("A", "a."), ("B", "b."), ("C", "c."), ("D", "d.")])
        let new = try Self.text([("D", "d."), ("A", "a, changed."), ("E", "e.")])
        let differences = PolicyComparison.sections(from: old, to: new)
        #expect(differences.map(\.heading) == ["Intro", "D", "A", "B", "C", "E"])
        #expect(differences.map(\.change) == [.removed, .unchanged, .changed, .removed, .removed, .added])
        #expect(differences[0].pieces == [DiffPiece(kind: .deleted, text: "i.")])
        #expect(differences[5].pieces == [DiffPiece(kind: .inserted, text: "e.")])
    }

    @Test("Repeated headings are matched in order")
    func repeatedHeadings() throws {
        let old = try Self.text([("Example", "one."), ("Example", "two.")])
        let new = try Self.text([("Example", "one."), ("Example", "two."), ("Example", "three.")])
        let differences = PolicyComparison.sections(from: old, to: new)
        #expect(differences.map(\.change) == [.unchanged, .unchanged, .added])
    }

    /// A tiny deterministic generator, so the property test is the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// The length of a longest common subsequence, computed the plain way.
    static func lcsLength(_ a: [String], _ b: [String]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [0]
            for (j, y) in b.enumerated() {
                current.append(x == y ? previous[j] + 1 : max(previous[j + 1], current[j]))
            }
            previous = current
        }
        return previous[b.count]
    }

    @Test("For many random edits both bodies are rebuilt exactly and as many words as possible are kept")
    func randomEdits() {
        var generator = Generator(state: 42)
        let vocabulary = ["the", "DSL", "child", "may", "share", "not", "always", "we", "tell", "safe."]
        func randomBody() -> [String] {
            (0..<(1 + generator.next(4))).map { _ in
                (0..<(1 + generator.next(7))).map { _ in vocabulary[generator.next(vocabulary.count)] }.joined(separator: " ")
            }
        }
        for _ in 0..<300 {
            let old = PolicyComparison.TextBody(randomBody())
            let new = PolicyComparison.TextBody(randomBody())
            let pieces = PolicyComparison.bodyPieces(from: old, to: new)
            let (oldBody, newBody) = Self.projections(pieces)
            #expect(oldBody == old.text)
            #expect(newBody == new.text)
            #expect(Self.wellFormed(pieces))
            let kept = pieces.filter { $0.kind == .same }.map(\.text).joined(separator: " ")
                .split(whereSeparator: \.isWhitespace).count
            let keptBreaks = pieces.filter { $0.kind == .same }.map { $0.text.components(separatedBy: "\n\n").count - 1 }
                .reduce(0, +)
            #expect(kept + keptBreaks == Self.lcsLength(old.wordTokens, new.wordTokens))
        }
    }

    @Test("Too many words to align fall back to whole paragraphs, then to replacing the middle")
    func fallbacks() {
        let old = PolicyComparison.TextBody(["Same start.", "alpha beta gamma", "Kept in the middle.", "delta", "Same end."])
        let new = PolicyComparison.TextBody(["Same start.", "alpha beta gamma changed", "Kept in the middle.", "epsilon", "Same end."])
        // With room, words are aligned.
        let words = PolicyComparison.bodyPieces(from: old, to: new)
        #expect(words.contains(DiffPiece(kind: .inserted, text: " changed")))
        // Without room for words (the three middle paragraphs hold 10 × 11 tokens), paragraphs
        // are aligned (3 × 3): whole paragraphs come and go.
        let paragraphs = PolicyComparison.bodyPieces(from: old, to: new, cellLimit: 9)
        #expect(
            paragraphs == [
                DiffPiece(kind: .same, text: "Same start."),
                DiffPiece(kind: .deleted, text: "\n\nalpha beta gamma"),
                DiffPiece(kind: .inserted, text: "\n\nalpha beta gamma changed"),
                DiffPiece(kind: .same, text: "\n\nKept in the middle."),
                DiffPiece(kind: .deleted, text: "\n\ndelta"),
                DiffPiece(kind: .inserted, text: "\n\nepsilon"),
                DiffPiece(kind: .same, text: "\n\nSame end."),
            ])
        // Without room even for paragraphs, the common start and end are kept and the rest replaced.
        let coarse = PolicyComparison.bodyPieces(from: old, to: new, cellLimit: 8)
        #expect(
            coarse == [
                DiffPiece(kind: .same, text: "Same start."),
                DiffPiece(kind: .deleted, text: "\n\nalpha beta gamma\n\nKept in the middle.\n\ndelta"),
                DiffPiece(kind: .inserted, text: "\n\nalpha beta gamma changed\n\nKept in the middle.\n\nepsilon"),
                DiffPiece(kind: .same, text: "\n\nSame end."),
            ])
        for pieces in [words, paragraphs, coarse] {
            #expect(Self.projections(pieces) == (old.text, new.text))
        }
    }

    @Test("A large rewrite beyond four million word pairs is compared paragraph by paragraph")
    func largeRewrite() {
        // 2,100 × 2,100 words differing from first to last: 4.4 million pairs.
        let old = PolicyComparison.TextBody((0..<70).map { p in (0..<30).map { "old\(p)w\($0)" }.joined(separator: " ") })
        var newParagraphs = (0..<70).map { p in (0..<30).map { "new\(p)w\($0)" }.joined(separator: " ") }
        newParagraphs[35] = old.paragraphTexts[35]
        let new = PolicyComparison.TextBody(newParagraphs)
        #expect(old.wordTokens.count * new.wordTokens.count > SequenceDiff.maximumCells)
        let pieces = PolicyComparison.bodyPieces(from: old, to: new)
        #expect(Self.projections(pieces) == (old.text, new.text))
        #expect(pieces.filter { $0.kind == .same }.map(\.text) == ["\n\n" + old.paragraphTexts[35]])
    }

    @Test("Just under the limit, words are still aligned one by one")
    func atTheLimit() {
        // 1,999 × 2,000 words, differing at both ends so nothing is trimmed.
        let old = PolicyComparison.TextBody([(0..<1_999).map { $0 % 10 == 0 ? "x\($0)" : "w\($0)" }.joined(separator: " ")])
        let new = PolicyComparison.TextBody([(0..<2_000).map { $0 % 10 == 0 ? "y\($0)" : "w\($0)" }.joined(separator: " ")])
        #expect(old.wordTokens.count * new.wordTokens.count <= SequenceDiff.maximumCells)
        let pieces = PolicyComparison.bodyPieces(from: old, to: new)
        #expect(Self.projections(pieces) == (old.text, new.text))
        #expect(pieces.filter { $0.kind == .deleted }.count == 200)
    }

    // MARK: Clauses

    @Test("Clauses are matched by rule and report which fields changed, in the new order")
    func clauseChanges() throws {
        var clauses = ConfidentialityPolicy.mct.clauses
        clauses[2].statement = "Any worry can go to the safety lead."
        clauses[2].section = "Limited confidentiality"
        clauses[5].id = "limited"
        clauses[5].contractRules = [3, 4]
        clauses[7].title = "Using it for nothing else"
        clauses.swapAt(0, 1)
        let new = try ConfidentialityPolicy(name: "Example Youth Trust", version: "2", clauses: clauses)
        let changes = PolicyComparison.clauses(from: .mct, to: new)
        #expect(changes.map(\.rule) == [.dslCircle, .limitedConfidentiality, .purposeLimits])
        #expect(changes.map(\.fieldsChanged) == [["statement", "section"], ["id", "contract_rules"], ["title"]])
        #expect(changes[0].old == ConfidentialityPolicy.mct.clause(for: .dslCircle))
        #expect(changes[0].new == new.clause(for: .dslCircle))
    }

    @Test("The same clauses in another order are no change")
    func reorderedClauses() throws {
        let reordered = try ConfidentialityPolicy(name: "n", version: "2", clauses: ConfidentialityPolicy.mct.clauses.reversed())
        #expect(PolicyComparison.clauses(from: .mct, to: reordered).isEmpty)
        #expect(PolicyComparison.clauses(from: .mct, to: .mct).isEmpty)
    }

    @Test("Every field is named when everything changed")
    func allFields() {
        let old = ConfidentialityPolicy.mct.clause(for: .consent)
        let new = PolicyClause(id: "x", title: "x", statement: "x", section: "x", rule: .consent, contractRules: [])
        #expect(ClauseChange(rule: .consent, old: old, new: new).fieldsChanged == ["id", "title", "statement", "section", "contract_rules"])
    }
}
