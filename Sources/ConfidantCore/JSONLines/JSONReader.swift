/// A small hand-written reader for one JSON text held as UTF-8 bytes.
///
/// Foundation's JSON decoding is several times too slow for the redactor's throughput
/// target (docs/benchmarks.md); this reads only what a JSON Lines request needs and skips
/// the rest, with errors that say where the input went wrong.
struct JSONReader {
    /// Why a line could not be read.
    struct Failure: Error, Sendable, Equatable {
        let message: String
    }

    let bytes: [UInt8]
    private(set) var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Whether the reader is past the value, trailing whitespace included.
    mutating func atEnd() -> Bool {
        skipWhitespace()
        return position >= bytes.count
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { return }
        }
    }

    /// The next non-space byte, not consumed.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard peek() == byte else { throw Failure(message: "invalid JSON: expected \(what) at byte \(position)") }
        position += 1
    }

    /// Reads the members of an object, calling `member` with each key; the callback must consume the value.
    mutating func readObject(_ member: (inout JSONReader, [UInt8]) throws(Failure) -> Void) throws(Failure) {
        try expect(0x7B, "'{'")
        if peek() == 0x7D {
            position += 1
            return
        }
        while true {
            guard peek() == 0x22 else { throw Failure(message: "invalid JSON: expected a string key at byte \(position)") }
            let key = try readString()
            try expect(0x3A, "':'")
            try member(&self, key)
            switch peek() {
            case 0x2C: position += 1
            case 0x7D:
                position += 1
                return
            default: throw Failure(message: "invalid JSON: expected ',' or '}' at byte \(position)")
            }
        }
    }

    /// Reads the elements of an array, calling `element` with each index; the callback must consume the value.
    mutating func readArray(_ element: (inout JSONReader, Int) throws(Failure) -> Void) throws(Failure) {
        try expect(0x5B, "'['")
        if peek() == 0x5D {
            position += 1
            return
        }
        var index = 0
        while true {
            try element(&self, index)
            index += 1
            switch peek() {
            case 0x2C: position += 1
            case 0x5D:
                position += 1
                return
            default: throw Failure(message: "invalid JSON: expected ',' or ']' at byte \(position)")
            }
        }
    }

    /// Whether the next value is `null`; consumes it if so.
    mutating func readNull() -> Bool {
        guard peek() == 0x6E, position + 4 <= bytes.count, bytes[position + 1] == 0x75,
              bytes[position + 2] == 0x6C, bytes[position + 3] == 0x6C else { return false }
        position += 4
        return true
    }

    /// Reads a string's UTF-8 bytes, escapes resolved.
    mutating func readString() throws(Failure) -> [UInt8] {
        try expect(0x22, "'\"'")
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x22 {
                let out = Array(bytes[start..<position])
                position += 1
                return out
            }
            if b == 0x5C { break }
            if b < 0x20 { throw Failure(message: "invalid JSON: control character in a string at byte \(position)") }
            position += 1
        }
        var out = Array(bytes[start..<position])
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x22 {
                position += 1
                return out
            }
            if b < 0x20 { throw Failure(message: "invalid JSON: control character in a string at byte \(position)") }
            if b != 0x5C {
                out.append(b)
                position += 1
                continue
            }
            guard position + 1 < bytes.count else { break }
            let e = bytes[position + 1]
            position += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try readHex4()
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 else {
                        throw Failure(message: "invalid JSON: unpaired surrogate in a string at byte \(position)")
                    }
                    position += 2
                    let low = try readHex4()
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw Failure(message: "invalid JSON: unpaired surrogate in a string at byte \(position)")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw Failure(message: "invalid JSON: unpaired surrogate in a string at byte \(position)")
                }
                JSONReader.appendUTF8(scalar, to: &out)
            default:
                throw Failure(message: "invalid JSON: bad escape in a string at byte \(position - 1)")
            }
        }
        throw Failure(message: "invalid JSON: unterminated string")
    }

    private mutating func readHex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw Failure(message: "invalid JSON: short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw Failure(message: "invalid JSON: bad \\u escape at byte \(position)")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case ..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Skips any one value, checking its syntax.
    mutating func skipValue(depth: Int = 0) throws(Failure) {
        guard depth < 64 else { throw Failure(message: "invalid JSON: nested too deeply") }
        guard let b = peek() else { throw Failure(message: "invalid JSON: expected a value at the end of the line") }
        switch b {
        case 0x22: _ = try readString()
        case 0x7B: try readObject { (reader: inout JSONReader, _: [UInt8]) throws(Failure) in try reader.skipValue(depth: depth + 1) }
        case 0x5B: try readArray { (reader: inout JSONReader, _: Int) throws(Failure) in try reader.skipValue(depth: depth + 1) }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        case 0x2D, 0x30...0x39: try skipNumber()
        default: throw Failure(message: "invalid JSON: unexpected character at byte \(position)")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for b in word.utf8 {
            guard position < bytes.count, bytes[position] == b else {
                throw Failure(message: "invalid JSON: unexpected character at byte \(position)")
            }
            position += 1
        }
    }

    private mutating func skipNumber() throws(Failure) {
        let start = position
        if bytes[position] == 0x2D { position += 1 }
        func digits(_ r: inout JSONReader) -> Int {
            let s = r.position
            while r.position < r.bytes.count, r.bytes[r.position] >= 0x30, r.bytes[r.position] <= 0x39 { r.position += 1 }
            return r.position - s
        }
        guard digits(&self) > 0 else { throw Failure(message: "invalid JSON: bad number at byte \(start)") }
        if position < bytes.count, bytes[position] == 0x2E {
            position += 1
            guard digits(&self) > 0 else { throw Failure(message: "invalid JSON: bad number at byte \(start)") }
        }
        if position < bytes.count, bytes[position] | 0x20 == 0x65 {
            position += 1
            if position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D { position += 1 }
            guard digits(&self) > 0 else { throw Failure(message: "invalid JSON: bad number at byte \(start)") }
        }
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return false
            }
            guard i + need < n else { return false }
            let c = bytes[i + 1]
            guard c >= lower && c <= upper else { return false }
            var k = 2
            while k <= need {
                guard bytes[i + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += need + 1
        }
        return true
    }
}
