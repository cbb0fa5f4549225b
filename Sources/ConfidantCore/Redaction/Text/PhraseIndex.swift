/// Multi-word phrases (names, organisations) indexed by their first word, matched case-insensitively over tokens.
///
/// A request's index is built and thrown away for every text, so it holds no array per phrase:
/// every phrase's word hashes sit in one array, and a match is found without allocating.
struct PhraseIndex: Sendable {
    /// One phrase: where its words' folded hashes start in `words` and how many there are, its
    /// owner, and whether a lone common word needs a capital.
    private struct Phrase: Sendable {
        var firstWord: Int
        var wordCount: Int
        var owner: Int
        var needsCapital: Bool
    }

    /// A phrase found in the text: whose it is and the index of its last token.
    struct Match: Sendable {
        var owner: Int
        var last: Int
    }

    private var firstWords = WordTable()
    /// One bit for each value of a first word's top six hash bits: a word whose bit is clear starts no phrase, which
    /// answers most words of a text without a look into `firstWords`.
    private var firstWordBits: UInt64 = 0
    /// Every phrase, longest first (a request lists a handful of people and places, so a
    /// flat list read after the first-word table says yes is cheaper than a dictionary).
    private var phrases: [Phrase] = []
    /// The word hashes of every phrase, one phrase after another.
    private var words: [UInt64] = []
    /// The tokens of the phrase being added, kept between additions.
    private var scratch: [Token] = []

    /// Whether no phrase was added.
    var isEmpty: Bool { phrases.isEmpty }

    /// Adds a phrase given as text; words are tokenised as the redactor tokenises the input.
    mutating func add(_ text: String, owner: Int, minimumLength: Int = 1) {
        let bytes = Array(text.utf8)
        add(bytes.span, owner: owner, minimumLength: minimumLength)
    }

    /// Adds a phrase given as UTF-8 bytes; words are tokenised as the redactor tokenises the input.
    mutating func add(_ bytes: Span<UInt8>, owner: Int, minimumLength: Int = 1) {
        var tokens = scratch
        scratch = []
        tokens.removeAll(keepingCapacity: true)
        TextScan.tokenise(bytes, lexicon: Lexicon.table, into: &tokens)
        add(tokens: tokens[...], owner: owner, minimumLength: minimumLength)
        scratch = tokens
    }

    /// Adds a phrase given as its tokens.
    mutating func add(tokens: ArraySlice<Token>, owner: Int, minimumLength: Int = 1) {
        guard let first = tokens.first else { return }
        if tokens.count == 1 && first.nameEnd - first.start < minimumLength { return }
        // Names match in any capitalisation, as the contract asks, even where the name is also
        // an everyday word ("Mark", "Hope"): a leaked name costs more than a redacted verb. Only
        // a one-word form that is a grammatical word ("in", "is") needs a capital.
        let common = tokens.count == 1 && first.has(Lexicon.filler)
        add(hashes: tokens.lazy.map { $0.hash }, owner: owner, needsCapital: common)
    }

    /// Adds a phrase given as folded word hashes.
    mutating func add(words hashes: [UInt64], owner: Int, needsCapital: Bool) {
        add(hashes: hashes, owner: owner, needsCapital: needsCapital)
    }

    private mutating func add(hashes: some Collection<UInt64>, owner: Int, needsCapital: Bool) {
        guard let first = hashes.first else { return }
        let count = hashes.count
        if phrases.contains(where: {
            $0.owner == owner && $0.wordCount == count && words[$0.firstWord..<($0.firstWord + count)].elementsEqual(hashes)
        }) {
            return
        }
        // Longest first, so that "Kayden O'Neill" wins over "Kayden"; equal lengths keep their order.
        let at = phrases.firstIndex(where: { $0.wordCount < count }) ?? phrases.count
        phrases.insert(Phrase(firstWord: words.count, wordCount: count, owner: owner, needsCapital: needsCapital), at: at)
        words.append(contentsOf: hashes)
        firstWords.insert(first, flags: 1)
        firstWordBits |= 1 << (first >> 58)
    }

    /// Whether some phrase starts with the word of this hash: the cheap test before `matches`.
    @inline(__always)
    func mightStart(with hash: UInt64) -> Bool { firstWordBits & (1 << (hash >> 58)) != 0 && firstWords.lookup(hash) != 0 }

    /// The longest phrase that starts at token `i` and satisfies `accept`, if any.
    func firstMatch(at i: Int, in scan: TextScan, where accept: (Match) -> Bool = { _ in true }) -> Match? {
        // Most tokens start no phrase: answer them before reading the tokens.
        guard mightStart(with: scan.tokens[i].hash) else { return nil }
        let tokens = scan.tokens
        let token = tokens[i]
        for phrase in phrases where words[phrase.firstWord] == token.hash {
            let last = i + phrase.wordCount - 1
            guard last < tokens.count else { continue }
            if phrase.needsCapital && !token.is(Token.initialUpper) { continue }
            var ok = true
            var k = 1
            while k < phrase.wordCount {
                let t = tokens[i + k]
                if tokens[i + k - 1].is(Token.possessive) || t.hash != words[phrase.firstWord + k] || !scan.spaced(i + k - 1) {
                    ok = false
                    break
                }
                k += 1
            }
            let match = Match(owner: phrase.owner, last: last)
            if ok && accept(match) { return match }
        }
        return nil
    }
}
