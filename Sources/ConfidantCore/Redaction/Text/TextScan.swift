/// The text as UTF-8 bytes and its tokens, made in one pass and shared by every detector.
///
/// Tokens are runs of letters and digits; an apostrophe (straight or curly) between two
/// letters and a hyphen between two letters stay inside a word ("O'Neill", "Smith-Jones").
/// Bytes of characters outside ASCII count as letters, except general punctuation
/// (U+2000–U+206F), the Latin-1 symbols (U+0080–U+00BF) and four-byte symbols such as emoji.
struct TextScan: Sendable {
    /// The text's UTF-8 bytes.
    let bytes: [UInt8]
    /// The words and numbers, in order.
    private(set) var tokens: [Token] = []

    /// Tokenises `bytes` and looks every word up in the lexicon.
    init(bytes: [UInt8]) {
        self.bytes = bytes
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 5 + 4)
        TextScan.tokenise(bytes.span, lexicon: Lexicon.table, into: &tokens)
        self.tokens = tokens
    }

    /// Appends the tokens of `bytes` to `tokens`: the one tokeniser that the text and the request's
    /// names and organisations all go through, so that they hash alike.
    ///
    /// The text is read through a `Span` (bounds-checked, without the array's reference counting),
    /// and an all-ASCII word is hashed as it is read; a word with other letters is hashed again by
    /// `WordHash`, which folds accents.
    static func tokenise(_ bytes: Span<UInt8>, lexicon: WordTable, into tokens: inout [Token]) {
        let n = bytes.count
        var i = 0
        var atSentenceStart = true
        while i < n {
            let b = bytes[i]
            let kind = TextScan.classify(bytes, i)
            if kind == .other || kind == .apostrophe {
                if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A || b == 0x3A {
                    atSentenceStart = true
                }
                i += TextScan.width(b)
                continue
            }
            let start = i
            var shape: UInt8 = 0
            var allUpper = true
            var possessiveAt = -1
            // The FNV-1a hash of the ASCII-folded bytes so far, and of the bytes before the possessive.
            var hash = WordHash.empty
            var hashBeforePossessive = WordHash.empty
            var ascii = true
            while i < n {
                let c = bytes[i]
                // Most bytes of a text are small ASCII letters: the shortest path first.
                if c &- 0x61 < 26 {
                    shape |= Token.hasLetter
                    allUpper = false
                    hash = (hash ^ UInt64(c)) &* WordHash.prime
                    i += 1
                    continue
                }
                if c < 0x80 {
                    if c &- 0x41 < 26 {
                        // A capital ASCII letter.
                        shape |= Token.hasLetter
                        if i == start { shape |= Token.initialUpper }
                        hash = (hash ^ UInt64(c | 0x20)) &* WordHash.prime
                        i += 1
                        continue
                    }
                    if c &- 0x30 < 10 {
                        shape |= Token.hasDigit
                        hash = (hash ^ UInt64(c)) &* WordHash.prime
                        i += 1
                        continue
                    }
                    guard c == 0x27 || c == 0x2D else { break }
                }
                let k = TextScan.classify(bytes, i)
                if k == .letter {
                    shape |= Token.hasLetter
                    ascii = false
                    let upper: Bool
                    let lower: Bool
                    if c >= 0xC3 && c < 0xF0 {
                        // Other scripts: ask the standard library about this one letter (rare in English text).
                        let scalar = TextScan.scalar(bytes, i)
                        upper = scalar?.properties.isUppercase ?? false
                        lower = scalar?.properties.isLowercase ?? false
                    } else {
                        upper = false
                        lower = false
                    }
                    if i == start && upper { shape |= Token.initialUpper }
                    if lower { allUpper = false }
                    i += TextScan.width(c)
                } else if k == .apostrophe || (c == 0x2D) {
                    // Joins only between letters: "O'Neill", "Smith-Jones", "Kayden's".
                    let w = c == 0x2D || c == 0x27 ? 1 : 3
                    guard i > start, TextScan.classify(bytes, i - 1) == .letter || (bytes[i - 1] >= 0x80),
                        i + w < n, TextScan.classify(bytes, i + w) == .letter
                    else { break }
                    if k == .apostrophe {
                        let after = i + w
                        let sIsLast = (bytes[after] | 0x20) == 0x73 && (after + 1 >= n || TextScan.classify(bytes, after + 1) != .letter)
                        if sIsLast {
                            possessiveAt = i
                            hashBeforePossessive = hash
                        }
                    }
                    if w == 1 {
                        hash = (hash ^ UInt64(c)) &* WordHash.prime
                    } else {
                        ascii = false
                    }
                    i += w
                } else {
                    break
                }
            }
            if shape & Token.hasLetter != 0 && allUpper { shape |= Token.allUpper }
            if atSentenceStart { shape |= Token.sentenceStart }
            let nameEnd = possessiveAt > 0 ? possessiveAt : i
            if possessiveAt > 0 { shape |= Token.possessive }
            var wordHash: UInt64
            if ascii {
                wordHash = possessiveAt > 0 ? hashBeforePossessive : hash
                if wordHash == 0 { wordHash = 1 }
            } else {
                wordHash = WordHash.hash(bytes, start, nameEnd)
            }
            let flags = shape & Token.hasLetter != 0 ? lexicon.lookup(wordHash) : 0
            tokens.append(Token(start: start, end: i, nameEnd: nameEnd, hash: wordHash, shape: shape, lexicon: flags))
            atSentenceStart = false
        }
    }

    enum CharKind { case letter, digit, apostrophe, other }

    /// Classifies the character starting at byte `i`.
    @inline(__always)
    static func classify(_ bytes: Span<UInt8>, _ i: Int) -> CharKind {
        let b = bytes[i]
        if b < 0x80 {
            if b >= 0x61 && b <= 0x7A { return .letter }
            if b >= 0x41 && b <= 0x5A { return .letter }
            if b >= 0x30 && b <= 0x39 { return .digit }
            if b == 0x27 { return .apostrophe }
            return .other
        }
        if b < 0xC0 { return .letter }  // a continuation byte inside a letter
        if b == 0xC2 { return .other }  // U+0080–U+00BF: no-break space, £, «, »
        if b == 0xE2, i + 1 < bytes.count, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
            if bytes[i + 1] == 0x80, i + 2 < bytes.count, bytes[i + 2] == 0x99 { return .apostrophe }
            return .other
        }
        if b >= 0xF0 { return .other }
        return .letter
    }

    /// The Unicode scalar of the two- or three-byte UTF-8 sequence at `i`, if well formed.
    static func scalar(_ bytes: Span<UInt8>, _ i: Int) -> Unicode.Scalar? {
        let b = bytes[i]
        if b >= 0xC0 && b < 0xE0, i + 1 < bytes.count {
            return Unicode.Scalar((UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F))
        }
        if b >= 0xE0 && b < 0xF0, i + 2 < bytes.count {
            return Unicode.Scalar((UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F))
        }
        return nil
    }

    /// The byte length of the UTF-8 sequence led by `b`.
    @inline(__always)
    static func width(_ b: UInt8) -> Int {
        if b < 0xC0 { return 1 }
        if b < 0xE0 { return 2 }
        if b < 0xF0 { return 3 }
        return 4
    }

    /// Whether only spaces and tabs (no line break) lie between two byte offsets.
    @inline(__always)
    func onlySpaces(_ from: Int, _ to: Int) -> Bool {
        if to - from > 3 { return false }
        var i = from
        while i < to {
            let b = bytes[i]
            if b != 0x20 && b != 0x09 { return false }
            i += 1
        }
        return true
    }

    /// Whether the gap between tokens `a` and `a + 1` is only spaces (or nothing).
    @inline(__always)
    func spaced(_ a: Int) -> Bool {
        a + 1 < tokens.count && onlySpaces(tokens[a].end, tokens[a + 1].start)
    }

    /// Whether the gap between tokens `a` and `a + 1` is exactly the single byte `c`.
    @inline(__always)
    func joined(_ a: Int, by c: UInt8) -> Bool {
        a + 1 < tokens.count && tokens[a + 1].start == tokens[a].end + 1 && bytes[tokens[a].end] == c
    }

    /// Whether the gap between tokens `a` and `a + 1` holds no line break and at most `limit` bytes of
    /// spaces and the given punctuation.
    func gap(_ a: Int, allowing punctuation: [UInt8], limit: Int = 3) -> Bool {
        guard a + 1 < tokens.count else { return false }
        let from = tokens[a].end, to = tokens[a + 1].start
        if to - from > limit { return false }
        var i = from
        while i < to {
            let b = bytes[i]
            if b != 0x20 && !punctuation.contains(b) { return false }
            i += 1
        }
        return true
    }

    /// The index of the token that starts at byte `start`, if one does.
    func tokenIndex(startingAt start: Int) -> Int? {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].start < start { low = mid + 1 } else { high = mid }
        }
        return low < tokens.count && tokens[low].start == start ? low : nil
    }
}
