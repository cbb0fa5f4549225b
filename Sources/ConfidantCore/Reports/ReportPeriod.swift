import Foundation

/// The days a report covers, whole days in the organisation's time zone (Europe/London for MCT), first and last
/// included; and the period of the same length just before it, to compare with.
public struct ReportPeriod: Sendable, Equatable {
    public let first: CalendarDay
    public let last: CalendarDay
    public let timeZone: TimeZone
    /// The first instant of the period (midnight at the start of its first day, local time), and the first instant
    /// after it; kept, since a report asks of every concern whether it falls inside.
    public let start: Date
    public let end: Date

    /// The longest period a report covers: ten years, so a mistyped year cannot ask for centuries of months.
    public static let longestDays = 3_660

    /// Why a period cannot be reported on, in words for the person who chose it.
    public enum Problem: Error, Equatable, Sendable {
        case endsBeforeItStarts
        case tooLong
    }

    public init(first: CalendarDay, last: CalendarDay, timeZone: TimeZone) throws(Problem) {
        guard first <= last else { throw .endsBeforeItStarts }
        self.init(unchecked: first, last: last, timeZone: timeZone)
        guard days <= Self.longestDays else { throw .tooLong }
    }

    /// The calendar quarter (January–March, April–June…) before the one `now` falls in: what trustees are shown.
    public static func previousQuarter(before now: Date, timeZone: TimeZone) -> ReportPeriod {
        let today = Self.day(containing: now, in: timeZone)
        let quarterStartMonth = (today.month - 1) / 3 * 3 + 1
        var year = today.year
        var month = quarterStartMonth - 3
        if month < 1 {
            month += 12
            year -= 1
        }
        let first = CalendarDay(year: year, month: month, day: 1)
        let last = CalendarDay(year: year, month: month + 2, day: Self.daysIn(year: year, month: month + 2))
        // A quarter is never longer than the longest period, and its first day is before its last.
        return ReportPeriod(unchecked: first, last: last, timeZone: timeZone)
    }

    /// The three whole months before today, and today: the page's first view.
    public static func recent(now: Date, timeZone: TimeZone) -> ReportPeriod {
        let today = Self.day(containing: now, in: timeZone)
        var year = today.year
        var month = today.month - 3
        if month < 1 {
            month += 12
            year -= 1
        }
        let first = CalendarDay(year: year, month: month, day: min(today.day, Self.daysIn(year: year, month: month)))
        return ReportPeriod(unchecked: first, last: today, timeZone: timeZone)
    }

    private init(unchecked first: CalendarDay, last: CalendarDay, timeZone: TimeZone) {
        self.first = first
        self.last = last
        self.timeZone = timeZone
        start = Self.midnight(first, in: timeZone)
        end = Self.midnight(last.adding(days: 1), in: timeZone)
    }

    /// How many days it covers.
    public var days: Int { last.daysSince(first) + 1 }

    /// Whether `date` falls in it.
    public func contains(_ date: Date) -> Bool { date >= start && date < end }

    /// The period before this one, ending the day before it starts: the same number of whole calendar months when
    /// this period is whole months (a quarter is compared with the quarter before, not with 92 days), otherwise the
    /// same number of days.
    public var previous: ReportPeriod {
        let last = first.adding(days: -1)
        if let months = wholeMonths {
            var year = first.year
            var month = first.month - months
            while month < 1 {
                month += 12
                year -= 1
            }
            return ReportPeriod(unchecked: CalendarDay(year: year, month: month, day: 1), last: last, timeZone: timeZone)
        }
        return ReportPeriod(unchecked: last.adding(days: -(days - 1)), last: last, timeZone: timeZone)
    }

    /// How many calendar months the period is, when it starts on a month's first day and ends on a month's last.
    public var wholeMonths: Int? {
        guard first.day == 1, last.day == Self.daysIn(year: last.year, month: last.month) else { return nil }
        return (last.year - first.year) * 12 + last.month - first.month + 1
    }

    /// Whether it is one calendar quarter (January to March, April to June, July to September, October to December).
    public var isCalendarQuarter: Bool { wholeMonths == 3 && (first.month - 1) % 3 == 0 }

    /// Each calendar month the period touches, in order, as (year, month).
    public var months: [ReportMonth] {
        var result: [ReportMonth] = []
        var month = ReportMonth(year: first.year, month: first.month)
        let lastMonth = ReportMonth(year: last.year, month: last.month)
        while month <= lastMonth {
            result.append(month)
            month = month.next
        }
        return result
    }

    /// Each month the period touches with the instant it starts (local time), for sorting many instants into months.
    public var monthStarts: [(month: ReportMonth, start: Date)] {
        months.map { ($0, Self.midnight(CalendarDay(year: $0.year, month: $0.month, day: 1), in: timeZone)) }
    }

    /// The month `date` falls in, local time.
    public func month(of date: Date) -> ReportMonth {
        let day = Self.day(containing: date, in: timeZone)
        return ReportMonth(year: day.year, month: day.month)
    }

    /// The period in words: "1 Jan 2026 to 31 Mar 2026".
    public var words: String { "\(Self.words(first)) to \(Self.words(last))" }

    /// The local day `date` falls on, in words: "1 Dec 2026".
    public static func words(_ date: Date, in timeZone: TimeZone) -> String { words(day(containing: date, in: timeZone)) }

    static func words(_ day: CalendarDay) -> String {
        "\(day.day) \(ReportMonth.abbreviations[day.month - 1]) \(day.year)"
    }

    static func day(containing date: Date, in timeZone: TimeZone) -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    static func midnight(_ day: CalendarDay, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: day.year, month: day.month, day: day.day)
        // Midnight exists on every day in the UK (the clocks change at 01:00 and 02:00).
        return calendar.date(from: components) ?? day.start
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A calendar month, for counts by month.
public struct ReportMonth: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    static let abbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Mar 2026".
    public var label: String { "\(Self.abbreviations[month - 1]) \(year)" }

    public var next: ReportMonth { month == 12 ? ReportMonth(year: year + 1, month: 1) : ReportMonth(year: year, month: month + 1) }

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

extension CalendarDay {
    /// A day known to exist (year, month and day checked by the caller).
    init(year: Int, month: Int, day: Int) {
        // The components come from a calendar or from checked arithmetic, so the text always reads as a day.
        self = CalendarDay(String(format: "%04d-%02d-%02d", year, month, day)) ?? CalendarDay(containing: Date(timeIntervalSince1970: 0))
    }

    /// The day `days` after this one (before it, when negative).
    public func adding(days: Int) -> CalendarDay { CalendarDay(containing: start.addingTimeInterval(Double(days) * 86_400)) }

    /// Whole days from `other` to this day.
    public func daysSince(_ other: CalendarDay) -> Int { Int(((start.timeIntervalSince(other.start)) / 86_400).rounded()) }
}
