import Foundation

/// When a subject access request must be answered (UK GDPR Art. 12(3); the ICO's guidance on the right of access).
///
/// One calendar month from the day of receipt, to the corresponding day of the next month or that month's last day
/// when it is shorter. The organisation may extend it by up to two further months when the request is complex or one
/// of several, if it tells the requester, with the reason, within the first month. While it waits for proof of
/// identity or for a clarification it needs, the clock stops, and the limit moves on by the days it was stopped. A
/// limit that ends at a weekend ends on the next working day.
public struct SubjectAccessClock: Sendable, Equatable {
    /// A span in which the clock stood still: from the day the organisation asked, to the day it had its answer.
    public struct Stop: Sendable, Equatable {
        public let asked: CalendarDay
        /// Nil while the answer is still awaited: the limit keeps moving with each day.
        public let answered: CalendarDay?

        public init(asked: CalendarDay, answered: CalendarDay? = nil) {
            self.asked = asked
            self.answered = answered
        }
    }

    public let receivedOn: CalendarDay
    public let stops: [Stop]
    /// Further months the limit was extended by: 0, 1 or 2.
    public let extensionMonths: Int

    public init(receivedOn: CalendarDay, stops: [Stop] = [], extensionMonths: Int = 0) {
        self.receivedOn = receivedOn
        self.stops = stops
        self.extensionMonths = min(max(extensionMonths, 0), Self.longestExtension)
    }

    /// The most the limit may be extended by, in months.
    public static let longestExtension = 2

    /// Days the clock has stood still by `today`.
    public func daysStopped(today: CalendarDay) -> Int {
        stops.reduce(0) { total, stop in
            let end = stop.answered ?? today
            return total + max(end.daysSince(stop.asked), 0)
        }
    }

    /// Whether the clock is stopped on `today`: an answer is awaited.
    public func isStopped(today: CalendarDay) -> Bool { stops.contains { $0.answered == nil && $0.asked <= today } }

    /// The day the response is due, as things stand on `today`.
    public func dueOn(today: CalendarDay) -> CalendarDay {
        receivedOn.adding(months: 1 + extensionMonths).adding(days: daysStopped(today: today)).nextWorkingDay
    }

    /// The last day on which the requester can be told of an extension: within the first month (stops included).
    public func lastDayToExtend(today: CalendarDay) -> CalendarDay {
        receivedOn.adding(months: 1).adding(days: daysStopped(today: today)).nextWorkingDay
    }

    /// Where the request stands on `today`.
    public enum Standing: Sendable, Equatable {
        /// Waiting for the requester: identity or a clarification.
        case stopped
        /// Due in this many days (0: today).
        case due(days: Int)
        case overdue(days: Int)
    }

    public func standing(today: CalendarDay) -> Standing {
        if isStopped(today: today) { return .stopped }
        let left = dueOn(today: today).daysSince(today)
        return left >= 0 ? .due(days: left) : .overdue(days: -left)
    }
}
