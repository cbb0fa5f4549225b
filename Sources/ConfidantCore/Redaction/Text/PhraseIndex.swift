/// Multi-word phrases (names, organisations) indexed by their first word, matched case-insensitively over tokens.
struct PhraseIndex: Sendable {
    /// One phrase: its words' folded hashes, its owner, and whether a lone common word needs a capital.
    struct Phrase: Sendable {
        var words: [UInt64]
        var owner: Int
        var needsCapital: Bool
    }

    private var firstWords = WordTable()
    /// Every phrase, longest first (a request lists a handful of people and places, so a
    /// flat list read after the first-word table says yes is cheaper than a dictionary).
    private var phrases: [Phrase] = []

    /// Whether no phrase was added.
    var isEmpty: Bool { phrases.isEmpty }

    /// Adds a phrase given as text; words are tokenised as the redactor tokenises the input.
    mutating func add(_ text: String, owner: Int, minimumLength: Int = 1) {
        let bytes = Array(text.utf8)
        add(bytes.span, owner: owner, minimumLength: minimumLength)
    }

    /// Adds a phrase given as UTF-8 bytes; words are tokenised as the redactor tokenises the input.
    mutating func add(_ bytes: Span<UInt8>, owner: Int, minimumLength: Int = 1) {
        var tokens: [Token] = []
        tokens.reserveCapacity(4)
        TextScan.tokenise(bytes, lexicon: Lexicon.table, into: &tokens)
        add(tokens: tokens, owner: owner, minimumLength: minimumLength)
    }

    /// Adds a phrase given as its tokens.
    mutating func add(tokens: [Token], owner: Int, minimumLength: Int = 1) {
        guard let first = tokens.first else { return }
        if tokens.count == 1 && first.nameEnd - first.start < minimumLength { return }
        // Names match in any capitalisation, as the contract asks, even where the name is also
        // an everyday word ("Mark", "Hope"): a leaked name costs more than a redacted verb. Only
        // a one-word form that is a grammatical word ("in", "is") needs a capital.
        let common = tokens.count == 1 && first.has(Lexicon.filler)
        add(words: tokens.map { $0.hash }, owner: owner, needsCapital: common)
    }

    /// Adds a phrase given as folded word hashes.
    mutating func add(words: [UInt64], owner: Int, needsCapital: Bool) {
        guard let first = words.first else { return }
        if phrases.contains(where: { $0.words == words && $0.owner == owner }) { return }
        // Longest first, so that "Kayden O'Neill" wins over "Kayden"; equal lengths keep their order.
        let at = phrases.firstIndex(where: { $0.words.count < words.count }) ?? phrases.count
        phrases.insert(Phrase(words: words, owner: owner, needsCapital: needsCapital), at: at)
        firstWords.insert(first, flags: 1)
    }

    /// Whether some phrase starts with the word of this hash: the cheap test before `matches`.
    @inline(__always)
    func mightStart(with hash: UInt64) -> Bool { firstWords.lookup(hash) != 0 }

    /// The phrases that could start at token `i`, longest first, each with the index of its last token.
    func matches(at i: Int, in scan: TextScan) -> [(phrase: Phrase, last: Int)] {
        // Most tokens start no phrase: answer them before taking a reference to the token array.
        guard firstWords.lookup(scan.tokens[i].hash) != 0 else { return [] }
        let tokens = scan.tokens
        let token = tokens[i]
        var found: [(phrase: Phrase, last: Int)] = []
        for phrase in phrases where phrase.words[0] == token.hash {
            let last = i + phrase.words.count - 1
            guard last < tokens.count else { continue }
            if phrase.needsCapital && !token.is(Token.initialUpper) { continue }
            var ok = true
            var k = 1
            while k < phrase.words.count {
                let t = tokens[i + k]
                if tokens[i + k - 1].is(Token.possessive) || t.hash != phrase.words[k] || !scan.spaced(i + k - 1) {
                    ok = false
                    break
                }
                k += 1
            }
            if ok { found.append((phrase, last)) }
        }
        return found
    }
}
