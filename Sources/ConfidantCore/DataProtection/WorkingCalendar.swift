import Foundation

/// The days an organisation works, for deadlines counted in working days (telling a person a confidence was broken;
/// confirming a transferred file's receipt): Monday to Friday, less the bank holidays of its nation and the days it
/// says it is closed (a school's holidays, a charity's Christmas closure).
///
/// England and Wales's bank holidays are worked out by their rules (the Banking and Financial Dealings Act 1971 and
/// the royal proclamations that fix them each year), so no list goes out of date; a one-off holiday a proclamation
/// adds (a coronation, a state funeral) is a closed day the organisation names.
public struct WorkingCalendar: Sendable, Equatable {
    public enum BankHolidays: String, Sendable, CaseIterable {
        case englandAndWales = "england-and-wales"
        case none
    }

    public var bankHolidays: BankHolidays
    public var closedDays: Set<CalendarDay>

    public init(bankHolidays: BankHolidays = .englandAndWales, closedDays: Set<CalendarDay> = []) {
        self.bankHolidays = bankHolidays
        self.closedDays = closedDays
    }

    /// Monday to Friday, no holidays: what the deadlines counted before the organisation's calendar was known.
    public static let weekdays = WorkingCalendar(bankHolidays: BankHolidays.none)

    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        let weekday = Self.weekday(of: day)
        guard weekday != 1, weekday != 7, !closedDays.contains(day) else { return false }
        return bankHolidays == .none || !Self.englandAndWales(day.year).contains(day)
    }

    /// `date` moved on by `days` working days, at the same time of day (UTC): a deadline.
    public func adding(workingDays days: Int, to date: Date) -> Date {
        var result = date
        var left = max(days, 0)
        while left > 0 {
            result = result.addingTimeInterval(86_400)
            if isWorkingDay(CalendarDay(containing: result)) { left -= 1 }
        }
        return result
    }

    /// 1 is Sunday, 7 Saturday, as Foundation counts.
    static func weekday(of day: CalendarDay) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.component(.weekday, from: day.start)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDay? {
        CalendarDay(String(format: "%04d-%02d-%02d", year, month, day))
    }

    /// England and Wales's bank holidays of `year`: New Year's Day, Good Friday, Easter Monday, the first and last
    /// Mondays of May, the last Monday of August, Christmas Day and Boxing Day; one that falls at a weekend moves to
    /// the next weekday not already a holiday.
    public static func englandAndWales(_ year: Int) -> Set<CalendarDay> {
        var days: Set<CalendarDay> = []
        func substitute(_ day: CalendarDay?) {
            guard var day else { return }
            while weekday(of: day) == 1 || weekday(of: day) == 7 || days.contains(day) { day = day.adding(days: 1) }
            days.insert(day)
        }
        substitute(Self.day(year, 1, 1))
        if let easter = easterSunday(year) {
            days.insert(easter.adding(days: -2))
            days.insert(easter.adding(days: 1))
        }
        days.insert(firstMonday(year, 5))
        days.insert(lastMonday(year, 5))
        days.insert(lastMonday(year, 8))
        substitute(Self.day(year, 12, 25))
        substitute(Self.day(year, 12, 26))
        return days
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous algorithm, as Meeus gives it).
    static func easterSunday(_ year: Int) -> CalendarDay? {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return Self.day(year, month, day)
    }

    static func firstMonday(_ year: Int, _ month: Int) -> CalendarDay {
        var day = Self.day(year, month, 1) ?? CalendarDay(containing: Date(timeIntervalSince1970: 0))
        while weekday(of: day) != 2 { day = day.adding(days: 1) }
        return day
    }

    static func lastMonday(_ year: Int, _ month: Int) -> CalendarDay {
        let next = month == 12 ? Self.day(year + 1, 1, 1) : Self.day(year, month + 1, 1)
        var day = (next ?? CalendarDay(containing: Date(timeIntervalSince1970: 0))).adding(days: -1)
        while weekday(of: day) != 2 { day = day.adding(days: -1) }
        return day
    }

    /// The closed days as an organisation writes them: YYYY-MM-DD, separated by commas or spaces; or the first word
    /// that is not a day.
    public static func closedDays(_ text: String) -> Result<Set<CalendarDay>, ClosedDayProblem> {
        var days: Set<CalendarDay> = []
        for word in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }) where !word.isEmpty {
            guard let day = CalendarDay(String(word)) else { return .failure(ClosedDayProblem(word: String(word.prefix(40)))) }
            days.insert(day)
        }
        return .success(days)
    }
}

/// A closed day that is not a YYYY-MM-DD day.
public struct ClosedDayProblem: Error, Equatable, Sendable {
    public let word: String

    public init(word: String) { self.word = word }
}
