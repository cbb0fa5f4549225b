import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// An email Confidant has to send: to one person, with a subject that names no case and a body
/// that carries at most a link or code meant for that person alone.
public struct OutboxEmail: Sendable, Equatable {
    public let recipient: String
    public let subject: String
    public let body: String

    public init(recipient: String, subject: String, body: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
    }
}

/// An email taken from the outbox for delivery, with the id that becomes its `Message-ID`.
public struct OutboxDelivery: Sendable, Equatable {
    public let id: UUID
    public let email: OutboxEmail
    public let attempts: Int
}

/// What an administrator sees of mail not yet delivered: never the body.
public struct OutboxWaiting: Sendable, Equatable {
    public let recipient: String
    public let subject: String
    public let queuedAt: Date
    public let attempts: Int
    public let lastError: String?
    public let gaveUp: Bool
}

/// The outbox: email written in the same transaction as the change it reports, delivered later by
/// the mail service, and removed once the relay has accepted it.
///
/// Bodies are sealed like narratives, because a set-password link or a one-time code in clear text
/// in the database would let anyone who reads a backup use it.
public struct MailOutbox: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher

    /// Attempts after which a message is no longer retried and waits for an administrator.
    public static let maximumAttempts = 12

    public init(_ database: ConfidantDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// Writes `email` to the outbox in the caller's transaction, so it goes only if the change it reports is kept.
    func queue(_ email: OutboxEmail, now: Date, on db: any Database) async throws {
        let id = UUID()
        let sealed = try cipher.seal(email.body, binding: "outbox:\(id)")
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw(
            """
            INSERT INTO outbox_messages (id, recipient, subject, key_id, sealed_body, queued_at, position, attempts, next_attempt_at, gave_up)
            SELECT \(bind: id), \(bind: email.recipient), \(bind: email.subject), \(bind: sealed.keyID), \(bind: sealed.box),
                   \(bind: now.timeIntervalSince1970), COALESCE(MAX(position), 0) + 1, 0, \(bind: now.timeIntervalSince1970), \(bind: false)
            FROM outbox_messages
            """
        ).run()
    }

    /// Takes up to `limit` messages due for delivery, each leased for `lease` seconds so that no
    /// other instance sends it meanwhile; a lease that runs out (the instance died) frees it again.
    public func claim(now: Date, lease: TimeInterval, limit: Int = 20) async throws -> [OutboxDelivery] {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let time = now.timeIntervalSince1970
        // A read first: most rounds find nothing due, and then nothing is written (on SQLite a write
        // would take the file's one write lock every two seconds).
        let due = try await sql.raw(
            """
            SELECT id FROM outbox_messages WHERE gave_up = \(bind: false) AND next_attempt_at <= \(bind: time)
              AND (claimed_until IS NULL OR claimed_until < \(bind: time)) LIMIT 1
            """
        ).first()
        guard due != nil else { return [] }
        // The conditions stand in the outer WHERE too: PostgreSQL re-checks them on a row another
        // instance claimed meanwhile, so two instances never take the same message.
        let rows = try await sql.raw(
            """
            UPDATE outbox_messages SET claimed_until = \(bind: time + lease)
            WHERE id IN (SELECT id FROM outbox_messages
                         WHERE gave_up = \(bind: false) AND next_attempt_at <= \(bind: time)
                           AND (claimed_until IS NULL OR claimed_until < \(bind: time))
                         ORDER BY position LIMIT \(bind: limit))
              AND gave_up = \(bind: false) AND (claimed_until IS NULL OR claimed_until < \(bind: time))
            RETURNING id, recipient, subject, key_id, sealed_body, attempts
            """
        ).all()
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let sealed = FieldCipher.Sealed(
                keyID: try row.decode(column: "key_id", as: String.self), box: try row.decode(column: "sealed_body", as: String.self))
            return OutboxDelivery(
                id: id,
                email: OutboxEmail(
                    recipient: try row.decode(column: "recipient", as: String.self),
                    subject: try row.decode(column: "subject", as: String.self),
                    body: try cipher.open(String.self, sealed, binding: "outbox:\(id)")),
                attempts: try row.decode(column: "attempts", as: Int.self))
        }
    }

    /// The relay accepted the message: its body is gone for good, and the log says it was sent.
    public func delivered(_ id: UUID, to recipient: String, now: Date) async throws {
        try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            try await sql.raw("DELETE FROM outbox_messages WHERE id = \(bind: id)").run()
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.system, .emailSent, target: "email:\(id.uuidString.lowercased())",
                    ["to": .string(recipient)]), on: db)
        }
    }

    /// Delivery failed: try again later (sooner first, then less often), or never again when the
    /// relay refused it for good or it has failed too often.
    public func failed(_ id: UUID, reason: String, permanent: Bool, now: Date) async throws {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let time = now.timeIntervalSince1970
        try await sql.raw(
            """
            UPDATE outbox_messages SET attempts = attempts + 1, claimed_until = NULL,
              last_error = \(bind: String(reason.prefix(500))),
              next_attempt_at = \(bind: time) + CASE WHEN attempts < 6 THEN 30 * (attempts + 1) * (attempts + 1) ELSE 3600 END,
              gave_up = CASE WHEN \(bind: permanent) OR attempts + 1 >= \(bind: Self.maximumAttempts) THEN \(bind: true) ELSE gave_up END
            WHERE id = \(bind: id)
            """
        ).run()
    }

    /// Mail not yet delivered, oldest first, as an administrator may see it (no bodies).
    public func waiting() async throws -> [OutboxWaiting] {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw(
            """
            SELECT recipient, subject, queued_at, attempts, last_error, gave_up FROM outbox_messages ORDER BY position
            """
        ).all().map { row in
            OutboxWaiting(
                recipient: try row.decode(column: "recipient", as: String.self),
                subject: try row.decode(column: "subject", as: String.self),
                queuedAt: Date(timeIntervalSince1970: try row.decode(column: "queued_at", as: Double.self)),
                attempts: try row.decode(column: "attempts", as: Int.self),
                lastError: try row.decode(column: "last_error", as: String?.self),
                gaveUp: try row.decode(column: "gave_up", as: Bool.self))
        }
    }

    /// Every message not yet delivered, opened, oldest first: for tests and for delivery by hand.
    public func messages() async throws -> [OutboxEmail] {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw("SELECT id, recipient, subject, key_id, sealed_body FROM outbox_messages ORDER BY position")
            .all().map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let sealed = FieldCipher.Sealed(
                    keyID: try row.decode(column: "key_id", as: String.self), box: try row.decode(column: "sealed_body", as: String.self))
                return OutboxEmail(
                    recipient: try row.decode(column: "recipient", as: String.self),
                    subject: try row.decode(column: "subject", as: String.self),
                    body: try cipher.open(String.self, sealed, binding: "outbox:\(id)"))
            }
    }
}
