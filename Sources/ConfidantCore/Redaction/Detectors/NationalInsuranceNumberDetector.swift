/// Finds National Insurance numbers: two prefix letters, six digits (in pairs or together) and a
/// suffix A, B, C or D, e.g. "JG 10 37 82 A" or "jg103782a".
///
/// HMRC's prefix rules: neither letter is D, F, I, Q, U or V; the second is not O; the pairs
/// BG, GB, KN, NK, NT, TN and ZZ are never issued. A pattern that breaks these rules, or has
/// no suffix, is still an identifier and is reported as `OTHER_ID`.
enum NationalInsuranceNumberDetector {
    private static let forbiddenPrefixes: Set<[UInt8]> = Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].map { Array($0.utf8) })

    /// Appends a candidate for every National Insurance number found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let bytes = scan.bytes
        let tokens = scan.tokens
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            // A word of three letters or more cannot start one: its third byte is no digit or space.
            guard t.shape & Token.hasLetter != 0, t.end - t.start >= 2, !(t.isWord && t.end - t.start > 2),
                let match = match(bytes, at: t.start)
            else {
                i += 1
                continue
            }
            candidates.append(Candidate(start: t.start, end: match.end, type: match.valid ? .niNumber : .otherIdentifier))
            while i < tokens.count, tokens[i].start < match.end { i += 1 }
        }
    }

    /// The NI-number-shaped text starting at `s`: its end, and whether it is a valid NI number.
    static func match(_ bytes: [UInt8], at s: Int) -> (end: Int, valid: Bool)? {
        let n = bytes.count
        guard s + 8 <= n else { return nil }
        let a = PostcodeDetector.upper(bytes[s]), b = PostcodeDetector.upper(bytes[s + 1])
        guard PostcodeDetector.isLetter(a), PostcodeDetector.isLetter(b) else { return nil }
        // Most words end here: the digits (or the space before them) must come next.
        guard PhoneNumberDetector.isDigit(bytes[s + 2]) || bytes[s + 2] == 0x20 else { return nil }
        let uppercase = PostcodeDetector.isLetter(bytes[s]) && PostcodeDetector.isLetter(bytes[s + 1])
        var i = s + 2
        var spaced = false
        var digits = 0
        while i < n, digits < 6 {
            if bytes[i] == 0x20, i + 1 < n, PhoneNumberDetector.isDigit(bytes[i + 1]), digits % 2 == 0 {
                spaced = true
                i += 1
                continue
            }
            guard PhoneNumberDetector.isDigit(bytes[i]) else { break }
            digits += 1
            i += 1
        }
        guard digits == 6 else { return nil }
        if i < n, PhoneNumberDetector.isDigit(bytes[i]) { return nil }
        // Spaced forms need capitals, so that "to 12 34 56" is not read as one.
        if spaced && !uppercase { return nil }
        var end = i
        var suffix: UInt8 = 0
        var j = i
        if j < n, bytes[j] == 0x20 { j += 1 }
        if j < n, PostcodeDetector.isLetter(PostcodeDetector.upper(bytes[j])),
            j + 1 >= n || !EmailDetector.isAlnum(bytes[j + 1])
        {
            suffix = PostcodeDetector.upper(bytes[j])
            end = j + 1
        } else if i < n, EmailDetector.isAlnum(bytes[i]) {
            return nil
        }
        let valid = isValidPrefix(a, b) && suffix >= 0x41 && suffix <= 0x44
        if !valid && !uppercase { return nil }
        return (end, valid)
    }

    /// Whether two upper-case letters are a prefix HMRC issues.
    static func isValidPrefix(_ a: UInt8, _ b: UInt8) -> Bool {
        let never = Array("DFIQUV".utf8)
        if never.contains(a) || never.contains(b) || b == 0x4F { return false }
        return !forbiddenPrefixes.contains([a, b])
    }

    /// Whether a string is a valid NI number, spaces allowed.
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let m = match(bytes, at: 0) else { return false }
        return m.valid && m.end == bytes.count
    }
}
