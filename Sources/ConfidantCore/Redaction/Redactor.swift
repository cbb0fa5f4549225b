/// De-identifies free text: finds every identifying span, merges overlapping finds, and replaces
/// people with consistent pseudonyms and everything else with a placeholder in plain words.
///
/// [Limited confidentiality]: a disclosure may be discussed with other professionals, "but in
/// general this would not identify the person who had made the disclosure". Every
/// de-identified share, advice request and report goes through here. Where a detector is
/// unsure it redacts: a missed identifier costs far more than a redacted ordinary word.
public struct Redactor: Sendable {
    /// Creates a redactor.
    public init() {}

    /// Redacts `text`, naming the people the record knows and the organisations that would identify someone.
    public func redact(_ text: String, people: [KnownPerson] = [], organisations: [String] = []) -> RedactionResult {
        var pseudonyms = Pseudonymiser()
        return redact(text, people: people, organisations: organisations, pseudonyms: &pseudonyms)
    }

    /// Redacts `text`, carrying `pseudonyms` so that the texts of one share name each unknown person alike.
    public func redact(_ text: String, people: [KnownPerson], organisations: [String], pseudonyms: inout Pseudonymiser) -> RedactionResult {
        let context = RedactionContext(people: people, organisations: organisations)
        let output = redact(bytes: Array(text.utf8), context: context, pseudonyms: &pseudonyms)
        return RedactionResult(text: String(decoding: output.text, as: UTF8.self), spans: output.spans)
    }

    /// Redacts UTF-8 bytes; the result's text is UTF-8 and its spans are in code points of the input.
    func redact(bytes: [UInt8], context: RedactionContext, pseudonyms: inout Pseudonymiser) -> (text: [UInt8], spans: [RedactedSpan]) {
        let scan = TextScan(bytes: bytes)
        let merged = Redactor.joinAdjacentMentions(Redactor.merge(detect(scan, context: context)), in: bytes)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count + 16)
        var spans: [RedactedSpan] = []
        spans.reserveCapacity(merged.count)
        var offsets = CodePointCounter(bytes: bytes)
        var copied = 0
        for candidate in merged {
            let replacement: String
            if candidate.type == .person {
                if candidate.known >= 0 {
                    replacement = context.knownPseudonym(candidate.known)
                } else {
                    var words: [UInt64] = []
                    for k in candidate.nameTokens where !(candidate.nameSkipsTitles && scan.tokens[k].has(Lexicon.title)) {
                        words.append(scan.tokens[k].hash)
                    }
                    replacement = pseudonyms.pseudonym(
                        forUnknown: words, titled: candidate.titled,
                        lettersTaken: context.otherCount)
                }
            } else {
                replacement = candidate.type.placeholder
            }
            text.append(contentsOf: bytes[copied..<candidate.start])
            var replacementText = replacement
            replacementText.withUTF8 { text.append(contentsOf: $0) }
            copied = candidate.end
            let start = offsets.offset(ofByte: candidate.start)
            let end = offsets.offset(ofByte: candidate.end)
            spans.append(RedactedSpan(start: start, end: end, type: candidate.type, replacement: replacement))
        }
        text.append(contentsOf: bytes[copied...])
        return (text, spans)
    }

    /// Runs every detector over the scanned text.
    func detect(_ scan: TextScan, context: RedactionContext) -> [Candidate] {
        var candidates: [Candidate] = []
        candidates.reserveCapacity(scan.tokens.count / 4 + 16)
        context.knownPeople.detect(scan, into: &candidates)
        NameCueDetector.detect(scan, into: &candidates)
        NameCueDetector.extendLists(scan, &candidates)
        let people = candidates.count
        context.organisations.detect(scan, into: &candidates)
        AddressDetector.detect(scan, into: &candidates)
        PostcodeDetector.detect(scan, into: &candidates)
        PostalCodeDetector.detect(scan, into: &candidates)
        PhoneNumberDetector.detect(scan, into: &candidates)
        EmailDetector.detect(scan, into: &candidates)
        URLDetector.detect(scan, into: &candidates)
        DateOfBirthDetector.detect(scan, people: people, into: &candidates)
        NHSNumberDetector.detect(scan, into: &candidates)
        NationalInsuranceNumberDetector.detect(scan, into: &candidates)
        OtherIdentifierDetector.detect(scan, into: &candidates)
        return candidates
    }

    /// Joins mentions of one known person separated only by spaces ("Kayden" "O'Neill" around a
    /// middle name the record lacks reads "Child A", not "Child A Child A").
    static func joinAdjacentMentions(_ spans: [Candidate], in bytes: [UInt8]) -> [Candidate] {
        var joined: [Candidate] = []
        joined.reserveCapacity(spans.count)
        for span in spans {
            if var last = joined.last, last.known >= 0, last.known == span.known, span.start - last.end <= 2,
                bytes[last.end..<span.start].allSatisfy({ $0 == 0x20 })
            {
                last.end = span.end
                joined[joined.count - 1] = last
            } else {
                joined.append(span)
            }
        }
        return joined
    }

    /// Sorts spans and unites overlapping ones, so nothing found is left half-replaced; the
    /// united span takes the type (and person) of its highest-priority part, the longer on a tie.
    static func merge(_ candidates: [Candidate]) -> [Candidate] {
        let sorted = sortedForMerge(candidates)
        var merged: [Candidate] = []
        merged.reserveCapacity(sorted.count)
        for candidate in sorted where candidate.end > candidate.start {
            guard var last = merged.last, candidate.start < last.end else {
                merged.append(candidate)
                continue
            }
            let wins =
                candidate.priority > last.priority
                || (candidate.priority == last.priority && candidate.end - candidate.start > last.end - last.start)
            let end = max(last.end, candidate.end)
            if wins {
                let start = last.start
                last = candidate
                last.start = start
            }
            last.end = end
            merged[merged.count - 1] = last
        }
        return merged
    }

    /// The candidates by start, the longer first where two start together, and otherwise in the
    /// order found: a stable sort by (start, longest). Sorting one integer key per candidate, with
    /// the candidate's place in its low bits, does the same as a stable sort of the candidates
    /// themselves at a fraction of the cost; texts too long for the key take the general sort.
    static func sortedForMerge(_ candidates: [Candidate]) -> [Candidate] {
        let limit = 1 << 24
        guard candidates.count < 1 << 16, candidates.allSatisfy({ $0.end < limit }) else {
            return candidates.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() {
            keys.append(UInt64(candidate.start) << 40 | UInt64(limit - 1 - candidate.end) << 16 | UInt64(index))
        }
        keys.sort()
        return keys.map { candidates[Int($0 & 0xFFFF)] }
    }
}
