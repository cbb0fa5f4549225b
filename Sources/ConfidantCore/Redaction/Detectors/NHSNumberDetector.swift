/// Finds NHS numbers: ten digits, together or as 3-3-4 groups, whose check digit verifies
/// (modulus 11, weights 10 down to 2). A ten-digit number that fails the check is still an
/// identifier and is reported as `OTHER_ID`; numbers starting with 0 are left to the phone detector.
enum NHSNumberDetector {
    /// Appends a candidate for every ten-digit number found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        let bytes = scan.bytes
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            guard t.isNumber, t.length == 10 || t.length == 3 else {
                i += 1
                continue
            }
            // The ten digits are read where they stand (byte offsets of the first, fourth and
            // seventh digit), not copied: most numbers tried are not NHS numbers.
            var last = i
            var groups = (t.start, t.start + 3, t.start + 6)
            if t.length == 10 {
                last = i
            } else if i + 2 < tokens.count, tokens[i + 1].isNumber, tokens[i + 1].length == 3,
                tokens[i + 2].isNumber, tokens[i + 2].length == 4,
                separated(scan, i), separated(scan, i + 1)
            {
                groups = (t.start, tokens[i + 1].start, tokens[i + 2].start)
                last = i + 2
            } else {
                i += 1
                continue
            }
            let end = tokens[last].end
            let glued =
                (t.start > 0 && (PhoneNumberDetector.isDigit(bytes[t.start - 1]) || bytes[t.start - 1] == 0x2B))
                || (end < bytes.count && PhoneNumberDetector.isDigit(bytes[end]))
            if bytes[t.start] != 0x30, !glued {
                let valid = isValid { k in bytes[k < 3 ? groups.0 + k : k < 6 ? groups.1 + k - 3 : groups.2 + k - 6] }
                let type: RedactionType = valid ? .nhsNumber : .otherIdentifier
                candidates.append(Candidate(start: t.start, end: end, type: type))
            }
            i = last + 1
        }
    }

    /// Whether the gap after token `a` is one space or one dash.
    private static func separated(_ scan: TextScan, _ a: Int) -> Bool {
        let gap = scan.tokens[a + 1].start - scan.tokens[a].end
        return gap == 1 && (scan.bytes[scan.tokens[a].end] == 0x20 || scan.bytes[scan.tokens[a].end] == 0x2D)
    }

    /// Whether ten ASCII digits carry a valid NHS check digit.
    static func isValid(_ digits: [UInt8]) -> Bool {
        digits.count == 10 && isValid { digits[$0] }
    }

    /// Whether the ten ASCII bytes `digit(0)` to `digit(9)` are digits carrying a valid NHS check digit.
    @inline(__always)
    private static func isValid(digit: (Int) -> UInt8) -> Bool {
        var sum = 0
        for k in 0..<10 {
            let d = digit(k)
            guard d >= 0x30 && d <= 0x39 else { return false }
            if k < 9 { sum += Int(d - 0x30) * (10 - k) }
        }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        if check == 10 { return false }
        return check == Int(digit(9) - 0x30)
    }

    /// Whether a string of ten digits, spaces allowed, is a valid NHS number.
    static func isValid(_ text: String) -> Bool {
        isValid(Array(text.utf8.filter { $0 != 0x20 && $0 != 0x2D }))
    }
}
