import Foundation

/// How sign-in attempts slow down the next one, per account, per address, and per account at one address.
///
/// An attempt is counted *before* its password is checked, so a burst of requests cannot slip
/// past the count while the first ones are still being checked. A few attempts cost nothing;
/// after that each one doubles the wait, up to a cap. The cap for an account as a whole is one
/// minute: a guesser elsewhere then gets one try a minute, and the real person, from an address
/// that has not been failing, is never kept out for longer than that.
public struct SignInBackoff: Sendable, Equatable {
    /// Attempts allowed in a row before any wait.
    public let freeAttempts: Int
    /// The longest wait, in seconds.
    public let maximumWait: Int
    /// After this long without an attempt the count starts again.
    public let forgetAfter: TimeInterval

    public init(freeAttempts: Int, maximumWait: Int, forgetAfter: TimeInterval = 24 * 60 * 60) {
        precondition(freeAttempts >= 1 && maximumWait >= 1, "a backoff allows at least one attempt and waits at least a second")
        self.freeAttempts = freeAttempts
        self.maximumWait = maximumWait
        self.forgetAfter = forgetAfter
    }

    /// One account from everywhere: five tries, then 2 s, 4 s … up to one minute.
    public static let account = SignInBackoff(freeAttempts: 5, maximumWait: 60)
    /// One account from one address: five tries, then 2 s, 4 s … up to 15 minutes.
    public static let accountAtAddress = SignInBackoff(freeAttempts: 5, maximumWait: 15 * 60)
    /// One address, whatever account: more tries, because a whole office may share one address.
    public static let address = SignInBackoff(freeAttempts: 20, maximumWait: 15 * 60)

    /// Seconds before another attempt is accepted after the `attempt`-th in a row (1-based).
    public func delay(afterAttempt attempt: Int) -> Int {
        guard attempt >= freeAttempts else { return 0 }
        let exponent = min(attempt - freeAttempts + 1, 30)
        return min(1 << exponent, maximumWait)
    }

    /// Every attempt number whose delay differs from the cap, with its delay: the table the
    /// database applies in one statement (attempts beyond the table wait `maximumWait`).
    public var steps: [(attempt: Int, delay: Int)] {
        var steps: [(attempt: Int, delay: Int)] = []
        var attempt = 1
        while delay(afterAttempt: attempt) < maximumWait {
            steps.append((attempt, delay(afterAttempt: attempt)))
            attempt += 1
        }
        return steps
    }
}
