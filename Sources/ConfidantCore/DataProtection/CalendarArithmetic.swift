import Foundation

/// The calendar arithmetic the law's time limits are counted in: calendar months and years, weekends and working days,
/// in UTC like every other day Confidant keeps (whole days are `adding(days:)` and `daysSince`, beside the reports).
extension CalendarDay {
    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// The corresponding day `months` calendar months later, or the last day of that month when it is shorter: the
    /// ICO counts a month from 31 January to 28 February (29 in a leap year), and from 15 March to 15 April.
    public func adding(months: Int) -> CalendarDay {
        let total = (year * 12 + (month - 1)) + months
        let (targetYear, targetMonth) = (total / 12, total % 12 + 1)
        let last = Self.days(inMonth: targetMonth, of: targetYear)
        let text = String(format: "%04d-%02d-%02d", targetYear, targetMonth, min(day, last))
        return CalendarDay(text) ?? self
    }

    /// The same day `years` years later; 29 February becomes 28 February in a year that has none.
    public func adding(years: Int) -> CalendarDay { adding(months: years * 12) }

    /// Saturday or Sunday.
    public var isWeekend: Bool {
        let weekday = Self.utcCalendar.component(.weekday, from: start)
        return weekday == 1 || weekday == 7
    }

    /// This day, or the Monday after it when it falls at a weekend: a time limit that ends on a day the organisation
    /// is closed ends on its next working day (ICO). Bank holidays are not known to Confidant.
    public var nextWorkingDay: CalendarDay {
        var day = self
        while day.isWeekend { day = day.adding(days: 1) }
        return day
    }

    /// The day `count` working days (Monday to Friday) after this one.
    public func adding(workingDays count: Int) -> CalendarDay {
        var day = self
        var left = max(count, 0)
        while left > 0 {
            day = day.adding(days: 1)
            if !day.isWeekend { left -= 1 }
        }
        return day
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
