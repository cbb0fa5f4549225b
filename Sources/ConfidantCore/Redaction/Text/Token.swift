/// One word or number of the text, located by UTF-8 byte offsets.
struct Token: Sendable {
    /// Offset of the first byte.
    var start: Int
    /// Offset just past the last byte, possessive included.
    var end: Int
    /// Offset just past the name part: a possessive `'s` is left out, so "Kayden's" names "Kayden".
    var nameEnd: Int
    /// The folded hash of `start..<nameEnd`.
    var hash: UInt64
    /// The shape bits (see the static members).
    var shape: UInt8
    /// Static lexicon flags of the word (see `Lexicon`).
    var lexicon: UInt64

    static let hasLetter: UInt8 = 1
    static let hasDigit: UInt8 = 2
    static let initialUpper: UInt8 = 4
    static let allUpper: UInt8 = 8
    static let sentenceStart: UInt8 = 16
    static let possessive: UInt8 = 32

    /// Whether every one of `bits` is set in the shape.
    @inline(__always) func `is`(_ bits: UInt8) -> Bool { shape & bits == bits }

    /// Whether any of the lexicon `flags` is set.
    @inline(__always) func has(_ flags: UInt64) -> Bool { lexicon & flags != 0 }

    /// Whether the token is made of letters only.
    var isWord: Bool { shape & (Token.hasLetter | Token.hasDigit) == Token.hasLetter }

    /// Whether the token is made of digits only.
    var isNumber: Bool { shape & (Token.hasLetter | Token.hasDigit) == Token.hasDigit }

    /// The number of bytes, possessive included.
    var length: Int { end - start }

    /// Whether the word holds a letter outside ASCII.
    func hasNonASCIILetter(_ bytes: [UInt8]) -> Bool {
        var k = start
        while k < nameEnd {
            if bytes[k] >= 0xC3 && bytes[k] < 0xE0 { return true }
            k += 1
        }
        return false
    }

    /// Whether the word is two capitalised parts joined by a hyphen ("Bates-Mason").
    func isDoubleBarrelled(_ bytes: [UInt8]) -> Bool {
        var k = start + 1
        while k + 1 < nameEnd {
            if bytes[k] == 0x2D { return bytes[k + 1] >= 0x41 && bytes[k + 1] <= 0x5A }
            k += 1
        }
        return false
    }

    /// Whether the token's first byte is a digit.
    func bytesStartWithDigit(_ bytes: [UInt8]) -> Bool {
        bytes[start] >= 0x30 && bytes[start] <= 0x39
    }

    /// Whether the token is a single capital letter, as in an initial ("P." in "Mrs P. Kowalczyk").
    func isInitial(_ bytes: [UInt8]) -> Bool {
        end - start == 1 && bytes[start] >= 0x41 && bytes[start] <= 0x5A
    }
}
