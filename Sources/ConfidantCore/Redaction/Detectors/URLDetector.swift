/// Finds web addresses: anything starting `http://`, `https://` or `www.`, and bare domains
/// ending in a common top-level domain ("oakfield-fc.co.uk/teams"), up to the next space.
enum URLDetector {
    /// Appends a candidate for every web address found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        let bytes = scan.bytes
        var i = 0
        var lastEnd = 0
        while i < tokens.count {
            let t = tokens[i]
            // A web address starts at a scheme word ("https", "www") or a word joined to the next by a dot;
            // most words are neither, so that is asked first.
            guard t.start >= lastEnd, t.shape & Token.hasLetter != 0, t.has(Lexicon.urlScheme) || scan.joined(i, by: 0x2E) else {
                i += 1
                continue
            }
            // Part of an email address: the email detector has it.
            if t.start > 0, bytes[t.start - 1] == 0x40 || bytes[t.start - 1] == 0x2E || bytes[t.start - 1] == 0x2F {
                i += 1
                continue
            }
            var isURL = false
            if t.has(Lexicon.urlScheme) {
                let after = t.end
                if after + 2 < bytes.count, bytes[after] == 0x3A, bytes[after + 1] == 0x2F, bytes[after + 2] == 0x2F {
                    isURL = true
                } else if after < bytes.count, bytes[after] == 0x2E, (bytes[t.start] | 0x20) == 0x77 {
                    isURL = true
                }
            } else if scan.joined(i, by: 0x2E) {
                // A bare domain: labels joined by dots ending in a known top-level domain.
                var k = i
                while scan.joined(k, by: 0x2E), tokens[k + 1].shape & Token.hasLetter != 0 || tokens[k + 1].isNumber { k += 1 }
                if k > i, tokens[k].has(Lexicon.topLevelDomain), tokens[k].length >= 2 {
                    let after = tokens[k].end
                    if after >= bytes.count || bytes[after] != 0x40 { isURL = true }
                }
            }
            guard isURL else {
                i += 1
                continue
            }
            var end = t.end
            while end < bytes.count {
                let b = bytes[end]
                if b <= 0x20 || b == 0x22 || b == 0x3C || b == 0x3E || b >= 0x80 { break }
                end += 1
            }
            // Trailing punctuation belongs to the sentence.
            while end > t.end, [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x27].contains(bytes[end - 1]) { end -= 1 }
            candidates.append(Candidate(start: t.start, end: end, type: .url))
            lastEnd = end
            while i < tokens.count, tokens[i].start < end { i += 1 }
        }
    }
}
