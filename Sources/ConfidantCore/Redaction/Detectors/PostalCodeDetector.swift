/// Finds postal codes outside the UK by their shape and the town that follows them: four to six
/// digits (`00120 Helsinki`, `0150 Oslo`, `010011 București`), `NN-NNN` (Poland), `NNNN-NNN`
/// (Portugal), `NNNNN-NNN` (Brazil), `NNN NN` (Sweden), `NNNN AA` (the Netherlands), a country
/// letter prefix (`LT-01100`, `D-10115`), and a US state with its ZIP code (`IL 62704`).
///
/// A number is a postal code only with a capitalised town after it (or a country prefix, or a
/// state before it): an amount or a count is not followed by a town. A four-digit number that
/// could be a year needs a comma or a line break before it as well ("…, 2100 København"), so
/// "In 2019 Mum moved" stays. The town itself stays (towns identify nobody on their own).
enum PostalCodeDetector {
    /// Words that are not a town after a number.
    private static let notTown: UInt64 =
        Lexicon.neverName | Lexicon.month | Lexicon.title | Lexicon.filler | Lexicon.relation
        | Lexicon.speechVerb | Lexicon.orgSuffix | Lexicon.orgQualifier | Lexicon.streetSuffix | Lexicon.dwellingUnit
        | Lexicon.phoneCue | Lexicon.idCue | Lexicon.peopleNoun

    /// Appends a candidate for every postal code found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        let bytes = scan.bytes
        let count = tokens.count
        var i = 0
        while i < count {
            let t = tokens[i]
            // "LT-01100", "D-10115": country letters, a hyphen, four or five digits.
            if t.isWord, t.is(Token.allUpper), t.length <= 3, t.has(Lexicon.countryPrefix), scan.joined(i, by: 0x2D),
                tokens[i + 1].isNumber, tokens[i + 1].length == 4 || tokens[i + 1].length == 5
            {
                var last = i + 1
                // "PL-00-950"
                if scan.joined(last, by: 0x2D), tokens[last + 1].isNumber, tokens[last + 1].length == 3, tokens[last].length == 2 { last += 1 }
                candidates.append(Candidate(start: t.start, end: tokens[last].end, type: .postcode))
                i = last + 1
                continue
            }
            // "IL 62704", "NY 10001-1234" after a town and a comma.
            if t.isWord, t.is(Token.allUpper), t.length == 2, t.has(Lexicon.usState), i > 0, scan.gap(i - 1, allowing: [0x2C]),
                tokens[i - 1].is(Token.initialUpper), scan.spaced(i), tokens[i + 1].isNumber, tokens[i + 1].length == 5
            {
                var last = i + 1
                if scan.joined(last, by: 0x2D), tokens[last + 1].isNumber, tokens[last + 1].length == 4 { last += 1 }
                candidates.append(Candidate(start: tokens[i + 1].start, end: tokens[last].end, type: .postcode))
                i = last + 1
                continue
            }
            guard t.isNumber, t.length >= 2, t.length <= 6, !precededByAmount(bytes, t.start) else {
                i += 1
                continue
            }
            // The code's last token: "00-950", "1200-195", "01310-100", "114 55", "1012 AB".
            var last = i
            var shaped = false
            if scan.joined(i, by: 0x2D), tokens[i + 1].isNumber, tokens[i + 1].length == 3,
                t.length == 2 || t.length == 4 || t.length == 5
            {
                last = i + 1
                shaped = true
            } else if t.length == 3, scan.spaced(i), tokens[i + 1].isNumber, tokens[i + 1].length == 2 {
                last = i + 1
                shaped = true
            } else if t.length == 4, scan.spaced(i), tokens[i + 1].isWord, tokens[i + 1].length == 2, tokens[i + 1].is(Token.allUpper),
                !isMeridiem(bytes, tokens[i + 1])
            {
                last = i + 1
                shaped = true
            } else if t.length < 4 {
                i += 1
                continue
            }
            let cued = i > 0 && tokens[i - 1].has(Lexicon.postalCue) && scan.gap(i - 1, allowing: [0x3A])
            let town = last + 1 < count && scan.spaced(last) && isTown(tokens[last + 1])
            // A plain four-digit number that could be a year needs a comma or line break before it too.
            var yearLike = false
            if !shaped, t.length == 4, bytes[t.start] == 0x31 || bytes[t.start] == 0x32 {
                yearLike = !(i > 0 && breakBefore(scan, i) && tokens[last + 1 < count ? last + 1 : last].has(Lexicon.place))
            }
            if (cued || (town && !yearLike)) && !glued(scan, last) {
                candidates.append(Candidate(start: t.start, end: tokens[last].end, type: .postcode))
                i = last + 1
                continue
            }
            i += 1
        }
    }

    /// Whether the token reads as a town: a capitalised word that is not a stop word (a listed town always is).
    static func isTown(_ t: Token) -> Bool {
        t.isWord && t.is(Token.initialUpper) && !t.is(Token.allUpper) && (t.has(Lexicon.place) || !t.has(notTown))
    }

    /// Whether a comma or a line break comes right before token `i`.
    private static func breakBefore(_ scan: TextScan, _ i: Int) -> Bool {
        var k = scan.tokens[i - 1].end
        while k < scan.tokens[i].start {
            if scan.bytes[k] == 0x2C || scan.bytes[k] == 0x0A { return true }
            k += 1
        }
        return false
    }

    /// Whether the token is glued to what follows ("12:30", "2024/25"), which no postal code is.
    private static func glued(_ scan: TextScan, _ last: Int) -> Bool {
        let end = scan.tokens[last].end
        guard end < scan.bytes.count else { return false }
        let b = scan.bytes[end]
        return b == 0x3A || b == 0x2F || b == 0x25 || (b == 0x2E && end + 1 < scan.bytes.count && PhoneNumberDetector.isDigit(scan.bytes[end + 1]))
    }

    /// Whether a currency sign or a digit group comes right before (an amount such as "€4 250").
    private static func precededByAmount(_ bytes: [UInt8], _ s: Int) -> Bool {
        guard s > 0 else { return false }
        let p = bytes[s - 1]
        if p == 0x24 || p == 0xA3 || p == 0xAC || p == 0x2C || p == 0x2E || p == 0x2D || p == 0x2F || p == 0x2B { return true }
        if p == 0x20, s > 1, PhoneNumberDetector.isDigit(bytes[s - 2]) { return true }
        return false
    }

    private static func isMeridiem(_ bytes: [UInt8], _ t: Token) -> Bool {
        let a = bytes[t.start] | 0x20, b = bytes[t.start + 1] | 0x20
        return (a == 0x61 || a == 0x70) && b == 0x6D
    }
}
