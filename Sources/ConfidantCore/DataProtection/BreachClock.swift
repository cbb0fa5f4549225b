import Foundation

/// The 72 hours from becoming aware of a personal data breach to deciding whether to tell the ICO (UK GDPR Art. 33(1)):
/// a breach likely to result in a risk to people's rights and freedoms is reported within 72 hours of discovery, and a
/// later report says why it is late. The decision not to report is recorded too (Art. 33(5)).
public struct BreachClock: Sendable, Equatable {
    public static let window: TimeInterval = 72 * 60 * 60

    public let discoveredAt: Date

    public init(discoveredAt: Date) { self.discoveredAt = discoveredAt }

    public var deadline: Date { discoveredAt.addingTimeInterval(Self.window) }

    /// Where the decision stands at `now`, or when it was made.
    public enum Standing: Sendable, Equatable {
        /// Still to decide, with this many seconds left.
        case counting(seconds: Int)
        /// Still to decide, and the 72 hours are over by this many seconds.
        case late(seconds: Int)
        /// Decided, this many seconds after discovery (within the window or not).
        case decided(seconds: Int, inTime: Bool)
    }

    public func standing(now: Date, decidedAt: Date?) -> Standing {
        if let decidedAt {
            let taken = Int(decidedAt.timeIntervalSince(discoveredAt).rounded())
            return .decided(seconds: max(taken, 0), inTime: decidedAt <= deadline)
        }
        let left = Int(deadline.timeIntervalSince(now).rounded(.down))
        return left >= 0 ? .counting(seconds: left) : .late(seconds: -left)
    }

    /// "41 hours 12 minutes", "3 days 2 hours", "under a minute": a span as the register says it.
    public static func spoken(seconds: Int) -> String {
        let minutes = seconds / 60
        let (days, hours, rest) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60)
        func unit(_ value: Int, _ word: String) -> String { "\(value) \(word)\(value == 1 ? "" : "s")" }
        if days >= 2 { return hours > 0 ? "\(unit(days, "day")) \(unit(hours, "hour"))" : unit(days, "day") }
        let totalHours = minutes / 60
        if totalHours > 0 { return rest > 0 ? "\(unit(totalHours, "hour")) \(unit(rest, "minute"))" : unit(totalHours, "hour") }
        return minutes > 0 ? unit(minutes, "minute") : "under a minute"
    }

    /// The register's words for `standing`.
    public static func words(_ standing: Standing) -> String {
        switch standing {
        case .counting(let seconds): "\(spoken(seconds: seconds)) left to decide whether to tell the ICO"
        case .late(let seconds): "The 72 hours ended \(spoken(seconds: seconds)) ago: decide now, and record why it is late"
        case .decided(let seconds, let inTime): "Decided \(spoken(seconds: seconds)) after discovery" + (inTime ? "" : ", after the 72 hours")
        }
    }
}
