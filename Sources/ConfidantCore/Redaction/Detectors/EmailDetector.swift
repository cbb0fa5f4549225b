/// Finds email addresses: a local part, `@`, and a domain with at least one dot.
enum EmailDetector {
    /// Appends a candidate for every email address found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let bytes = scan.bytes
        var i = 0
        let n = bytes.count
        var lastEnd = 0
        while i < n {
            // Most texts hold no "@" or one: find the next one first.
            guard let at = bytes[i...].firstIndex(of: 0x40) else { break }
            i = at
            var start = i
            while start > lastEnd, isLocal(bytes[start - 1]) { start -= 1 }
            var end = i + 1
            var dots = 0
            while end < n, isDomain(bytes[end]) {
                if bytes[end] == 0x2E { dots += 1 }
                end += 1
            }
            // A sentence's full stop is not part of the domain.
            while end > i + 1, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D {
                if bytes[end - 1] == 0x2E { dots -= 1 }
                end -= 1
            }
            if start < i, dots > 0, end > i + 3 {
                candidates.append(Candidate(start: start, end: end, type: .email))
                lastEnd = end
                i = end
            } else {
                i += 1
            }
        }
    }

    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    @inline(__always) static func isLocal(_ b: UInt8) -> Bool {
        isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D || b == 0x27
    }

    @inline(__always) static func isDomain(_ b: UInt8) -> Bool {
        isAlnum(b) || b == 0x2E || b == 0x2D
    }
}
