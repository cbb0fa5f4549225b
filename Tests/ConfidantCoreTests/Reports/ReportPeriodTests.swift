import Foundation
import Testing

@testable import ConfidantCore

@Suite("Report periods in the organisation's time zone")
struct ReportPeriodTests {
    static let london = TimeZone(identifier: "Europe/London")!

    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }
    static func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static func period(_ first: String, _ last: String) throws -> ReportPeriod {
        try ReportPeriod(first: day(first), last: day(last), timeZone: london)
    }

    @Test(
        "the period before ends the day before: as many whole months for whole months, else as many days",
        arguments: [
            // A quarter against the quarter before (92 days against 90), a month against the month before.
            ("2026-07-01", "2026-09-30", "2026-04-01", "2026-06-30"), ("2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31"),
            ("2024-03-01", "2024-03-31", "2024-02-01", "2024-02-29"), ("2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31"),
            // Not whole months: the same number of days.
            ("2026-03-01", "2026-03-01", "2026-02-28", "2026-02-28"), ("2026-08-05", "2026-12-02", "2026-04-07", "2026-08-04"),
        ])
    func previous(first: String, last: String, previousFirst: String, previousLast: String) throws {
        let period = try Self.period(first, last)
        #expect(period.previous.first == Self.day(previousFirst))
        #expect(period.previous.last == Self.day(previousLast))
    }

    @Test("a calendar quarter is known as one; other periods are not")
    func quarters() throws {
        #expect(try Self.period("2026-07-01", "2026-09-30").isCalendarQuarter)
        #expect(try !Self.period("2026-08-01", "2026-10-31").isCalendarQuarter)
        #expect(try !Self.period("2026-07-01", "2026-09-29").isCalendarQuarter)
    }

    @Test(
        "whole local days across the clock change: an instant belongs to the London day it happened on",
        arguments: [
            // 23:30 UTC on 28 March 2026 is 23:30 GMT, still 28 March; the clocks go forward at 01:00 on 29 March.
            ("2026-03-29", "2026-04-30", "2026-03-28T23:30:00Z", false),
            ("2026-03-29", "2026-04-30", "2026-03-29T00:30:00Z", true),
            // 23:30 UTC on 31 May is 00:30 BST on 1 June.
            ("2026-06-01", "2026-06-30", "2026-05-31T23:30:00Z", true),
            ("2026-05-01", "2026-05-31", "2026-05-31T23:30:00Z", false),
            // 23:30 UTC on 24 October is 00:30 BST on 25 October, the day the clocks go back.
            ("2026-10-25", "2026-10-31", "2026-10-24T23:30:00Z", true),
            ("2026-10-25", "2026-10-31", "2026-10-31T23:59:00Z", true),
            ("2026-10-25", "2026-10-31", "2026-11-01T00:00:00Z", false),
        ])
    func clockChange(first: String, last: String, at: String, inside: Bool) throws {
        #expect(try Self.period(first, last).contains(Self.instant(at)) == inside)
    }

    @Test("a period that ends before it starts, or runs over ten years, is refused")
    func refused() {
        #expect(throws: ReportPeriod.Problem.endsBeforeItStarts) { try Self.period("2026-03-02", "2026-03-01") }
        #expect(throws: ReportPeriod.Problem.tooLong) { try Self.period("2000-01-01", "2026-01-01") }
    }

    @Test("the months a period touches, and the month of an instant in local time")
    func months() throws {
        let period = try Self.period("2025-11-15", "2026-02-03")
        #expect(period.months.map(\.label) == ["Nov 2025", "Dec 2025", "Jan 2026", "Feb 2026"])
        #expect(period.month(of: Self.instant("2026-05-31T23:30:00Z")).label == "Jun 2026")
    }

    @Test(
        "the trustees' quarter is the whole calendar quarter before today's",
        arguments: [
            ("2026-12-01T10:00:00Z", "2026-07-01", "2026-09-30"), ("2026-02-10T10:00:00Z", "2025-10-01", "2025-12-31"),
            ("2026-04-01T00:30:00Z", "2026-01-01", "2026-03-31"),
            // 23:30 UTC on 30 June is 1 July in London: the quarter before is April to June.
            ("2026-06-30T23:30:00Z", "2026-04-01", "2026-06-30"),
        ])
    func quarter(now: String, first: String, last: String) {
        let quarter = ReportPeriod.previousQuarter(before: Self.instant(now), timeZone: Self.london)
        #expect(quarter.first == Self.day(first))
        #expect(quarter.last == Self.day(last))
    }
}
