/// Finds UK phone numbers: mobiles and landlines written from `0` (10 or 11 digits) or with
/// `+44` / `0044` (9 or 10 digits after it, with or without "(0)"), in groups separated by
/// spaces, dashes, dots or brackets.
///
/// The digit after the trunk `0` (or after 44) must be 1, 2, 3, 5, 7, 8 or 9, as in the UK
/// numbering plan; slashes are not separators, so dates such as 07/03/2024 are left alone.
enum PhoneNumberDetector {
    /// Appends a candidate for every phone number found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        let bytes = scan.bytes
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            guard t.isNumber, let match = match(bytes, tokenStart: t.start) else {
                i += 1
                continue
            }
            candidates.append(Candidate(start: match.start, end: match.end, type: .phone))
            while i < tokens.count, tokens[i].start < match.end { i += 1 }
        }
    }

    /// The phone number beginning at the digit token starting at `s`, if there is one.
    static func match(_ bytes: [UInt8], tokenStart s: Int) -> (start: Int, end: Int)? {
        let n = bytes.count
        // Glued to something before it ("ref 12/0161…", "x07…")? Not a phone number.
        if s > 0 {
            let p = bytes[s - 1]
            if isDigit(p) || p == 0x2F || p == 0x2E || p == 0x3A || EmailDetector.isAlnum(p) { return nil }
        }
        var start = s
        var international = false
        if s > 0, bytes[s - 1] == 0x2B {
            start = s - 1
            international = true
        } else if s > 0, bytes[s - 1] == 0x28 {
            start = s - 1
        }
        var digits: [UInt8] = []
        var i = s
        var end = s
        var maxDigits = international ? 13 : 11
        var skippedTrunk = false
        while i < n {
            // One group of digits.
            var groupEnd = i
            while groupEnd < n, isDigit(bytes[groupEnd]) { groupEnd += 1 }
            let group = bytes[i..<groupEnd]
            if group.isEmpty { break }
            if digits.isEmpty, group.starts(with: [0x30, 0x30]) { maxDigits = 14 }
            // "+44 (0)7700": the bracketed trunk zero is written but not dialled.
            if international, !skippedTrunk, digits.count == 2, group.count == 1, group.first == 0x30,
               i > 0, bytes[i - 1] == 0x28, groupEnd < n, bytes[groupEnd] == 0x29 {
                skippedTrunk = true
            } else {
                if digits.count + group.count > maxDigits { break }
                digits.append(contentsOf: group)
            }
            end = groupEnd
            if groupEnd < n, isDigit(bytes[groupEnd]) { break }
            // Separators between groups: at most three of space, dash, dot and brackets.
            var j = groupEnd
            while j < n, j - groupEnd < 3, bytes[j] == 0x20 || bytes[j] == 0x2D || bytes[j] == 0x28 || bytes[j] == 0x29 || bytes[j] == 0x2E {
                j += 1
            }
            guard j > groupEnd, j < n, isDigit(bytes[j]) else { break }
            // A full stop then a space ends a sentence, not a group.
            if bytes[groupEnd] == 0x2E, j - groupEnd > 1 { break }
            i = j
        }
        if end < n, EmailDetector.isAlnum(bytes[end]) { return nil }
        if bytes[start] == 0x28, end < n, bytes[end] == 0x29 {
            // "(07700 900123)": the brackets enclose it, keep them as text.
            start += 1
        }
        let national: ArraySlice<UInt8>
        if international {
            if digits.starts(with: [0x34, 0x34]) {
                national = digits.dropFirst(2)
            } else {
                return nil
            }
        } else if digits.starts(with: [0x30, 0x30, 0x34, 0x34]) {
            national = digits.dropFirst(4)
        } else if digits.first == 0x30 {
            national = digits.dropFirst(1)
        } else {
            return nil
        }
        guard national.count == 9 || national.count == 10, let lead = national.first,
              [0x31, 0x32, 0x33, 0x35, 0x37, 0x38, 0x39].contains(lead) else { return nil }
        return (start, end)
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
