/// Converts increasing UTF-8 byte offsets to Unicode code point offsets in one forward pass.
struct CodePointCounter {
    let bytes: [UInt8]
    private var byte = 0
    private var codePoints = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The code point offset of byte offset `target`, which must not be less than the last asked.
    mutating func offset(ofByte target: Int) -> Int {
        while byte < target {
            if bytes[byte] & 0xC0 != 0x80 { codePoints += 1 }
            byte += 1
        }
        return codePoints
    }
}
