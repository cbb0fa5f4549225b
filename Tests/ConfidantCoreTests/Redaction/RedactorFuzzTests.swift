import Testing

@testable import ConfidantCore

/// Arbitrary input must never crash the redactor, and its spans must always describe the output.
struct RedactorFuzzTests {
    /// A small deterministic generator (the tests take no randomness from the world).
    struct SplitMix {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    static let pieces = [
        "Kayden", "kayden's", "O'Neill", "’s", "'", "-", "Mr", "Mrs.", " ", " ", " ", "\n", ".", ",", "(", ")", "+44", "(0)", "07700",
        "900123", "0", "1", "12", "/", "@", "example.com", "www.", "https://", "DOB", "born", "on", "12/03/2015", "M14", "5RT",
        "SW1A1AA", "JG", "103782", "A", "943", "476", "5919", "Flat", "Road", "Court", "School", "Academy", "called", "her brother",
        "said", "Zoë", "Ł", "İ", "👍", "\u{2019}", "\u{00A0}", "é", "Ж", "日本", "Iñaki", "CR-2024-0153", "AB12", "CDE", "ref", "#",
        ":", "Tyler", "Hart", "St", "May", "Will", "\t", "\r", "\"", "\\", "aged", "9", "Year", "Oakfield",
    ]

    @Test func randomTextNeverCrashesAndSpansRebuildTheOutput() {
        var rng = SplitMix(state: 42)
        let people = [KnownPerson(name: "Kayden O'Neill", role: .child, aliases: ["KJ", "Ł"]), KnownPerson(name: "Dana Hart", role: .parentCarer)]
        var checked = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<rng.next(40) { text += Self.pieces[rng.next(Self.pieces.count)] }
            let result = Redactor().redact(text, people: people, organisations: ["Oakfield Academy", ""])
            let scalars = Array(text.unicodeScalars)
            var rebuilt = String.UnicodeScalarView()
            var last = 0
            var ordered = true
            for span in result.spans {
                if span.start < last || span.end <= span.start || span.end > scalars.count { ordered = false; break }
                rebuilt.append(contentsOf: scalars[last..<span.start])
                rebuilt.append(contentsOf: span.replacement.unicodeScalars)
                last = span.end
            }
            #expect(ordered, "\(text.debugDescription)")
            guard ordered else { continue }
            rebuilt.append(contentsOf: scalars[last...])
            #expect(String(rebuilt) == result.text, "\(text.debugDescription)")
            checked += 1
        }
        #expect(checked == 3000)
    }

    @Test func randomBytesNeverCrashTheLineProcessor() {
        var rng = SplitMix(state: 7)
        var processor = RedactionLine()
        var answered = 0
        for _ in 0..<3000 {
            var line: [UInt8] = Array(#"{"id":"f","text":""#.utf8)
            for _ in 0..<rng.next(60) { line.append(UInt8(rng.next(256))) }
            if rng.next(2) == 0 { line += Array(#""}"#.utf8) }
            var out: [UInt8] = []
            _ = processor.process(line, into: &out)
            if out.first == 0x7B && out.last == 0x7D { answered += 1 }
        }
        #expect(answered == 3000)
    }
}
