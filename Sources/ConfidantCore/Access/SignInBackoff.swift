import Foundation

/// How failed sign-ins slow down the next attempt, per account and per network address.
///
/// A few mistakes cost nothing; after that each failure doubles the wait, up to a cap, so that
/// guessing a password takes years while a person who mistyped waits seconds.
public struct SignInBackoff: Sendable, Equatable {
    /// Failures allowed before any wait.
    public let freeFailures: Int
    /// The longest wait.
    public let maximumWait: TimeInterval
    /// After this long without a failure the count starts again.
    public let forgetAfter: TimeInterval

    public init(freeFailures: Int, maximumWait: TimeInterval = 15 * 60, forgetAfter: TimeInterval = 24 * 60 * 60) {
        self.freeFailures = freeFailures
        self.maximumWait = maximumWait
        self.forgetAfter = forgetAfter
    }

    /// Per account: five tries, then 2 s, 4 s, 8 s … up to 15 minutes.
    public static let account = SignInBackoff(freeFailures: 5)
    /// Per address: more tries, because a whole office may share one address.
    public static let address = SignInBackoff(freeFailures: 20)

    /// Seconds to wait before another attempt is accepted, given the failures so far; zero when none.
    public func wait(failures: Int, lastFailureAt: Date, now: Date) -> TimeInterval {
        let since = now.timeIntervalSince(lastFailureAt)
        guard since < forgetAfter, failures > freeFailures else { return 0 }
        let exponent = min(failures - freeFailures, 20)
        let delay = min(pow(2, Double(exponent)), maximumWait)
        return max(0, delay - since)
    }

    /// The count to carry forward when a new failure comes after a long quiet spell.
    public func failuresSoFar(_ failures: Int, lastFailureAt: Date, now: Date) -> Int {
        now.timeIntervalSince(lastFailureAt) >= forgetAfter ? 0 : failures
    }
}
