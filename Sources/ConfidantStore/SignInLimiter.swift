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

    /// Counts an attempt against `keys` in order until one refuses; nil when all admitted it, else the seconds to wait.
    public func admit(_ keys: [Key], now: Date) async throws -> Int? {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        for key in keys where try await sql.raw(Self.admission(key.backoff, key: key.name, now: now)).first() == nil {
            let row = try await sql.raw("SELECT next_allowed_at FROM sign_in_limits WHERE id = \(bind: key.name)").first()
            let next = try row?.decode(column: "next_allowed_at", as: Double.self) ?? now.timeIntervalSince1970
            return max(1, Int((next - now.timeIntervalSince1970).rounded(.up)))
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
              last_attempt_at = \(bind: time)
            WHERE sign_in_limits.next_allowed_at <= \(bind: time)
            RETURNING attempts
            """
    }
}
