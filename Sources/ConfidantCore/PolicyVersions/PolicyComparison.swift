/// What changed between two versions of a policy: the organisation's text and the clauses.
///
/// Consultation is about changes, so a consultee is shown what differs from the version in
/// force rather than asked to reread everything.
public enum PolicyComparison {
    /// Section-by-section difference: sections matched by normalised heading; result in the new
    /// text's order, with removed sections placed after the section that preceded them in the old text.
    ///
    /// Headings are compared as ``PolicyText/section(headed:)`` compares them; when a heading
    /// repeats, its sections are matched in order. Bodies are compared with whitespace
    /// normalised, so re-wrapping a paragraph changes nothing.
    public static func sections(from old: PolicyText, to new: PolicyText) -> [SectionDifference] {
        var oldIndicesByKey: [String: [Int]] = [:]
        for (index, section) in old.sections.enumerated() {
            oldIndicesByKey[PolicyHeading.key(section.heading), default: []].append(index)
        }
        var matchedCountByKey: [String: Int] = [:]
        var newIndexOfOld = [Int?](repeating: nil, count: old.sections.count)
        var oldIndexOfNew = [Int?](repeating: nil, count: new.sections.count)
        for (index, section) in new.sections.enumerated() {
            let key = PolicyHeading.key(section.heading)
            let matched = matchedCountByKey[key, default: 0]
            guard let candidates = oldIndicesByKey[key], matched < candidates.count else { continue }
            matchedCountByKey[key] = matched + 1
            newIndexOfOld[candidates[matched]] = index
            oldIndexOfNew[index] = candidates[matched]
        }

        // A removed section follows the nearest section before it in the old text that is kept
        // (itself placed where it is in the new text), or comes first if none is.
        var removedFirst: [Int] = []
        var removedAfter = [[Int]](repeating: [], count: new.sections.count)
        var lastKept: Int?
        for oldIndex in old.sections.indices {
            if let newIndex = newIndexOfOld[oldIndex] {
                lastKept = newIndex
            } else if let lastKept {
                removedAfter[lastKept].append(oldIndex)
            } else {
                removedFirst.append(oldIndex)
            }
        }

        var result = removedFirst.map { removed(old.sections[$0]) }
        for (index, section) in new.sections.enumerated() {
            if let oldIndex = oldIndexOfNew[index] {
                result.append(difference(from: old.sections[oldIndex], to: section))
            } else {
                let body = TextBody(section.paragraphs)
                result.append(SectionDifference(heading: section.heading, change: .added, pieces: whole(body, as: .inserted)))
            }
            result += removedAfter[index].map { removed(old.sections[$0]) }
        }
        return result
    }

    /// Clauses that differ, matched by `rule` (stable across wording). A clause differs if any of
    /// id, title, statement, section, contractRules differ. In the new policy's order.
    public static func clauses(from old: ConfidentialityPolicy, to new: ConfidentialityPolicy) -> [ClauseChange] {
        new.clauses.compactMap { clause in
            let change = ClauseChange(rule: clause.rule, old: old.clause(for: clause.rule), new: clause)
            return change.fieldsChanged.isEmpty ? nil : change
        }
    }

    // MARK: Bodies

    /// A section's body as words and paragraphs, whitespace normalised.
    struct TextBody {
        /// The words of each paragraph.
        let paragraphs: [[Substring]]

        init(_ paragraphs: [String]) {
            self.paragraphs =
                paragraphs
                .map { $0.split(whereSeparator: \.isWhitespace) }
                .filter { !$0.isEmpty }
        }

        /// Each paragraph's words joined by single spaces.
        var paragraphTexts: [String] { paragraphs.map { $0.joined(separator: " ") } }

        /// The body: words separated by single spaces, paragraphs by "\n\n".
        var text: String { paragraphTexts.joined(separator: PolicyComparison.paragraphBreak) }

        /// Words and paragraph breaks, in order.
        var wordTokens: [String] {
            var tokens: [String] = []
            for (index, words) in paragraphs.enumerated() {
                if index > 0 { tokens.append(PolicyComparison.paragraphBreak) }
                tokens += words.map(String.init)
            }
            return tokens
        }
    }

    /// How a paragraph break appears in piece text, and the token standing for it in a word diff
    /// (it cannot be mistaken for a word, which holds no whitespace).
    static let paragraphBreak = "\n\n"

    private static func removed(_ section: PolicySection) -> SectionDifference {
        SectionDifference(heading: section.heading, change: .removed, pieces: whole(TextBody(section.paragraphs), as: .deleted))
    }

    private static func whole(_ body: TextBody, as kind: DiffPiece.Kind) -> [DiffPiece] {
        let text = body.text
        return text.isEmpty ? [] : [DiffPiece(kind: kind, text: text)]
    }

    /// The difference between two matched sections: word by word, or paragraph by paragraph
    /// when the words are too many to align exactly.
    private static func difference(from old: PolicySection, to new: PolicySection) -> SectionDifference {
        let oldBody = TextBody(old.paragraphs)
        let newBody = TextBody(new.paragraphs)
        guard oldBody.paragraphs != newBody.paragraphs else {
            return SectionDifference(heading: new.heading, change: .unchanged, pieces: whole(newBody, as: .same))
        }
        return SectionDifference(heading: new.heading, change: .changed, pieces: bodyPieces(from: oldBody, to: newBody))
    }

    /// The pieces of a changed body, with the word diff capped at ``SequenceDiff/maximumCells``.
    static func bodyPieces(from old: TextBody, to new: TextBody, cellLimit: Int = SequenceDiff.maximumCells) -> [DiffPiece] {
        let oldWords = TokenSequence(words: old.wordTokens)
        let newWords = TokenSequence(words: new.wordTokens)
        var ids = TokenIDs()
        if let steps = SequenceDiff.steps(from: ids.ids(oldWords.texts), to: ids.ids(newWords.texts), cellLimit: cellLimit) {
            return pieces(steps, old: oldWords, new: newWords)
        }
        let oldParagraphs = TokenSequence(paragraphs: old.paragraphTexts)
        let newParagraphs = TokenSequence(paragraphs: new.paragraphTexts)
        let oldIDs = ids.ids(oldParagraphs.texts)
        let newIDs = ids.ids(newParagraphs.texts)
        let steps =
            SequenceDiff.steps(from: oldIDs, to: newIDs, cellLimit: cellLimit)
            ?? SequenceDiff.coarseSteps(from: oldIDs, to: newIDs)
        return pieces(steps, old: oldParagraphs, new: newParagraphs)
    }

    /// Tokens and the separator written before each one.
    struct TokenSequence {
        let texts: [String]
        let separators: [String]

        /// Words and paragraph-break tokens: a space between two words, nothing next to a break.
        init(words: [String]) {
            texts = words
            separators = words.indices.map { index in
                guard index > 0 else { return "" }
                let adjacentToBreak =
                    words[index] == PolicyComparison.paragraphBreak
                    || words[index - 1] == PolicyComparison.paragraphBreak
                return adjacentToBreak ? "" : " "
            }
        }

        /// Whole paragraphs, a paragraph break between each two.
        init(paragraphs: [String]) {
            texts = paragraphs
            separators = paragraphs.indices.map { $0 == 0 ? "" : PolicyComparison.paragraphBreak }
        }
    }

    /// Interns token texts as integers, so the alignment compares integers.
    struct TokenIDs {
        private var table: [String: Int] = [:]

        mutating func ids(_ texts: [String]) -> [Int] {
            texts.map { text in
                if let id = table[text] { return id }
                let id = table.count
                table[text] = id
                return id
            }
        }
    }

    /// Renders an alignment as merged pieces. Each token carries the separator before it in its
    /// own text; where a kept token follows different separators in the two texts, each side's
    /// separator joins that side's change, so both projections reproduce their bodies exactly.
    private static func pieces(_ steps: [SequenceDiff.Step], old: TokenSequence, new: TokenSequence) -> [DiffPiece] {
        var result: [DiffPiece] = []
        var same = ""
        var deleted = ""
        var inserted = ""
        func flushChange() {
            if !deleted.isEmpty { result.append(DiffPiece(kind: .deleted, text: deleted)) }
            if !inserted.isEmpty { result.append(DiffPiece(kind: .inserted, text: inserted)) }
            deleted = ""
            inserted = ""
        }
        func flushSame() {
            if !same.isEmpty { result.append(DiffPiece(kind: .same, text: same)) }
            same = ""
        }
        for step in steps {
            switch step {
            case .deleted(let index):
                flushSame()
                deleted += old.separators[index] + old.texts[index]
            case .inserted(let index):
                flushSame()
                inserted += new.separators[index] + new.texts[index]
            case .same(let oldIndex, let newIndex):
                let oldSeparator = old.separators[oldIndex]
                let newSeparator = new.separators[newIndex]
                if oldSeparator == newSeparator {
                    same += oldSeparator
                } else {
                    deleted += oldSeparator
                    inserted += newSeparator
                }
                flushChange()
                same += old.texts[oldIndex]
            }
        }
        flushSame()
        flushChange()
        return result
    }
}
