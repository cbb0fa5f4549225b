/// Finds other identifiers: case and crime references ("CR-2024-0153", "MASH/24/00123",
/// "ref 448812"), UK registration plates ("AB12 CDE", "A123 BCD"), and long digit runs.
///
/// Event dates and times are not identifiers: a reference needs a letter and at least three
/// digits, or a cue word ("ref", "crime number"), and a bare number at least seven digits.
enum OtherIdentifierDetector {
    /// Whether `b` joins the parts of a reference: - / _.
    @inline(__always) private static func isJoiner(_ b: UInt8) -> Bool { b == 0x2D || b == 0x2F || b == 0x5F }

    /// Appends a candidate for every identifier found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        let bytes = scan.bytes
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            // Most tokens are words with no digit, no cue and no joiner after them: none of the
            // shapes below can start there.
            if t.shape & Token.hasDigit == 0, !t.has(Lexicon.idCue),
                !(i + 1 < tokens.count && tokens[i + 1].start == t.end + 1 && isJoiner(bytes[t.end]))
            {
                i += 1
                continue
            }
            // A registration plate: "AB12 CDE", "AB12CDE", "A123 BCD".
            let plateShaped = t.shape & (Token.hasDigit | Token.hasLetter | Token.allUpper) == Token.hasDigit | Token.hasLetter | Token.allUpper
            if plateShaped, let last = plate(scan, i) {
                candidates.append(Candidate(start: t.start, end: tokens[last].end, type: .otherIdentifier))
                i = last + 1
                continue
            }
            // A compound of letters and digits joined by - / _.
            var last = i
            var letters = t.shape & Token.hasLetter != 0 ? 1 : 0
            var digitCount = t.shape & Token.hasDigit != 0 ? countDigits(bytes, t) : 0
            while last + 1 < tokens.count, tokens[last + 1].start == tokens[last].end + 1,
                isJoiner(bytes[tokens[last].end])
            {
                last += 1
                if tokens[last].shape & Token.hasLetter != 0 { letters += 1 }
                digitCount += countDigits(bytes, tokens[last])
            }
            let quantity = last == i && isQuantity(bytes, t)
            // Joined digit groups with one of five or more digits are a reference ("14/415653/22"); dates never are.
            var longGroup = false
            if last > i {
                var k = i
                while k <= last {
                    if tokens[k].isNumber && tokens[k].length >= 5 { longGroup = true }
                    k += 1
                }
            }
            if (letters > 0 && digitCount >= 3 && !quantity && !t.has(Lexicon.month)) || longGroup {
                candidates.append(Candidate(start: t.start, end: tokens[last].end, type: .otherIdentifier))
                i = last + 1
                continue
            }
            // A bare number of seven or more digits (phone numbers and NHS numbers win over this).
            if last == i, t.isNumber, t.length >= 7 {
                candidates.append(Candidate(start: t.start, end: t.end, type: .otherIdentifier))
                i += 1
                continue
            }
            // A cue: "ref 4471", "crime number: 1234/24", "case ID 77812".
            if t.has(Lexicon.idCue), t.isWord {
                var k = i + 1
                var steps = 0
                while k < tokens.count, steps < 3, tokens[k].has(Lexicon.idCue | Lexicon.filler), tokens[k].isWord,
                    scan.gap(k - 1, allowing: [0x3A, 0x2E, 0x23, 0x2D])
                {
                    k += 1
                    steps += 1
                }
                if k < tokens.count, k > i, scan.gap(k - 1, allowing: [0x3A, 0x2E, 0x23, 0x2D], limit: 4),
                    tokens[k].shape & Token.hasDigit != 0, t.is(Token.initialUpper) || tokens[k - 1].has(Lexicon.idCue)
                {
                    var end = k
                    var digitsHere = countDigits(bytes, tokens[k])
                    while end + 1 < tokens.count, tokens[end + 1].start == tokens[end].end + 1,
                        isJoiner(bytes[tokens[end].end])
                    {
                        end += 1
                        digitsHere += countDigits(bytes, tokens[end])
                    }
                    if digitsHere >= 3 && !isYear(bytes, tokens[k], alone: end == k) {
                        candidates.append(Candidate(start: tokens[k].start, end: tokens[end].end, type: .otherIdentifier))
                        i = end + 1
                        continue
                    }
                }
            }
            i = last + 1
        }
    }

    private static func countDigits(_ bytes: [UInt8], _ t: Token) -> Int {
        var c = 0
        var k = t.start
        while k < t.end {
            if bytes[k] >= 0x30 && bytes[k] <= 0x39 { c += 1 }
            k += 1
        }
        return c
    }

    /// Digits then at most three letters: "500mg", "10am", "21st" are quantities, times and ordinals.
    private static func isQuantity(_ bytes: [UInt8], _ t: Token) -> Bool {
        var k = t.start
        while k < t.end, bytes[k] >= 0x30 && bytes[k] <= 0x39 { k += 1 }
        guard k > t.start else { return false }
        let letters = t.end - k
        var rest = k
        while rest < t.end, EmailDetector.isAlnum(bytes[rest]), !(bytes[rest] >= 0x30 && bytes[rest] <= 0x39) { rest += 1 }
        return rest == t.end && letters <= 3
    }

    /// A four-digit year on its own ("in 2019") is a date, not a reference.
    private static func isYear(_ bytes: [UInt8], _ t: Token, alone: Bool) -> Bool {
        alone && t.length == 4 && (bytes[t.start] == 0x31 || bytes[t.start] == 0x32)
    }

    /// The last token of a registration plate starting at token `i`, if one does.
    static func plate(_ scan: TextScan, _ i: Int) -> Int? {
        let tokens = scan.tokens
        let bytes = scan.bytes
        let t = tokens[i]
        guard t.shape & Token.hasDigit != 0, t.shape & Token.hasLetter != 0, t.is(Token.allUpper) else { return nil }
        let w = Array(bytes[t.start..<t.end])
        func letters(_ s: ArraySlice<UInt8>) -> Bool { !s.isEmpty && s.allSatisfy(PostcodeDetector.isLetter) }
        func digits(_ s: ArraySlice<UInt8>) -> Bool { !s.isEmpty && s.allSatisfy(PhoneNumberDetector.isDigit) }
        // Current style in one token: AB12CDE.
        if w.count == 7, letters(w[0..<2]), digits(w[2..<4]), letters(w[4..<7]) { return i }
        guard i + 1 < tokens.count, scan.onlySpaces(t.end, tokens[i + 1].start), tokens[i + 1].end - tokens[i + 1].start == 3 else { return nil }
        let next = bytes[tokens[i + 1].start..<tokens[i + 1].end]
        guard letters(next) else { return nil }
        // Current style: AB12 CDE; prefix style: A123 BCD.
        if w.count == 4, letters(w[0..<2]), digits(w[2..<4]) { return i + 1 }
        if w.count >= 2, w.count <= 4, letters(w[0..<1]), digits(w[1...]) { return i + 1 }
        return nil
    }
}
