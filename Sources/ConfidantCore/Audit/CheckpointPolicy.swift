/// When the next checkpoint is due: every so many events or every so many minutes, whichever comes first.
///
/// docs/audit.md asks for signed checkpoints "every N events or M minutes". The rule is pure:
/// the caller passes the last checkpoint, the current size and the time, and the
/// background signer acts on the answer. Nothing is due while no event has been added,
/// so an idle log does not pile up identical checkpoints.
public struct CheckpointPolicy: Hashable, Sendable {
    /// Sign after at least this many new events (at least 1).
    public var everyEvents: UInt64
    /// Sign once this many milliseconds have passed since the last checkpoint, if any event came in.
    public var everyMilliseconds: Int64

    /// Every 1,000 events or 5 minutes: a rewrite must then hide in at most a few minutes of activity.
    public static let standard = CheckpointPolicy(everyEvents: 1_000, everyMilliseconds: 5 * 60 * 1_000)

    /// Makes a policy; `everyEvents` below 1 is taken as 1.
    public init(everyEvents: UInt64, everyMilliseconds: Int64) {
        self.everyEvents = max(everyEvents, 1)
        self.everyMilliseconds = everyMilliseconds
    }

    /// Whether a checkpoint is due for a log of `size` events at time `now`, given the last checkpoint (nil if none yet).
    public func isDue(last: Checkpoint?, size: UInt64, now: Int64) -> Bool {
        guard let last else { return size > 0 }
        guard size > last.treeSize else { return false }
        if size - last.treeSize >= everyEvents { return true }
        let (elapsed, overflow) = now.subtractingReportingOverflow(last.time)
        return !overflow && elapsed >= everyMilliseconds
    }
}
