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
            if t.length <= 4, i + 1 < tokens.count, scan.onlySpaces(t.end, tokens[i + 1].start),
                isOutward(bytes, t.start, t.length), tokens[i + 1].length == 3,
                isInward(bytes, tokens[i + 1].start, 3)
            {
                candidates.append(Candidate(start: t.start, end: tokens[i + 1].end, type: .postcode))
                i += 2
                continue
            }
            if t.length >= 5, isOutward(bytes, t.start, t.length - 3), isInward(bytes, t.end - 3, 3) {
                candidates.append(Candidate(start: t.start, end: t.end, type: .postcode))
            }
            i += 1
        }
    }

    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Whether the `count` bytes at `start`, upper-cased, are a valid outward code (read in place:
    /// most tokens tried are not postcodes, and copying each one cost more than the test).
    static func isOutward(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Bool {
        guard count >= 2, count <= 4 else { return false }
        let c0 = upper(bytes[start]), c1 = upper(bytes[start + 1])
        if count == 3 && c0 == 0x47 && c1 == 0x49 && upper(bytes[start + 2]) == 0x52 { return true }  // GIR
        guard isLetter(c0), c0 != 0x51, c0 != 0x56, c0 != 0x58 else { return false }  // not Q, V, X
        let notIJZ = c1 != 0x49 && c1 != 0x4A && c1 != 0x5A
        switch count {
        case 2: return isDigit(c1)  // A9
        case 3:
            let c2 = upper(bytes[start + 2])
            if isDigit(c1) && isDigit(c2) { return true }  // A99
            if isLetter(c1) && isDigit(c2) { return notIJZ }  // AA9
            if isDigit(c1) && isLetter(c2) { return "ABCDEFGHJKPSTUW".utf8.contains(c2) }  // A9A
            return false
        default:
            let c2 = upper(bytes[start + 2]), c3 = upper(bytes[start + 3])
            guard isLetter(c1), notIJZ, isDigit(c2) else { return false }
            if isDigit(c3) { return true }  // AA99
            return isLetter(c3) && "ABEHMNPRVWXY".utf8.contains(c3)  // AA9A
        }
    }

    /// Whether the `count` bytes at `start`, upper-cased, are a valid inward code: a digit and two
    /// letters other than CIKMOV.
    static func isInward(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Bool {
        guard count == 3 else { return false }
        let c0 = upper(bytes[start]), c1 = upper(bytes[start + 1]), c2 = upper(bytes[start + 2])
        guard isDigit(c0) else { return false }
        return isLetter(c1) && isLetter(c2) && !"CIKMOV".utf8.contains(c1) && !"CIKMOV".utf8.contains(c2)
    }
}
