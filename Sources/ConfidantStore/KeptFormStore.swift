import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// Words kept across a session that ended while someone wrote: the form they sent after it ended is sealed here, for
/// them alone, and given back once when they have signed in again and open the same form.
public struct KeptFormStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher

    /// How long kept words wait: a working day and night, no longer.
    public static let lifetime: TimeInterval = 24 * 3600

    public init(_ database: ConfidantDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// Keeps `body` (a form's fields as sent) that `user` sent to `path`; a later send to the same form replaces it.
    public func keep(_ body: String, user: UUID, path: String, now: Date) async throws {
        let id = UUID()
        let sealed = try cipher.seal(body, binding: "kept-form:\(id)")
        try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            try await sql.raw(
                "DELETE FROM kept_forms WHERE (user_id = \(bind: user) AND path = \(bind: path)) OR created_at < \(bind: now.addingTimeInterval(-Self.lifetime))"
            ).run()
            try await sql.raw(
                """
                INSERT INTO kept_forms (id, user_id, path, key_id, sealed_body, created_at)
                VALUES (\(bind: id), \(bind: user), \(bind: path), \(bind: sealed.keyID), \(bind: sealed.box), \(bind: now))
                """
            ).run()
        }
    }

    /// The words `user` sent to `path`, once: taking them removes them.
    public func take(user: UUID, path: String, now: Date) async throws -> String? {
        try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            let rows = try await sql.raw(
                """
                DELETE FROM kept_forms WHERE user_id = \(bind: user) AND path = \(bind: path)
                RETURNING id, key_id, sealed_body, created_at
                """
            ).all()
            guard let row = rows.first else { return nil }
            let created = try row.decode(column: "created_at", as: Date.self)
            guard now.timeIntervalSince(created) <= Self.lifetime else { return nil }
            let id = try row.decode(column: "id", as: UUID.self)
            let sealed = FieldCipher.Sealed(
                keyID: try row.decode(column: "key_id", as: String.self), box: try row.decode(column: "sealed_body", as: String.self))
            return try cipher.open(String.self, sealed, binding: "kept-form:\(id)")
        }
    }
}
