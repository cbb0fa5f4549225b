/// Finds dates of birth, which a date alone does not reveal: a date after "DOB", "D.O.B.",
/// "date of birth", "born" or "birthday", and a date in brackets straight after a name or an age
/// ("Kayden (12/03/2015)", "aged 9 (12.03.2015)"). Every other date stays: professionals need the chronology.
enum DateOfBirthDetector {
    private static let dateHash = WordHash.hash("date")
    private static let ofHash = WordHash.hash("of")
    private static let birthHash = WordHash.hash("birth")
    private static let agedHash = WordHash.hash("aged")
    private static let dHash = WordHash.hash("d")
    private static let oHash = WordHash.hash("o")
    private static let bHash = WordHash.hash("b")

    /// Appends a candidate for every date of birth found; the first `people` candidates are the
    /// person spans found so far (read in place: a copy of them would copy every candidate).
    static func detect(_ scan: TextScan, people: Int, into candidates: inout [Candidate]) {
        // Read once: each read of a static let computed at run time goes through swift_once.
        let dateHash = Self.dateHash
        let ofHash = Self.ofHash
        let birthHash = Self.birthHash
        let agedHash = Self.agedHash
        let dHash = Self.dHash
        let oHash = Self.oHash
        let bHash = Self.bHash
        let tokens = scan.tokens
        let bytes = scan.bytes
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            var cueEnd = -1
            if t.has(Lexicon.dobCue) {
                cueEnd = i
            } else if t.hash == birthHash, i >= 2, tokens[i - 1].hash == ofHash, tokens[i - 2].hash == dateHash {
                cueEnd = i
            } else if t.hash == dHash, i + 2 < tokens.count, tokens[i + 1].hash == oHash, tokens[i + 2].hash == bHash,
                scan.joined(i, by: 0x2E), scan.joined(i + 1, by: 0x2E)
            {
                cueEnd = i + 2
            }
            if cueEnd >= 0 {
                var k = cueEnd + 1
                var skipped = 0
                while k < tokens.count, skipped < 3, tokens[k].has(Lexicon.filler), tokens[k].isWord, !tokens[k].has(Lexicon.month) {
                    k += 1
                    skipped += 1
                }
                let bornIn = skipped > 0 && t.isWord
                if k < tokens.count, tokens[k].start - tokens[cueEnd].end <= 12 + 4 * skipped,
                    let last = date(scan, k, yearAlone: bornIn)
                {
                    candidates.append(Candidate(start: tokens[k].start, end: tokens[last].end, type: .dateOfBirth))
                    i = last + 1
                    continue
                }
            }
            // "(12/03/2015)" straight after a name or "aged 9".
            if t.start > 0, bytes[t.start - 1] == 0x28, i > 0, let last = date(scan, i, yearAlone: false),
                tokens[last].end < bytes.count, bytes[tokens[last].end] == 0x29
            {
                let before = tokens[i - 1]
                let gap = t.start - 1 - before.end
                let afterName =
                    candidates[..<people].contains { $0.end == before.nameEnd || $0.end == before.end }
                    || NameCueDetector.isCapitalisedName(before)
                let afterAge = before.isNumber && i >= 2 && tokens[i - 2].hash == agedHash
                if gap <= 1, afterName || afterAge {
                    candidates.append(Candidate(start: t.start, end: tokens[last].end, type: .dateOfBirth))
                    i = last + 1
                    continue
                }
            }
            i += 1
        }
    }

    /// The last token of a date starting at token `i`: 12/03/2015, 2015-03-12, 12 March 2015,
    /// 12th of March, 2015, March 12, 2015, March 2015 (and a year alone after "born in").
    static func date(_ scan: TextScan, _ i: Int, yearAlone: Bool) -> Int? {
        let tokens = scan.tokens
        let bytes = scan.bytes
        let t = tokens[i]
        func isDay(_ k: Int) -> Bool {
            let x = tokens[k]
            if x.isNumber { return x.length <= 2 }
            // "12th"
            guard x.length >= 3, x.length <= 4, PhoneNumberDetector.isDigit(bytes[x.start]) else { return false }
            var d = x.start
            while d < x.end, PhoneNumberDetector.isDigit(bytes[d]) { d += 1 }
            return d - x.start <= 2 && Lexicon.table.lookup(WordHash.hash(bytes, d, x.end)) & Lexicon.ordinalSuffix != 0
        }
        func isYear(_ k: Int) -> Bool { tokens[k].isNumber && (tokens[k].length == 4 || tokens[k].length == 2) }
        func next(_ k: Int, _ allowing: [UInt8] = [0x2C]) -> Int? {
            k + 1 < tokens.count && scan.gap(k, allowing: allowing) ? k + 1 : nil
        }
        if t.isNumber {
            // Numeric: d/m/y with one kind of separator.
            if t.length <= 2 || t.length == 4, t.end < bytes.count {
                let sep = bytes[t.end]
                if sep == 0x2F || sep == 0x2D || sep == 0x2E, scan.joined(i, by: sep), scan.joined(i + 1, by: sep),
                    tokens[i + 1].isNumber, tokens[i + 1].length <= 2, tokens[i + 2].isNumber
                {
                    let yearLength = tokens[i + 2].length
                    if (t.length <= 2 && (yearLength == 2 || yearLength == 4)) || (t.length == 4 && yearLength <= 2) {
                        return i + 2
                    }
                }
            }
            if yearAlone, t.length == 4 { return i }
        }
        if isDay(i), var k = next(i) {
            if tokens[k].hash == ofHash, let m = next(k) { k = m }
            if tokens[k].has(Lexicon.month), tokens[k].isWord {
                var last = k
                if let y = next(last, [0x2C, 0x2E]), isYear(y) { last = y }
                return last
            }
        }
        if t.has(Lexicon.month), t.isWord, t.is(Token.initialUpper) {
            if let d = next(i, [0x2E]), isDay(d) {
                if let y = next(d, [0x2C]), isYear(y) { return y }
                return d
            }
            if let y = next(i, [0x2C, 0x2E]), tokens[y].isNumber, tokens[y].length == 4 { return y }
        }
        return nil
    }
}
