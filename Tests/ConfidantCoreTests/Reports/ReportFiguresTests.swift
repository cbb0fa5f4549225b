import Foundation
import Testing

@testable import ConfidantCore

@Suite("Report figures: small numbers, medians and percentiles")
struct ReportFiguresTests {
    @Test(
        "a count under 5 is held back, zero and 5 or more are shown",
        arguments: [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (120, "120")] as [(Int, String)])
    func smallNumbers(value: Int, shown: String) {
        #expect(ReportNumber(value).text == shown)
    }

    @Test(
        "a percentage is given only when neither its part nor the rest can be worked back to a small count",
        arguments: [
            (5, 10, "50%"), (10, 10, "100%"), (0, 10, "0%"), (3, 10, "not shown (small numbers)"), (6, 8, "not shown (small numbers)"),
            (7, 12, "58%"), (0, 0, "none"), (2, 4, "not shown (small numbers)"),
        ] as [(Int, Int, String)])
    func percentages(part: Int, total: Int, shown: String) {
        #expect(ReportNumber(part).percentText(of: total) == shown)
    }

    @Test(
        "median and 90th percentile by nearest rank",
        arguments: [
            ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.0, 9.0), ([5, 1, 4, 2, 3], 3.0, 5.0), ([10, 10, 10, 10, 10, 10], 10.0, 10.0),
            ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100], 6.0, 10.0),
        ] as [([Double], Double, Double)])
    func percentiles(values: [Double], median: Double, ninetieth: Double) {
        let summary = DurationSummary(values)
        #expect(summary.median == median)
        #expect(summary.ninetieth == ninetieth)
        #expect(!summary.isSuppressed)
    }

    @Test("fewer than five durations are not summarised, and none at all say so")
    func fewDurations() {
        #expect(DurationSummary([60, 120, 180, 240]).medianText == "not shown (fewer than 5)")
        #expect(DurationSummary([]).medianText == "no cases")
        #expect(DurationSummary([]).median == nil)
        // A negative duration (a conversation dated after its record) is a typing slip, not a figure.
        #expect(DurationSummary([-60, 60]).count == 1)
    }

    @Test(
        "durations in words",
        arguments: [
            (30, "under a minute"), (2_700, "45 min"), (10_800, "3 h"), (12_000, "3 h 20 min"), (169_200, "47 h"),
            (187_200, "2 days 4 h"), (259_200, "3 days"),
        ] as [(Double, String)])
    func durationWords(seconds: Double, words: String) {
        #expect(DurationSummary.words(seconds) == words)
    }

    @Test("a CSV field that a spreadsheet would run as a formula is made text, and quotes are doubled")
    func csvFields() {
        let table = ReportTable(
            id: "t", title: "T", rowHeading: "Label",
            rows: [.count("=HYPERLINK(\"x\")", current: 7, previous: 2), .count("a, b", current: 0, previous: 9)])
        #expect(
            table.csv(current: "This period", previous: "Before")
                == "Label,This period,Before\r\n\"'=HYPERLINK(\"\"x\"\")\",7,fewer than 5\r\n\"a, b\",0,9\r\n")
    }
}
