/// How long something took across many cases: the median and the 90th percentile (nearest rank), held back when
/// there are fewer than five durations, for the same reason as small counts.
public struct DurationSummary: Sendable, Equatable {
    /// Seconds, in order.
    public let sorted: [Double]

    public init(_ seconds: [Double]) { sorted = seconds.filter { $0 >= 0 }.sorted() }

    public var count: Int { sorted.count }

    /// Whether there are too few to summarise without pointing at a case.
    public var isSuppressed: Bool { sorted.count < ReportNumber.smallest }

    /// The value at percentile `p` (0–100) by nearest rank: the smallest value with at least p% of values at or below it.
    public func percentile(_ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    public var median: Double? { percentile(50) }
    public var ninetieth: Double? { percentile(90) }

    /// "3 h 20 min", "2 days 4 h", "45 min", "under a minute".
    public static func words(_ seconds: Double) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 1 { return "under a minute" }
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 48 { return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min" }
        let days = hours / 24
        return hours % 24 == 0 ? "\(days) days" : "\(days) days \(hours % 24) h"
    }

    /// The median in words, or why it is not shown.
    public var medianText: String { text(median) }
    /// The 90th percentile in words, or why it is not shown.
    public var ninetiethText: String { text(ninetieth) }

    func text(_ value: Double?) -> String {
        guard let value else { return "no cases" }
        return isSuppressed ? "not shown (fewer than \(ReportNumber.smallest))" : Self.words(value)
    }
}
