/// Converts increasing UTF-8 byte offsets to Unicode code point offsets in one forward pass.
struct CodePointCounter {
    let bytes: [UInt8]
    private var byte = 0
    private var codePoints = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The code point offset of byte offset `target`, which must not be less than the last asked.
    mutating func offset(ofByte target: Int) -> Int {
        // Eight bytes at a time: every byte but a continuation byte (10xxxxxx) starts a code point, and a
        // continuation byte is one whose top bit is set and the bit below it clear.
        let text = bytes
        let raw = text.span.bytes
        var at = byte
        var counted = codePoints
        while at + 8 <= target {
            let eight = raw.unsafeLoadUnaligned(fromByteOffset: at, as: UInt64.self)
            let continuations = eight & ~(eight << 1) & 0x8080_8080_8080_8080
            counted += 8 - continuations.nonzeroBitCount
            at += 8
        }
        byte = at
        codePoints = counted
        while byte < target {
            if bytes[byte] & 0xC0 != 0x80 { codePoints += 1 }
            byte += 1
        }
        return codePoints
    }
}
