import ConfidantCore
import FluentKit
import FluentSQL
import Foundation
import Synchronization

/// Counts sign-in attempts in the database, so that every app instance slows the same guesser.
///
/// Each attempt is admitted, or not, by one conditional statement per counter *before* its password
/// is checked: concurrent requests queue on the counter's row only for that statement, and a burst
/// of a hundred gets exactly the free attempts through. No transaction spans the statements, so a
/// burst never holds database connections while it waits and other requests carry on; a refusal
/// is decided by a read and writes nothing, so it never lengthens the wait that refused it.
public struct SignInLimiter: Sendable {
    let database: ConfidantDatabase
    let refusals: RefusalCounter

    public init(_ database: ConfidantDatabase) {
        self.database = database
        self.refusals = RefusalCounter()
    }

    /// One counter an attempt is admitted by.
    public struct Key: Sendable {
        public let name: String
        public let backoff: SignInBackoff

        public init(_ name: String, _ backoff: SignInBackoff) {
            self.name = name
            self.backoff = backoff
        }
    }

    /// An attempt that was not admitted: how long to wait, and how many were refused in a row.
    public struct Refusal: Sendable, Equatable {
        public let wait: Int
        /// Refusals since the counter last admitted one (counted by this instance); the log records
        /// the 1st, 10th, 100th…, so a burst is in it without a burst of writes.
        public let refusals: Int

        public init(wait: Int, refusals: Int) {
            self.wait = wait
            self.refusals = refusals
        }

        public var isWorthLogging: Bool {
            var n = refusals
            while n > 1, n % 10 == 0 { n /= 10 }
            return n == 1
        }
    }

    /// Counts a sign-in attempt for one account from one address.
    ///
    /// The account as a whole is held back only for addresses that have already failed at it: a
    /// guesser elsewhere, however often they try, never keeps the real person out when they sign in
    /// from an address of their own. A guesser is held by the account at their address, the account
    /// everywhere once they have failed, and their address whatever the account.
    public func admitSignIn(accountAtAddress: Key, account: Key, address: Key, now: Date) async throws -> Refusal? {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let pair = try await attempt(accountAtAddress, now: now, on: sql)
        guard case .admitted(let attempts) = pair else { return refusal(pair, accountAtAddress) }
        if attempts > 1 {
            let whole = try await attempt(account, now: now, on: sql)
            if case .refused = whole { return refusal(whole, account) }
        }
        let place = try await attempt(address, now: now, on: sql)
        if case .refused = place { return refusal(place, address) }
        return nil
    }

    /// Counts an attempt against `keys` in order until one refuses; nil when all admitted it.
    public func admit(_ keys: [Key], now: Date) async throws -> Refusal? {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        for key in keys {
            let outcome = try await attempt(key, now: now, on: sql)
            if case .refused = outcome { return refusal(outcome, key) }
        }
        return nil
    }

    enum Outcome {
        case admitted(attempts: Int)
        case refused(wait: Int)
    }

    /// One counter's decision: a read refuses while the wait lasts; otherwise the conditional upsert
    /// counts the attempt, and only one of any number racing for the last free attempt gets it.
    func attempt(_ key: Key, now: Date, on sql: any SQLDatabase) async throws -> Outcome {
        let time = now.timeIntervalSince1970
        if let row = try await sql.raw("SELECT next_allowed_at FROM sign_in_limits WHERE id = \(bind: key.name)").first(),
            let next = try? row.decode(column: "next_allowed_at", as: Double.self), next > time
        {
            return .refused(wait: max(1, Int((next - time).rounded(.up))))
        }
        if let row = try await sql.raw(Self.admission(key.backoff, key: key.name, now: now)).first() {
            refusals.reset(key.name)
            return .admitted(attempts: try row.decode(column: "attempts", as: Int.self))
        }
        let row = try await sql.raw("SELECT next_allowed_at FROM sign_in_limits WHERE id = \(bind: key.name)").first()
        let next = try row?.decode(column: "next_allowed_at", as: Double.self) ?? time + 1
        return .refused(wait: max(1, Int((next - time).rounded(.up))))
    }

    func refusal(_ outcome: Outcome, _ key: Key) -> Refusal? {
        guard case .refused(let wait) = outcome else { return nil }
        return Refusal(wait: wait, refusals: refusals.count(key.name))
    }

    /// Forgets the attempts of `keys` (after a successful sign-in).
    public func clear(_ keys: [String]) async throws {
        for key in keys { refusals.reset(key) }
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        for key in keys {
            try await sql.raw("DELETE FROM sign_in_limits WHERE id = \(bind: key)").run()
        }
    }

    /// The upsert that counts one attempt when the key's wait is over and returns a row only then.
    static func admission(_ backoff: SignInBackoff, key: String, now: Date) -> SQLQueryString {
        let time = now.timeIntervalSince1970
        let forgetBefore = time - backoff.forgetAfter
        var delay: SQLQueryString = "CASE"
        for step in backoff.steps {
            delay = delay + " WHEN sign_in_limits.attempts + 1 = \(bind: step.attempt) THEN \(bind: Double(step.delay))"
        }
        delay = delay + " ELSE \(bind: Double(backoff.maximumWait)) END"
        let first = Double(backoff.delay(afterAttempt: 1))
        return """
            INSERT INTO sign_in_limits (id, attempts, last_attempt_at, next_allowed_at)
            VALUES (\(bind: key), 1, \(bind: time), \(bind: time + first))
            ON CONFLICT (id) DO UPDATE SET
              attempts = CASE WHEN sign_in_limits.last_attempt_at < \(bind: forgetBefore) THEN 1 ELSE sign_in_limits.attempts + 1 END,
              next_allowed_at = \(bind: time) + CASE WHEN sign_in_limits.last_attempt_at < \(bind: forgetBefore) THEN \(bind: first) ELSE 
            """ + delay + """
                 END,
                  last_attempt_at = \(bind: time)
                WHERE sign_in_limits.next_allowed_at <= \(bind: time)
                RETURNING attempts
                """
    }
}

/// Refusals in a row per counter, kept by this instance only: they decide which refusals are worth
/// a line in the audit log, where a count shared between instances would cost a write per refusal.
final class RefusalCounter: Sendable {
    let counts = Mutex<[String: Int]>([:])

    /// Counts one refusal of `key` and returns how many in a row.
    func count(_ key: String) -> Int {
        counts.withLock { counts in
            if counts.count > 10_000 { counts.removeAll() }
            counts[key, default: 0] += 1
            return counts[key] ?? 1
        }
    }

    func reset(_ key: String) {
        _ = counts.withLock { $0.removeValue(forKey: key) }
    }
}
