import ConfidantCore
import Testing

@Suite("Limits on what people type")
struct TextLimitTests {
    @Test("limits count code points, not grapheme clusters")
    func codePointLimit() {
        let oneCluster = "e" + String(repeating: "\u{301}", count: 300_000)
        #expect(oneCluster.count == 1)
        #expect(oneCluster.exceedsLimit(200))
        #expect(!"Zoë Smith".exceedsLimit(9))
        #expect("Zoë Smith".exceedsLimit(8))
    }

    @Test(
        "exactly the limit is within it; one more code point is over",
        arguments: [
            ("a", 0, true), ("", 0, false), ("", 1, false), ("ab", 2, false), ("abc", 2, true),
            // Four-byte code points count once: the byte cap (four per code point) is never the tighter one.
            (String(repeating: "\u{1F600}", count: 10), 10, false), (String(repeating: "\u{1F600}", count: 11), 10, true),
            ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", 4, true), ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", 5, false),
            ("\r\n", 1, true), ("\r\n", 2, false),
        ])
    func boundary(text: String, limit: Int, over: Bool) {
        #expect(text.exceedsLimit(limit) == over)
    }
}
