/// Appends JSON text to a byte buffer: strings escaped per RFC 8259, UTF-8 passed through.
enum JSONWriter {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `bytes` (valid UTF-8) as a JSON string.
    static func appendString(_ bytes: [UInt8], to out: inout [UInt8]) {
        out.append(0x22)
        var runStart = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                i += 1
                continue
            }
            out.append(contentsOf: bytes[runStart..<i])
            out.append(0x5C)
            switch b {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x0A: out.append(0x6E)
            case 0x0D: out.append(0x72)
            case 0x09: out.append(0x74)
            default:
                out.append(contentsOf: [0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            }
            i += 1
            runStart = i
        }
        out.append(contentsOf: bytes[runStart..<n])
        out.append(0x22)
    }

    /// Appends a Swift string as a JSON string.
    static func appendString(_ string: String, to out: inout [UInt8]) {
        appendString(Array(string.utf8), to: &out)
    }

    /// Appends raw ASCII text (keys, punctuation, numbers).
    static func appendRaw(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends a non-negative integer in decimal.
    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(0x30 + max(0, value)))
            return
        }
        var digits: [UInt8] = []
        var v = value
        while v > 0 {
            digits.append(UInt8(0x30 + v % 10))
            v /= 10
        }
        out.append(contentsOf: digits.reversed())
    }
}
