/// Finds phone numbers by their structure, in any country's format: E.164 with any country code
/// (`+48 601 234 567`, `+40 (0)21 312 45 67`, `0048 …`), national numbers from a trunk `0`
/// (`07700 900123`, `0612 34 56 78`, `0301/234567`), a bracketed area code (`(21) 555-019`),
/// four or more dash- or dot-separated groups (`31-42-77-05`) or pairs of digits (`86 51 02 30`), and shorter numbers that a phone
/// word announces in the same sentence ("Phone: 318 2264", "ring me on 845 120 366").
///
/// Groups are split by spaces, dashes, dots or brackets; a slash only after a trunk area code.
/// Dates (`07/03/2024`, `06 09 2024`, `2024-03-15`, `15.03.2024`), amounts after a currency sign,
/// and a number that runs on past fifteen digits are not phone numbers (docs/redaction.md).
enum PhoneNumberDetector {
    /// How many tokens after a phone word a number may come and still be announced by it.
    static let cueReach = 7

    /// Appends a candidate for every phone number found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        let bytes = scan.bytes
        var i = 0
        var cueAt = -100
        while i < tokens.count {
            let t = tokens[i]
            if t.has(Lexicon.phoneCue) {
                // "NHS number", "case number", "crime number": an identifier's cue, not a phone's.
                if !(i > 0 && (tokens[i - 1].has(Lexicon.idCue) || tokens[i - 1].has(Lexicon.identifierOwner))) { cueAt = i }
                i += 1
                continue
            }
            guard t.isNumber else {
                i += 1
                continue
            }
            let cued = i - cueAt <= cueReach && sameSentence(scan, cueAt, i)
            guard let match = match(bytes, tokenStart: t.start, cued: cued) else {
                i += 1
                continue
            }
            candidates.append(Candidate(start: match.start, end: match.end, type: .phone))
            while i < tokens.count, tokens[i].start < match.end { i += 1 }
        }
    }

    /// Whether no sentence ends between the cue token `cue` and token `i` (a full stop right after
    /// the cue is an abbreviation: "Tel. 318 2264").
    static func sameSentence(_ scan: TextScan, _ cue: Int, _ i: Int) -> Bool {
        let bytes = scan.bytes
        var k = scan.tokens[cue].end
        let end = scan.tokens[i].start
        let abbreviationDot = k
        while k < end {
            let b = bytes[k]
            if b == 0x21 || b == 0x3F || b == 0x0A || (b == 0x2E && k != abbreviationDot) { return false }
            k += 1
        }
        return true
    }

    /// The phone number beginning at the digit token starting at `s`, if there is one; `cued`
    /// when a phone word came shortly before it in the sentence.
    static func match(_ bytes: [UInt8], tokenStart s: Int, cued: Bool = false) -> (start: Int, end: Int)? {
        let n = bytes.count
        // Glued to something before it ("ref 12/0161…", "x07…", "1,250") or an amount ("£1 250", "€4 250")?
        if s > 0 {
            let p = bytes[s - 1]
            if isDigit(p) || p == 0x2F || p == 0x2E || p == 0x3A || p == 0x2C || p == 0x24 || EmailDetector.isAlnum(p) { return nil }
            if p == 0xA3 || p == 0xAC || p == 0xA5 { return nil }  // £, €, ¥ (last byte of their UTF-8)
        }
        var start = s
        var international = false
        var bracketedArea = false
        if s > 0, bytes[s - 1] == 0x2B {
            start = s - 1
            international = true
        } else if s > 0, bytes[s - 1] == 0x28 {
            start = s - 1
            bracketedArea = true
        }
        var digitCount = 0
        var first: UInt8 = 0, second: UInt8 = 0, third: UInt8 = 0
        var groups = 0
        var groupLengths: (Int, Int, Int) = (0, 0, 0)
        var separators: (UInt8, UInt8) = (0, 0)
        var uniformSeparator: UInt8 = 0
        var uniform = true
        var shortGroups = true
        var i = s
        var end = s
        let maxDigits = 16
        var skippedTrunk = false
        while i < n {
            // One group of digits.
            var groupEnd = i
            while groupEnd < n, isDigit(bytes[groupEnd]) { groupEnd += 1 }
            let length = groupEnd - i
            if length == 0 { break }
            // "+40 (0)21": the bracketed trunk zero is written but not dialled.
            if international, !skippedTrunk, digitCount >= 1, digitCount <= 3, length == 1, bytes[i] == 0x30,
                bytes[i - 1] == 0x28, groupEnd < n, bytes[groupEnd] == 0x29
            {
                skippedTrunk = true
            } else {
                // A number that runs on past any phone number's length is something else.
                if digitCount + length > maxDigits { return nil }
                var k = i
                while k < groupEnd {
                    if digitCount == 0 { first = bytes[k] } else if digitCount == 1 { second = bytes[k] } else if digitCount == 2 { third = bytes[k] }
                    digitCount += 1
                    k += 1
                }
                if groups == 0 {
                    groupLengths.0 = length
                } else if groups == 1 {
                    groupLengths.1 = length
                } else if groups == 2 {
                    groupLengths.2 = length
                }
                if length > 3 || length < 2 { shortGroups = false }
                groups += 1
            }
            end = groupEnd
            // Separators between groups: at most three of space, dash, dot and brackets.
            var j = groupEnd
            while j < n, j - groupEnd < 3, bytes[j] == 0x20 || bytes[j] == 0x2D || bytes[j] == 0x28 || bytes[j] == 0x29 || bytes[j] == 0x2E {
                j += 1
            }
            // "0301/234567": a slash only after a trunk area code, before the subscriber's number.
            if j == groupEnd, j < n, bytes[j] == 0x2F, groups == 1, first == 0x30, length >= 3 {
                var m = j + 1
                while m < n, isDigit(bytes[m]) { m += 1 }
                if m - j - 1 >= 5 { j += 1 }
            }
            guard j > groupEnd, j < n, isDigit(bytes[j]) else { break }
            // A full stop then a space ends a sentence, not a group.
            if bytes[groupEnd] == 0x2E, j - groupEnd > 1 { break }
            let separator = bytes[groupEnd]
            if groups == 1 { separators.0 = separator } else if groups == 2 { separators.1 = separator }
            if uniformSeparator == 0 { uniformSeparator = separator } else if separator != uniformSeparator { uniform = false }
            i = j
        }
        if end < n, EmailDetector.isAlnum(bytes[end]) || bytes[end] == 0x25 { return nil }
        if bytes[start] == 0x28, end < n, bytes[end] == 0x29 {
            // "(07700 900123)": the brackets enclose it, keep them as text.
            start += 1
            bracketedArea = false
        }
        // Dates are not phone numbers: 06 09 2024, 15.03.2024, 15-03-24, 2024-03-15.
        if !international, groups >= 3, separators.0 == separators.1, separators.0 != 0x28, separators.0 != 0x29 {
            let (a, b, c) = groupLengths
            if a <= 2 && b <= 2 && (c == 4 || (c == 2 && groups == 3)) { return nil }
            if a == 4 && b <= 2 && c <= 2 && (groups == 3 || separators.0 != 0x20) { return nil }
        }
        let accepted: Bool
        if international {
            // E.164: a country code (never starting 0) and up to fifteen digits in all.
            accepted = first != 0x30 && digitCount >= 8 && digitCount <= 15
        } else if first == 0x30 && second == 0x30 {
            // "0048 601 234 567": the international prefix dialled from Europe.
            accepted = third != 0x30 && digitCount >= 11 && digitCount <= 16
        } else if first == 0x30 {
            // A trunk zero: ten or eleven digits in one run, nine to twelve in groups, fewer after a phone word.
            accepted =
                (groups == 1 && (digitCount == 10 || digitCount == 11))
                || (groups >= 2 && digitCount >= 9 && digitCount <= 12)
                || (cued && digitCount >= 7 && digitCount <= 12)
        } else if bracketedArea {
            // "(21) 555-019": a bracketed area code and the number.
            accepted = groups >= 2 && groupLengths.0 >= 2 && groupLengths.0 <= 4 && digitCount >= 7 && digitCount <= 12
        } else {
            // "31-42-77-05": four or more short groups joined by one dash or dot; otherwise a phone word is needed.
            let structured =
                groups >= 4 && shortGroups && uniform
                && (uniformSeparator == 0x2D || uniformSeparator == 0x2E
                    || (uniformSeparator == 0x20 && digitCount == groups * 2))
                && digitCount >= 8 && digitCount <= 12
            let announced = cued && digitCount >= 6 && digitCount <= 12 && (groups >= 2 || digitCount >= 7)
            accepted = structured || announced
        }
        return accepted ? (start, end) : nil
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
