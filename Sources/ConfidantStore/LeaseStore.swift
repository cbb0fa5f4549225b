import FluentKit
import FluentSQL
import Foundation

/// Jobs that exactly one instance does at a time, whichever instances share the database: the holder renews its
/// lease before it ends; when it stops (or is killed), the lease runs out and another instance takes it.
public struct LeaseStore: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// The lease that lets one instance sign the audit log's checkpoints.
    public static let checkpointSigner = "audit-checkpoint-signer"

    /// Takes or renews the lease `name` for `holder` until `now + duration`; true when `holder` now holds it.
    ///
    /// One statement, so that two instances asking at once cannot both win: the row is written only when it is
    /// free, run out, or already this holder's.
    public func hold(_ name: String, as holder: String, for duration: TimeInterval, now: Date) async throws -> Bool {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let until = now.addingTimeInterval(duration)
        let row = try await sql.raw(
            """
            INSERT INTO leases (name, holder, held_until) VALUES (\(bind: name), \(bind: holder), \(bind: until))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, held_until = excluded.held_until
            WHERE leases.holder = excluded.holder OR leases.held_until < \(bind: now)
            RETURNING holder
            """
        ).first()
        return try row?.decode(column: "holder", as: String.self) == holder
    }

    /// Gives the lease up at once (a graceful stop), so that another instance need not wait for it to run out.
    public func release(_ name: String, by holder: String) async throws {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw("DELETE FROM leases WHERE name = \(bind: name) AND holder = \(bind: holder)").run()
    }

    /// Who holds the lease now, if anyone does.
    public func holder(of name: String, now: Date) async throws -> String? {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let row = try await sql.raw("SELECT holder, held_until FROM leases WHERE name = \(bind: name)").first()
        guard let row, try row.decode(column: "held_until", as: Date.self) >= now else { return nil }
        return try row.decode(column: "holder", as: String.self)
    }
}
