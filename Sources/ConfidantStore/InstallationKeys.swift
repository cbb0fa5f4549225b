import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// The start-up check that keeps keys and database together: every command that seals, opens or signs calls it first.
///
/// The database records the fingerprints of its keys at first run (`installation_keys`). After
/// that, a missing key file, or one holding other keys, stops Confidant with one line naming the
/// ids, instead of creating a new key that would lock every older record away (docs/security.md,
/// "Keys"). Several instances on one PostgreSQL check against the same rows, so an instance with
/// other keys refuses to start. A key is only created for a database that has nothing sealed and
/// no signed checkpoint; only the fingerprints are stored, never a key.
public enum InstallationKeys {
    /// A key as the database records it.
    public struct Recorded: Sendable, Equatable {
        public let kind: String
        public let id: String
        public let state: String
        public let verifierKey: String?
        public let fromSize: Int64?
        public let toSize: Int64?
    }

    /// What `prepare` found or made.
    public struct Prepared: Sendable {
        public let ring: DataKeyRing
        public let auditKey: AuditSigningKey
        /// One line per key file created (empty unless this was a first run).
        public let created: [String]
    }

    /// Checks (and on a first run creates and records) both keys; `serve` calls it before anything else.
    public static func prepare(dataKeyPath: String, auditKeyPath: String, on database: ConfidantDatabase, now: Date) async throws -> Prepared {
        var created: [String] = []
        let ring = try await dataKeys(path: dataKeyPath, on: database, now: now, created: &created)
        let auditKey = try await auditSigningKey(path: auditKeyPath, on: database, now: now, created: &created)
        return Prepared(ring: ring, auditKey: auditKey, created: created)
    }

    // MARK: Data keys

    /// The data-key ring at `path`, checked against the database; created only for a database with nothing sealed.
    ///
    /// `finishingRotation` lets `key rotate` record a newer key that an interrupted rotation wrote
    /// to the file but not yet to the database; `serve` refuses that state and says to finish it.
    public static func dataKeys(
        path: String, on database: ConfidantDatabase, now: Date, finishingRotation: Bool = false
    ) async throws -> DataKeyRing {
        var created: [String] = []
        return try await dataKeys(path: path, on: database, now: now, created: &created, finishingRotation: finishingRotation)
    }

    static func dataKeys(
        path: String, on database: ConfidantDatabase, now: Date, created: inout [String], finishingRotation: Bool = false
    ) async throws -> DataKeyRing {
        let recorded = try await self.recorded(kind: "data", on: database)
        let current = recorded.first { $0.state == "current" }
        guard DataKeyRing.exists(path: path) else {
            var sealedWith = current?.id
            if sealedWith == nil { sealedWith = try await sealedKeyIDs(on: database).first }
            if let sealedWith {
                throw StoreError.keysRefused(
                    "\(path) is missing; this database's records were sealed with key \(sealedWith). Restore the key file from your backup; Confidant will not create a new key for a database that has data."
                )
            }
            let ring = try DataKeyRing.create(path: path)
            try await record(ring, on: database, now: now)
            created.append(
                "Created the data-encryption key \(ring.current.id) in \(path) (mode 0600); keep a backup of it apart from the database's.")
            return ring
        }
        let ring = try DataKeyRing.load(path: path)
        if let current {
            if ring.current.id != current.id {
                guard ring.key(current.id) != nil else {
                    throw StoreError.keysRefused(
                        "\(path) holds key \(ring.current.id), but this database's records are sealed with key \(current.id). Use the key file that belongs to this database (restore it from your backup); Confidant will not start with a different key."
                    )
                }
                guard finishingRotation else {
                    throw StoreError.keysRefused(
                        "\(path) holds a newer key \(ring.current.id) that this database has not recorded (its current key is \(current.id)): a `confidant key rotate` was interrupted. Run `confidant key rotate` again to finish it."
                    )
                }
                try await record(ring, on: database, now: now)
            }
            let missing = recorded.filter { $0.state != "retired" && ring.key($0.id) == nil }.map(\.id)
            if !missing.isEmpty {
                throw StoreError.keysRefused(
                    "\(path) lacks key \(missing.joined(separator: ", ")), which this database still uses. Restore the key file from your backup (or the matching .retired-<id> file's line)."
                )
            }
            return ring
        }
        // A database from before fingerprints were recorded: adopt the file's keys only when they open its data.
        try await checkOpensSealedRows(ring, path: path, on: database)
        try await record(ring, on: database, now: now)
        return ring
    }

    /// Every distinct key id that sealed rows use, across the sealed tables.
    static func sealedKeyIDs(on database: ConfidantDatabase) async throws -> [String] {
        let sql = try sqlDatabase(database.database)
        var ids: [String] = []
        for table in SealedTable.all {
            for row in try await sql.raw("SELECT DISTINCT key_id FROM \(unsafeRaw: table.name) WHERE key_id IS NOT NULL").all() {
                let id = try row.decode(column: "key_id", as: String.self)
                if !ids.contains(id) { ids.append(id) }
            }
        }
        return ids
    }

    /// Opens one sealed row per table and key id with `ring`; refuses the ring when any does not open.
    static func checkOpensSealedRows(_ ring: DataKeyRing, path: String, on database: ConfidantDatabase) async throws {
        let sql = try sqlDatabase(database.database)
        let cipher = ring.cipher
        for table in SealedTable.all {
            let column = table.columns[0].column
            let ids = try await sql.raw(
                "SELECT DISTINCT key_id FROM \(unsafeRaw: table.name) WHERE key_id IS NOT NULL AND \(unsafeRaw: column) IS NOT NULL"
            ).all()
                .map { try $0.decode(column: "key_id", as: String.self) }
            for keyID in ids {
                guard
                    let row = try await sql.raw(
                        """
                        SELECT \(unsafeRaw: table.idColumn) AS id, \(unsafeRaw: column) AS box FROM \(unsafeRaw: table.name)
                        WHERE key_id = \(bind: keyID) AND \(unsafeRaw: column) IS NOT NULL LIMIT 1
                        """
                    ).first()
                else { continue }
                let id = try row.decode(column: "id", as: UUID.self)
                let sealed = FieldCipher.Sealed(keyID: keyID, box: try row.decode(column: "box", as: String.self))
                do {
                    _ = try cipher.openBytes(sealed, binding: "\(table.columns[0].binding):\(id)")
                } catch {
                    throw StoreError.keysRefused(
                        "\(path) holds key \(ring.ids.joined(separator: ", ")), but this database's records are sealed with key \(keyID), which it does not open. Use the key file that belongs to this database (restore it from your backup); Confidant will not start with a different key."
                    )
                }
            }
        }
    }

    /// Records the ring: its last key current, the others previous; keys already recorded keep their rows.
    ///
    /// Under a table lock on PostgreSQL, so two instances starting at once on an empty database
    /// cannot both record a different first key: the second finds the first's and refuses.
    static func record(_ ring: DataKeyRing, on database: ConfidantDatabase, now: Date) async throws {
        try await database.database.transaction { db in
            let sql = try sqlDatabase(db)
            try await lock(sql)
            let existing = try await recorded(kind: "data", on: sql)
            if let current = existing.first(where: { $0.state == "current" }), ring.key(current.id) == nil {
                throw StoreError.keysRefused(
                    "This database's records are sealed with key \(current.id), but the key file holds \(ring.ids.joined(separator: ", ")). Use the key file that belongs to this database; Confidant will not start with a different key."
                )
            }
            for key in ring.keys {
                let state = key.id == ring.current.id ? "current" : "previous"
                if existing.contains(where: { $0.id == key.id }) {
                    try await sql.raw("UPDATE installation_keys SET state = \(bind: state) WHERE kind = 'data' AND key_id = \(bind: key.id)").run()
                } else {
                    try await sql.raw(
                        """
                        INSERT INTO installation_keys (kind, key_id, state, recorded_at)
                        VALUES ('data', \(bind: key.id), \(bind: state), \(bind: milliseconds(now)))
                        """
                    ).run()
                }
            }
        }
    }

    /// Marks a data key retired: no row is sealed under it and it has left the ring.
    static func retire(_ id: String, on database: ConfidantDatabase) async throws {
        let sql = try sqlDatabase(database.database)
        try await sql.raw("UPDATE installation_keys SET state = 'retired' WHERE kind = 'data' AND key_id = \(bind: id)").run()
    }

    // MARK: The audit signing key

    /// The audit signing key at `path`, checked against the database; created only for a log with no signed checkpoint.
    public static func auditSigningKey(path: String, on database: ConfidantDatabase, now: Date) async throws -> AuditSigningKey {
        var created: [String] = []
        return try await auditSigningKey(path: path, on: database, now: now, created: &created)
    }

    static func auditSigningKey(path: String, on database: ConfidantDatabase, now: Date, created: inout [String]) async throws -> AuditSigningKey {
        let current = try await recorded(kind: "audit", on: database).first { $0.state == "current" }
        let checkpoints = try await AuditLogStore(database).checkpoints()
        guard FileManager.default.fileExists(atPath: path) else {
            if let signer = current.map({ "\($0.verifierKey ?? $0.id)" }) ?? checkpoints.last.map({ "\($0.keyName) \(hex($0.keyID))" }) {
                throw StoreError.keysRefused(
                    "\(path) is missing; this database's audit checkpoints are signed with key \(signer). Restore the key file from your backup; Confidant will not create a new signing key for a log that has signed checkpoints."
                )
            }
            var generator = SystemRandomNumberGenerator()
            let key: AuditSigningKey
            do {
                key = try AuditSigningKey.generate(using: &generator)
            } catch {
                throw StoreError.keyFileInvalid(path, "a new signing key could not be made: \(error)")
            }
            try KeyFileWriter.writeAtomically(key.keyFileText, to: path)
            try await recordAudit(key, fromSize: 0, on: database, now: now)
            created.append(
                "Created the audit signing key \(key.verifierKey.keyIDHex) in \(path) (mode 0600); keep it apart from the database and its backups.")
            return key
        }
        let key = try AuditKeyFile.load(path: path)
        if let current {
            guard current.id == key.verifierKey.keyIDHex else {
                throw StoreError.keysRefused(
                    "\(path) holds audit signing key \(key.verifierKey.keyIDHex), but this database's checkpoints are signed with key \(current.id). Use the key file that belongs to this database (restore it from your backup); Confidant will not start with a different signing key."
                )
            }
            return key
        }
        // A log from before fingerprints were recorded: adopt the key only when it signed the latest checkpoint.
        if let last = checkpoints.last, !last.isValid(for: key.verifierKey) {
            throw StoreError.keysRefused(
                "\(path) holds audit signing key \(key.verifierKey.keyIDHex), but this database's checkpoints are signed with key \(last.keyName) \(hex(last.keyID)). Use the key file that belongs to this database; Confidant will not start with a different signing key."
            )
        }
        try await recordAudit(key, fromSize: 0, on: database, now: now)
        return key
    }

    /// Records `key` as the current audit signing key (under the same lock as data keys).
    static func recordAudit(_ key: AuditSigningKey, fromSize: Int64, on database: ConfidantDatabase, now: Date) async throws {
        try await database.database.transaction { db in
            let sql = try sqlDatabase(db)
            try await lock(sql)
            try await recordAudit(key, fromSize: fromSize, on: sql, now: now)
        }
    }

    static func recordAudit(_ key: AuditSigningKey, fromSize: Int64, on sql: any SQLDatabase, now: Date) async throws {
        let existing = try await recorded(kind: "audit", on: sql)
        if let current = existing.first(where: { $0.state == "current" }) {
            guard current.id == key.verifierKey.keyIDHex else {
                throw StoreError.keysRefused(
                    "This database's checkpoints are signed with audit key \(current.id), but the key file holds \(key.verifierKey.keyIDHex). Use the key file that belongs to this database; Confidant will not start with a different signing key."
                )
            }
            return
        }
        try await sql.raw(
            """
            INSERT INTO installation_keys (kind, key_id, state, verifier_key, from_size, recorded_at)
            VALUES ('audit', \(bind: key.verifierKey.keyIDHex), 'current', \(bind: key.verifierKey.text), \(bind: fromSize), \(bind: milliseconds(now)))
            """
        ).run()
    }

    // MARK: Reading

    /// Every key the database records, data keys first, in the order recorded.
    public static func recorded(on database: ConfidantDatabase) async throws -> [Recorded] {
        try await recorded(kind: "data", on: database) + recorded(kind: "audit", on: database)
    }

    static func recorded(kind: String, on database: ConfidantDatabase) async throws -> [Recorded] {
        try await recorded(kind: kind, on: try sqlDatabase(database.database))
    }

    static func recorded(kind: String, on sql: any SQLDatabase) async throws -> [Recorded] {
        try await sql.raw(
            """
            SELECT kind, key_id, state, verifier_key, from_size, to_size FROM installation_keys
            WHERE kind = \(bind: kind) ORDER BY recorded_at, key_id
            """
        ).all().map { row in
            Recorded(
                kind: try row.decode(column: "kind", as: String.self), id: try row.decode(column: "key_id", as: String.self),
                state: try row.decode(column: "state", as: String.self),
                verifierKey: try row.decode(column: "verifier_key", as: String?.self),
                fromSize: try row.decode(column: "from_size", as: Int64?.self), toSize: try row.decode(column: "to_size", as: Int64?.self))
        }
    }

    static func lock(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("LOCK TABLE installation_keys IN SHARE ROW EXCLUSIVE MODE").run()
        }
    }

    static func sqlDatabase(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        return sql
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
