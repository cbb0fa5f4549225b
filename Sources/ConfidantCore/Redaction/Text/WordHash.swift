/// Case-folding hashes of words held as UTF-8 bytes, so that lookups need no `String`.
///
/// Folding covers ASCII and the Latin-1 letters (À–Þ), which is every capital the
/// shipped gazetteer holds; other scripts match only in the case given. The hash is
/// 64-bit FNV-1a; tables compare hashes alone, and with a few tens of thousands of
/// words a false match is far less likely than a typo in the input.
enum WordHash {
    static let empty: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The folded hash of `bytes[start..<end]`, treating the right single quote as an apostrophe.
    static func hash(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt64 {
        var i = start
        while i < end {
            let b = bytes[i]
            // Scripts beyond Latin-1 and Latin Extended-A fold through the standard library (rare, slower).
            if b >= 0xC6 && !(b == 0xE2 && i + 2 < end && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99) {
                return foldedHash(bytes, start, end)
            }
            i += 1
        }
        return asciiFoldedHash(bytes, start, end)
    }

    private static func foldedHash(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt64 {
        let folded = Array(String(decoding: bytes[start..<end], as: UTF8.self).lowercased().utf8)
        return asciiFoldedHash(folded, 0, folded.count)
    }

    private static func asciiFoldedHash(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt64 {
        var h = empty
        var i = start
        while i < end {
            var b = bytes[i]
            if b >= 0x41 && b <= 0x5A {
                b |= 0x20
            } else if b == 0xC3 && i + 1 < end {
                var c = bytes[i + 1]
                if c >= 0x80 && c <= 0x9E && c != 0x97 { c += 0x20 }
                h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                h = (h ^ UInt64(c)) &* 0x100_0000_01b3
                i += 2
                continue
            } else if (b == 0xC4 || b == 0xC5) && i + 1 < end {
                // Latin Extended-A (Ł, Ž, Ś, Ő…): capitals and small letters alternate.
                var code = (UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                if (code >= 0x100 && code <= 0x137) || (code >= 0x14A && code <= 0x177) {
                    if code & 1 == 0 { code += 1 }
                } else if (code >= 0x139 && code <= 0x148) || (code >= 0x179 && code <= 0x17E) {
                    if code & 1 == 1 { code += 1 }
                }
                h = (h ^ UInt64(0xC0 | (code >> 6))) &* 0x100_0000_01b3
                h = (h ^ UInt64(0x80 | (code & 0x3F))) &* 0x100_0000_01b3
                i += 2
                continue
            } else if b == 0xE2 && i + 2 < end && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 {
                b = 0x27
                h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                i += 3
                continue
            }
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
            i += 1
        }
        return h == 0 ? 1 : h
    }

    /// The folded hash of a string.
    static func hash(_ word: String) -> UInt64 {
        let bytes = Array(word.utf8)
        return hash(bytes, 0, bytes.count)
    }
}
