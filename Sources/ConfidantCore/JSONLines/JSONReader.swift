/// The one reader of JSON (RFC 8259) for the command-line contracts: one line's UTF-8 bytes,
/// read in place without allocating.
///
/// Both `confidant decide` and `confidant redact` read their requests with it; each gives the
/// fields their meaning (``ShareRequestParser``, ``RedactionLine``). It checks everything a JSON
/// parser must (grammar, escapes, UTF-8 inside strings, control characters, number syntax,
/// nesting depth) and reports where a line went wrong in a ``Failure``, which each command words
/// as its contract's existing error messages do. Foundation's `JSONDecoder` was measured
/// against it and is several times too slow for either command's target, and cannot report
/// the id of a malformed line or the raw text of a rejected value (docs/benchmarks.md).
struct JSONReader {
    /// Why a line could not be read: what was wrong, and where.
    struct Failure: Error, Sendable, Equatable {
        /// What is wrong, in words, without the position (`expected `:` but found `x``).
        var what: String
        /// The offset of the byte where the line went wrong; nil when the failure is one of
        /// meaning rather than syntax (a repeated key), whose `what` is the whole message.
        var offset: Int?
        /// Whether the line is not valid UTF-8, which `redact` reports in words of its own.
        var isInvalidUTF8 = false

        /// The message for an output line's `error`: `"<prefix> <what> at column <n>"`, columns
        /// counted from 1 in bytes, or `what` alone for a failure of meaning.
        func message(prefix: String) -> String {
            guard let offset else { return what }
            return "\(prefix) \(what) at column \(offset + 1)"
        }
    }

    /// The line's bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The index of the next byte to read.
    var position: Int = 0

    /// The deepest nesting accepted, so that a hostile line cannot exhaust the stack.
    static let maximumDepth = 64

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    var atEnd: Bool { position >= bytes.count }

    /// The next byte, or nil at the end.
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Skips JSON whitespace (space, tab, line feed, carriage return).
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// A syntax error at the current position.
    func syntaxError(_ what: String) -> Failure {
        Failure(what: what, offset: position)
    }

    /// A description of the byte at the current position, for error messages.
    var found: String {
        guard let byte = peek else { return "end of line" }
        if byte >= 0x21 && byte < 0x7F { return "`\(Character(Unicode.Scalar(byte)))`" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    /// Reads the given byte, or fails saying what was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard peek == byte else { throw syntaxError("expected \(what) but found \(found)") }
        position += 1
    }

    /// Reads a string whose opening quote is at the current position; returns where its
    /// content lies and whether it holds escapes.
    mutating func readString() throws(Failure) -> JSONStringToken {
        try expect(UInt8(ascii: "\""), "a string")
        let start = position
        var hasEscapes = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let token = JSONStringToken(start: start, end: position, hasEscapes: hasEscapes)
                position += 1
                return token
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try readEscape()
            } else if byte < 0x20 {
                throw syntaxError("control character in a string")
            } else if byte < 0x80 {
                position += 1
            } else {
                try readUTF8Sequence()
            }
        }
        throw syntaxError("unterminated string")
    }

    /// Checks one escape sequence, the backslash at the current position.
    private mutating func readEscape() throws(Failure) {
        position += 1
        guard let byte = peek else { throw syntaxError("unterminated string") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            for _ in 0..<4 {
                guard let digit = peek, Self.hexValue(digit) != nil else {
                    throw syntaxError("invalid \\u escape")
                }
                position += 1
            }
        default:
            throw syntaxError("invalid escape \\\(Character(Unicode.Scalar(byte)))")
        }
    }

    /// Checks one multi-byte UTF-8 sequence starting at the current position (RFC 3629).
    private mutating func readUTF8Sequence() throws(Failure) {
        let lead = bytes[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw invalidUTF8()
        }
        guard position + length <= bytes.count else { throw invalidUTF8() }
        let second = bytes[position + 1]
        guard second >= low && second <= high else { throw invalidUTF8() }
        for offset in 2..<max(length, 2) where bytes[position + offset] & 0xC0 != 0x80 {
            throw invalidUTF8()
        }
        position += length
    }

    private func invalidUTF8() -> Failure {
        Failure(what: "invalid UTF-8", offset: position, isInvalidUTF8: true)
    }

    /// Skips one value of any kind, checking its syntax; returns the range of bytes it spans.
    mutating func skipValue(depth: Int = 0) throws(Failure) -> Range<Int> {
        let start = position
        guard depth < Self.maximumDepth else { throw syntaxError("nested more than \(Self.maximumDepth) deep") }
        guard let next = peek else { throw syntaxError("expected a value but found end of line") }
        switch next {
        case UInt8(ascii: "{"):
            position += 1
            skipWhitespace()
            if peek == UInt8(ascii: "}") { position += 1; return start..<position }
            while true {
                _ = try readString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "`:`")
                skipWhitespace()
                _ = try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek == UInt8(ascii: ",") { position += 1; skipWhitespace(); continue }
                try expect(UInt8(ascii: "}"), "`,` or `}`")
                return start..<position
            }
        case UInt8(ascii: "["):
            position += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") { position += 1; return start..<position }
            while true {
                _ = try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek == UInt8(ascii: ",") { position += 1; skipWhitespace(); continue }
                try expect(UInt8(ascii: "]"), "`,` or `]`")
                return start..<position
            }
        case UInt8(ascii: "\""):
            _ = try readString()
        case UInt8(ascii: "t"):
            try readWord("true")
        case UInt8(ascii: "f"):
            try readWord("false")
        case UInt8(ascii: "n"):
            try readWord("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try readNumber()
        default:
            throw syntaxError("expected a value but found \(found)")
        }
        return start..<position
    }

    /// Reads an object whose `{` is next, calling `member` with each key's token; `member`
    /// must read the value (whitespace around it is skipped here).
    mutating func readObject(_ member: (inout JSONReader, JSONStringToken) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "{"), "`{`")
        skipWhitespace()
        if peek == UInt8(ascii: "}") { position += 1; return }
        while true {
            let key = try readString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "`:`")
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                continue
            }
            try expect(UInt8(ascii: "}"), "`,` or `}`")
            return
        }
    }

    /// Reads an array whose `[` is next, calling `element` with each index; `element` must
    /// read the value (whitespace around it is skipped here).
    mutating func readArray(_ element: (inout JSONReader, Int) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "["), "`[`")
        skipWhitespace()
        if peek == UInt8(ascii: "]") { position += 1; return }
        var index = 0
        while true {
            try element(&self, index)
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                continue
            }
            try expect(UInt8(ascii: "]"), "`,` or `]`")
            return
        }
    }

    /// Reads `null` if it is next; false if the next value is something else (not read).
    mutating func readNull() throws(Failure) -> Bool {
        guard peek == UInt8(ascii: "n") else { return false }
        try readWord("null")
        return true
    }

    /// Reads a string, its content decoded as UTF-8 bytes; an unpaired surrogate escape, which
    /// UTF-8 cannot carry, is a failure.
    mutating func readStringBytes() throws(Failure) -> [UInt8] {
        let token = try readString()
        var content: [UInt8] = []
        guard decode(token, into: &content) else {
            throw Failure(what: "unpaired surrogate in a string", offset: token.start - 1)
        }
        return content
    }

    /// Reads a string as a Swift string; an unpaired surrogate escape is a failure.
    mutating func readText() throws(Failure) -> String {
        String(decoding: try readStringBytes(), as: UTF8.self)
    }

    /// A checked string's content as a Swift string (for matching keys); nil if it holds an
    /// unpaired surrogate escape.
    func text(_ token: JSONStringToken) -> String? {
        guard token.hasEscapes else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        }
        var content: [UInt8] = []
        guard decode(token, into: &content) else { return nil }
        return String(decoding: content, as: UTF8.self)
    }

    /// Reads `true` or `false` if it is next; nil if the next value is something else (not read).
    mutating func readBoolean() throws(Failure) -> Bool? {
        switch peek {
        case UInt8(ascii: "t"): try readWord("true"); return true
        case UInt8(ascii: "f"): try readWord("false"); return false
        default: return nil
        }
    }

    /// Reads the literal `word`.
    private mutating func readWord(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        let text = word.utf8Start
        guard position + count <= bytes.count else { throw syntaxError("invalid literal") }
        for offset in 0..<count where bytes[position + offset] != text[offset] {
            throw syntaxError("invalid literal")
        }
        position += count
    }

    /// Reads a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func readNumber() throws(Failure) {
        if peek == UInt8(ascii: "-") { position += 1 }
        if peek == UInt8(ascii: "0") {
            position += 1
        } else {
            guard try readDigits() > 0 else { throw syntaxError("invalid number") }
        }
        if peek == UInt8(ascii: ".") {
            position += 1
            guard try readDigits() > 0 else { throw syntaxError("invalid number") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard try readDigits() > 0 else { throw syntaxError("invalid number") }
        }
    }

    /// Reads decimal digits; returns how many.
    private mutating func readDigits() throws(Failure) -> Int {
        let start = position
        while let byte = peek, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { position += 1 }
        return position - start
    }

    /// The value of a hexadecimal digit.
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Appends a checked string's content, escapes decoded, as UTF-8; false if it holds an
    /// unpaired surrogate escape (which UTF-8 cannot carry).
    func decode(_ token: JSONStringToken, into output: inout [UInt8]) -> Bool {
        guard token.hasEscapes else {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
            return true
        }
        var index = token.start
        var paired = true
        while index < token.end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let kind = bytes[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: index)
                index += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF, index + 6 <= token.end,
                    bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                {
                    let low = hex4(at: index + 2)
                    if low >= 0xDC00 && low <= 0xDFFF {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                guard let character = Unicode.Scalar(scalar) else {
                    paired = false
                    continue
                }
                UTF8.encode(character) { output.append($0) }
            default: output.append(kind)
            }
        }
        return paired
    }

    /// The value of the four hex digits at an index (checked by ``readString()``).
    private func hex4(at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (Self.hexValue(bytes[index + offset]) ?? 0) }
        return value
    }
}

/// Where a checked string's content lies in a line.
struct JSONStringToken {
    /// The index of the first content byte (after the opening quote).
    var start: Int
    /// The index of the closing quote.
    var end: Int
    /// Whether the content holds escape sequences.
    var hasEscapes: Bool
}
