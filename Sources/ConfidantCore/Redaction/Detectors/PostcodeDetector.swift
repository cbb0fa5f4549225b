/// Finds UK postcodes in every valid format (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA,
/// AA9A 9AA, and GIR 0AA), with or without the space, in upper or lower case.
///
/// The letter rules are Royal Mail's: Q, V and X never come first; I, J and Z never second;
/// the third letter of A9A is one of ABCDEFGHJKPSTUW, the fourth of AA9A one of ABEHMNPRVWXY;
/// the inward letters never include C, I, K, M, O or V.
enum PostcodeDetector {
    /// Appends a candidate for every postcode found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        let bytes = scan.bytes
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            let isGIR = t.length == 3 && upper(bytes[t.start]) == 0x47 && upper(bytes[t.start + 1]) == 0x49 && upper(bytes[t.start + 2]) == 0x52
            guard t.shape & Token.hasLetter != 0, t.shape & Token.hasDigit != 0 || isGIR, t.length >= 2, t.length <= 7 else {
                i += 1
                continue
            }
            let word = Array(bytes[t.start..<t.end]).map(upper)
            if t.length <= 4, i + 1 < tokens.count, scan.onlySpaces(t.end, tokens[i + 1].start),
                isOutward(word[...]), tokens[i + 1].length == 3,
                isInward(Array(bytes[tokens[i + 1].start..<tokens[i + 1].end]).map(upper)[...])
            {
                candidates.append(Candidate(start: t.start, end: tokens[i + 1].end, type: .postcode))
                i += 2
                continue
            }
            if t.length >= 5, isOutward(word[..<(word.count - 3)]), isInward(word[(word.count - 3)...]) {
                candidates.append(Candidate(start: t.start, end: t.end, type: .postcode))
            }
            i += 1
        }
    }

    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Whether `w` (upper-cased) is a valid outward code.
    static func isOutward(_ w: ArraySlice<UInt8>) -> Bool {
        let c = Array(w)
        if c == Array("GIR".utf8) { return true }
        guard c.count >= 2, c.count <= 4, isLetter(c[0]), !"QVX".utf8.contains(c[0]) else { return false }
        switch c.count {
        case 2: return isDigit(c[1])  // A9
        case 3:
            if isDigit(c[1]) && isDigit(c[2]) { return true }  // A99
            if isLetter(c[1]) && isDigit(c[2]) { return !"IJZ".utf8.contains(c[1]) }  // AA9
            if isDigit(c[1]) && isLetter(c[2]) { return "ABCDEFGHJKPSTUW".utf8.contains(c[2]) }  // A9A
            return false
        default:
            guard isLetter(c[1]), !"IJZ".utf8.contains(c[1]), isDigit(c[2]) else { return false }
            if isDigit(c[3]) { return true }  // AA99
            return isLetter(c[3]) && "ABEHMNPRVWXY".utf8.contains(c[3])  // AA9A
        }
    }

    /// Whether `w` (upper-cased) is a valid inward code: a digit and two letters other than CIKMOV.
    static func isInward(_ w: ArraySlice<UInt8>) -> Bool {
        let c = Array(w)
        guard c.count == 3, isDigit(c[0]) else { return false }
        return isLetter(c[1]) && isLetter(c[2]) && !"CIKMOV".utf8.contains(c[1]) && !"CIKMOV".utf8.contains(c[2])
    }
}
