/// Finds street addresses: an optional flat or unit, a house number, up to three words and a
/// street word ("Flat 2, 14 Oakfield Road"), or a capitalised street name alone ("Oakfield Road").
///
/// Towns and districts stay (they identify nobody on their own); the postcode is its own span.
enum AddressDetector {
    /// Appends a candidate for every address found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        for i in tokens.indices {
            let suffix = tokens[i]
            let strong = suffix.has(Lexicon.streetSuffix)
            guard strong || suffix.has(Lexicon.weakStreetSuffix), suffix.isWord, i > 0 else { continue }
            // Walk left over the street's words.
            var first = i
            while first > 0, i - first < 3, scan.spaced(first - 1) {
                let before = tokens[first - 1]
                guard before.isWord, !before.has(Lexicon.filler | Lexicon.title | Lexicon.speechVerb | Lexicon.nameCue) else { break }
                first -= 1
            }
            guard first < i else { continue }
            var start = first
            var hasNumber = false
            // A house number: "14", "14a", "14-16".
            // "14 Oakfield Road"; a comma after the number only before a strong street word ("14, Oakfield Road").
            if first > 0, strong ? scan.gap(first - 1, allowing: [0x2C]) : scan.spaced(first - 1) {
                let number = tokens[first - 1]
                if number.shape & Token.hasDigit != 0, number.length <= 4, number.bytesStartWithDigit(scan.bytes) {
                    hasNumber = true
                    start = first - 1
                    var n = first - 1
                    if n > 0, scan.joined(n - 1, by: 0x2D), tokens[n - 1].isNumber {
                        n -= 1
                        start = n
                    }
                    // A flat or unit before it: "Flat 2, 14 Oakfield Road", or the number is the flat's: "Flat 7B Hawthorn Court".
                    if n >= 1, tokens[n - 1].has(Lexicon.dwellingUnit), scan.spaced(n - 1) {
                        start = n - 1
                    } else if n >= 2, scan.gap(n - 1, allowing: [0x2C]), tokens[n - 1].shape & Token.hasDigit != 0,
                       tokens[n - 2].has(Lexicon.dwellingUnit), scan.spaced(n - 2) {
                        start = n - 2
                    }
                }
            }
            if !hasNumber {
                // Without a number: the street words must be capitalised and the street word strong.
                guard strong, suffix.is(Token.initialUpper) else { continue }
                while first < i, !(tokens[first].is(Token.initialUpper)
                    && (!tokens[first].has(Lexicon.neverName | Lexicon.orgQualifier) || tokens[first].has(Lexicon.place))) {
                    first += 1
                }
                guard first < i else { continue }
                // The first capitalised word of a sentence is not a street name on its own ("Drive" as a verb).
                var k = first
                var allCapitalised = true
                while k < i {
                    if !tokens[k].is(Token.initialUpper) { allCapitalised = false }
                    k += 1
                }
                guard allCapitalised else { continue }
                start = first
                if first > 0, scan.gap(first - 1, allowing: [0x2C]), tokens[first - 1].shape & Token.hasDigit != 0,
                   first >= 2, tokens[first - 2].has(Lexicon.dwellingUnit) {
                    start = first - 2
                }
            }
            candidates.append(Candidate(start: tokens[start].start, end: suffix.end, type: .address))
        }
    }
}
