import Foundation

/// The times a report keeps of a disposed file's concerns and shares, blurred so that the audit log's exact times
/// cannot pick them out again: each stands at the first instant of its month (a report counts by month), and what
/// happened after it (a triage, a task due or done) or before it (the conversation) moves with it, to the nearest hour.
/// The figures of a month stay as they were; a duration can move by under half an hour.
public struct DisposedFactTimes: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// The first instant of the organisation's month holding `date`.
    public func monthStart(of date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateInterval(of: .month, for: date)?.start ?? date
    }

    /// `date`, which happened relative to `original`, moved to stand relative to `anchor` instead, to the hour.
    public func moved(_ date: Date?, from original: Date, to anchor: Date) -> Date? {
        date.map { anchor.addingTimeInterval(($0.timeIntervalSince(original) / 3600).rounded() * 3600) }
    }
}
