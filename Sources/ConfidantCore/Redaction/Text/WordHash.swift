/// Case- and accent-folding hashes of words held as UTF-8 bytes, so that lookups need no `String`.
///
/// Folding is done by hand for ASCII and Latin letters up to U+017F (and Ș, Ț): accents
/// fold to the base letter ("Zoe" finds "Zoë"); other scripts fold case through the
/// standard library, on a slower path that ordinary English text never takes. The hash is
/// 64-bit FNV-1a; tables compare hashes alone, and with a few tens of thousands of
/// words a false match is far less likely than a typo in the input.
enum WordHash {
    static let empty: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV-1a multiplier.
    static let prime: UInt64 = 0x100_0000_01b3

    /// The folded hash of `bytes[start..<end]`, treating the right single quote as an apostrophe.
    static func hash(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt64 {
        hash(bytes.span, start, end)
    }

    /// The folded hash of `bytes[start..<end]`, treating the right single quote as an apostrophe.
    static func hash(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var i = start
        while i < end {
            let b = bytes[i]
            // Scripts beyond Latin-1 and Latin Extended-A fold through the standard library (rare, slower).
            if b >= 0xC6 && !(b == 0xE2 && i + 2 < end && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99)
                && !(b == 0xC8 && i + 1 < end && bytes[i + 1] >= 0x98 && bytes[i + 1] <= 0x9B)
            {
                return foldedHash(bytes, start, end)
            }
            i += 1
        }
        return asciiFoldedHash(bytes, start, end)
    }

    private static func foldedHash(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var word: [UInt8] = []
        word.reserveCapacity(end - start)
        for k in start..<end { word.append(bytes[k]) }
        let folded = Array(String(decoding: word, as: UTF8.self).lowercased().utf8)
        return asciiFoldedHash(folded.span, 0, folded.count)
    }

    private static func asciiFoldedHash(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h = empty
        var i = start
        while i < end {
            var b = bytes[i]
            if b >= 0x41 && b <= 0x5A {
                b |= 0x20
            } else if b >= 0xC3 && b <= 0xC8 && i + 1 < end {
                // Accented Latin letters fold to their base letter, so "Zoe" finds "Zoë" and
                // "Lukasz" finds "Łukasz"; letters with no base (æ, ß, þ) fold case only.
                let code = (UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                if let base = baseLetter(code) {
                    h = (h ^ UInt64(base)) &* 0x100_0000_01b3
                } else {
                    var c = bytes[i + 1]
                    if b == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97 { c += 0x20 }
                    h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                    h = (h ^ UInt64(c)) &* 0x100_0000_01b3
                }
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

    /// Base letters of U+00C0–U+017F ("_" where there is none), and of Ș ș Ț ț.
    private static let latinBases: [UInt8] = Array(
        ("aaaaaa_ceeeeiiiidnooooo_ouuuuy__"
            + "aaaaaa_ceeeeiiiidnooooo_ouuuuy_y"
            + "aaaaaaccccccccddddeeeeeeeeeegggg"
            + "gggghhhhiiiiiiiiii__jjkkklllllll"
            + "lllnnnnnnnnnoooooo__rrrrrrssssss"
            + "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs").utf8)

    @inline(__always)
    private static func baseLetter(_ code: UInt32) -> UInt8? {
        var base: UInt8 = 0x5F
        if code >= 0xC0 && code <= 0x17F {
            base = latinBases[Int(code - 0xC0)]
        } else if code == 0x218 || code == 0x219 {
            base = 0x73
        } else if code == 0x21A || code == 0x21B {
            base = 0x74
        }
        return base == 0x5F ? nil : base
    }

    /// The folded hash of a string.
    static func hash(_ word: String) -> UInt64 {
        let bytes = Array(word.utf8)
        return hash(bytes, 0, bytes.count)
    }
}
