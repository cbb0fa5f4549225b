/// A count as a report shows it. Counts from 1 to 4 are shown as "fewer than 5": in a small organisation a count of
/// one or two can point at a child (ICO anonymisation code of practice; NHS small-number suppression).
public struct ReportNumber: Sendable, Equatable {
    public let value: Int

    /// Counts below this, other than zero, are not shown.
    public static let smallest = 5

    public init(_ value: Int) { self.value = value }

    /// Whether the exact count is held back.
    public var isSuppressed: Bool { value > 0 && value < Self.smallest }

    /// "0", "fewer than 5", "12".
    public var text: String { isSuppressed ? "fewer than \(Self.smallest)" : String(value) }

    /// The share `value` is of `total`, as a whole percentage, or nil when either count is small enough to be
    /// worked back from it (or the total is zero).
    public func percent(of total: Int) -> Int? {
        guard total >= Self.smallest, !isSuppressed, total - value == 0 || total - value >= Self.smallest else { return nil }
        return Int((Double(value) * 100 / Double(total)).rounded())
    }

    /// "75%", or "not shown" when the figures are too small to give one.
    public func percentText(of total: Int) -> String {
        percent(of: total).map { "\($0)%" } ?? (total == 0 ? "none" : "not shown (small numbers)")
    }
}
