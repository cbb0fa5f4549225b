import ConfidantCore
import FluentKit
import Foundation
import FluentSQL

/// Counts sign-in attempts in the database, so that every app instance slows the same guesser.
///
/// Each attempt is admitted, or not, by one conditional statement per counter before its password
/// is checked: concurrent requests queue on the counter's row only for that statement, and a burst
/// of a hundred gets exactly the free attempts through. The counters are asked in order, most
/// widely shared first (the account, then the account at this address, then the address), and the
/// first refusal ends the attempt; so a refusal never lengthens a wait that refused it, and the
/// real person, from an address that has not been failing, is not held back by counters a guesser
/// elsewhere filled. No transaction spans the statements: a burst never holds database
/// connections while it waits, so other requests (`/health` among them) carry on.
public struct SignInLimiter: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

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
        /// Refusals since the counter last admitted one; the log records the 1st, 10th, 100th…, so a
        /// burst is in it without a burst of writes.
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

    /// Counts an attempt against `keys` in order until one refuses; nil when all admitted it.
    public func admit(_ keys: [Key], now: Date) async throws -> Refusal? {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        for key in keys where try await sql.raw(Self.admission(key.backoff, key: key.name, now: now)).first() == nil {
            let row = try await sql.raw("""
                UPDATE sign_in_limits SET refused = refused + 1 WHERE id = \(bind: key.name) RETURNING refused, next_allowed_at
                """).first()
            let next = try row?.decode(column: "next_allowed_at", as: Double.self) ?? now.timeIntervalSince1970
            return Refusal(wait: max(1, Int((next - now.timeIntervalSince1970).rounded(.up))),
                           refusals: try row?.decode(column: "refused", as: Int.self) ?? 1)
        }
        return nil
    }

    /// Forgets the attempts of `keys` (after a successful sign-in).
    public func clear(_ keys: [String]) async throws {
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
              last_attempt_at = \(bind: time),
              refused = 0
            WHERE sign_in_limits.next_allowed_at <= \(bind: time)
            RETURNING attempts
            """
    }
}
