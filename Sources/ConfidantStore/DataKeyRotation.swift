import FluentKit
import FluentSQL
import Foundation

/// `confidant key rotate`: a new data key, every sealed row re-sealed under it in batches, old keys retired once unused.
///
/// Crash-safe in every step, so a kill at any moment loses nothing and a re-run continues:
/// 1. the new key is appended to the ring file (written atomically) *before* the database
///    records it as current, so no row is ever sealed under a key the file lacks;
/// 2. rows whose `key_id` is not the current key are re-sealed a batch at a time, each batch
///    one transaction (`UPDATE … WHERE key_id = <old>`, so a row sealed meanwhile by a running
///    instance is never overwritten); a re-run only finds the rows still to do;
/// 3. a key no row uses any more is written to `<ring>.retired-<id>` (0600) and only then
///    taken out of the ring, so its bytes exist somewhere until the operator destroys them.
/// Memory stays at one batch of rows whatever the size of the database.
public struct DataKeyRotation: Sendable {
    let database: ConfidantDatabase
    let path: String

    /// A rotation of the ring at `path` for `database`.
    public init(database: ConfidantDatabase, ringPath: String) {
        self.database = database
        self.path = ringPath
    }

    /// What one run did.
    public struct Outcome: Sendable, Equatable {
        /// The key everything is now sealed under.
        public var currentKeyID: String
        /// Whether this run added the key (false when it continued an earlier run).
        public var addedKey: Bool
        /// Rows re-sealed by this run.
        public var resealed: Int
        /// Rows that still need it (non-zero only when stopped early).
        public var remaining: Int
        /// Keys moved out of the ring, with the file each went to.
        public var retired: [(id: String, file: String)]

        public static func == (left: Outcome, right: Outcome) -> Bool {
            (left.currentKeyID, left.addedKey, left.resealed, left.remaining) == (right.currentKeyID, right.addedKey, right.resealed, right.remaining)
                && left.retired.map(\.id) == right.retired.map(\.id)
        }
    }

    /// Adds a key unless an earlier run is unfinished, re-seals in batches of `batchSize`, and retires unused keys.
    ///
    /// `stopAfterBatches` ends the run early, as a kill would (tests use it); `progress` gets
    /// `(done, total)` after each batch.
    public func run(
        batchSize: Int = 1000, stopAfterBatches: Int? = nil, now: Date,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Outcome {
        var ring = try await InstallationKeys.dataKeys(path: path, on: database, now: now, finishingRotation: true)
        var added = false
        if try await count(notUnder: ring.current.id) == 0 {
            ring = ring.addingNewKey()
            try ring.write(to: path)
            try await InstallationKeys.record(ring, on: database, now: now)
            added = true
        }
        let total = try await count(notUnder: ring.current.id)
        var done = 0
        var batches = 0
        let cipher = ring.cipher
        let sql = try InstallationKeys.sqlDatabase(database.database)
        tables: for table in SealedTable.all {
            while true {
                if let stopAfterBatches, batches >= stopAfterBatches { break tables }
                let resealed = try await resealBatch(table, cipher: cipher, limit: batchSize, sql: sql)
                if resealed == 0 { break }
                done += resealed
                batches += 1
                progress(done, total)
            }
        }
        let remaining = try await count(notUnder: ring.current.id)
        var retired: [(id: String, file: String)] = []
        if remaining == 0 {
            // The search index's terms are keyed from the data key: made again under the new one.
            try await RecordStore(database, cipher: cipher).indexPeopleForSearch()
            retired = try await retireUnused(ring)
        }
        return Outcome(currentKeyID: ring.current.id, addedKey: added, resealed: done, remaining: remaining, retired: retired)
    }

    /// Re-seals up to `limit` rows of `table` that are not under the current key, in one transaction.
    func resealBatch(_ table: SealedTable, cipher: FieldCipher, limit: Int, sql: any SQLDatabase) async throws -> Int {
        let current = cipher.currentKeyID
        let columns = table.columns.map(\.column).joined(separator: ", ")
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: table.idColumn) AS id, key_id, \(unsafeRaw: columns) FROM \(unsafeRaw: table.name)
            WHERE key_id IS NOT NULL AND key_id <> \(bind: current) LIMIT \(bind: limit)
            """
        ).all()
        guard !rows.isEmpty else { return 0 }
        var updates: [(id: UUID, oldKey: String, boxes: [String?])] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let oldKey = try row.decode(column: "key_id", as: String.self)
            var boxes: [String?] = []
            for (column, binding) in table.columns {
                guard let box = try row.decode(column: column, as: String?.self) else { boxes.append(nil); continue }
                do {
                    boxes.append(try cipher.reseal(.init(keyID: oldKey, box: box), binding: "\(binding):\(id)").box)
                } catch {
                    throw StoreError.keysRefused("\(table.name) row \(id): \(error) Nothing in this batch was changed.")
                }
            }
            updates.append((id, oldKey, boxes))
        }
        let batch = updates
        try await database.database.transaction { db in
            let sql = try InstallationKeys.sqlDatabase(db)
            for update in batch {
                var assignments: SQLQueryString = "key_id = \(bind: current)"
                for (index, column) in table.columns.enumerated() {
                    assignments.appendInterpolation(unsafeRaw: ", \(column.column) = ")
                    assignments.appendInterpolation(bind: update.boxes[index])
                }
                try await sql.raw(
                    """
                    UPDATE \(unsafeRaw: table.name) SET \(assignments)
                    WHERE \(unsafeRaw: table.idColumn) = \(bind: update.id) AND key_id = \(bind: update.oldKey)
                    """
                ).run()
            }
        }
        return batch.count
    }

    /// Moves every key that no row uses (other than the current one) out of the ring, each into a file of its own.
    func retireUnused(_ ring: DataKeyRing) async throws -> [(id: String, file: String)] {
        let inUse = Set(try await InstallationKeys.sealedKeyIDs(on: database))
        var remaining = ring
        var retired: [(id: String, file: String)] = []
        for key in ring.previous where !inUse.contains(key.id) {
            let file = "\(path).retired-\(key.id)"
            guard let alone = DataKeyRing(keys: [key]) else { continue }
            try alone.write(to: file)
            remaining = remaining.removing(key.id)
            try remaining.write(to: path)
            try await InstallationKeys.retire(key.id, on: database)
            retired.append((key.id, file))
        }
        return retired
    }

    /// Rows with sealed content not under `keyID`.
    func count(notUnder keyID: String) async throws -> Int {
        try await Self.rowsByKey(on: database).filter { $0.key != keyID }.values.reduce(0, +)
    }

    /// How many rows each key id seals, across every sealed table.
    public static func rowsByKey(on database: ConfidantDatabase) async throws -> [String: Int] {
        let sql = try InstallationKeys.sqlDatabase(database.database)
        var counts: [String: Int] = [:]
        for table in SealedTable.all {
            for row in try await sql.raw(
                """
                SELECT key_id, COUNT(*) AS n FROM \(unsafeRaw: table.name) WHERE key_id IS NOT NULL GROUP BY key_id
                """
            ).all() {
                counts[try row.decode(column: "key_id", as: String.self), default: 0] += try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    /// What `key verify` found: values opened, and those that did not open (table, row, why).
    public struct Check: Sendable {
        public var opened = 0
        public var failures: [String] = []
    }

    /// Opens every sealed value with `ring`, a page at a time; reports what does not open.
    public static func verifyAll(_ ring: DataKeyRing, on database: ConfidantDatabase, pageSize: Int = 1000) async throws -> Check {
        let sql = try InstallationKeys.sqlDatabase(database.database)
        let cipher = ring.cipher
        var check = Check()
        for table in SealedTable.all {
            let columns = table.columns.map(\.column).joined(separator: ", ")
            var offset = 0
            while true {
                let rows = try await sql.raw(
                    """
                    SELECT \(unsafeRaw: table.idColumn) AS id, key_id, \(unsafeRaw: columns) FROM \(unsafeRaw: table.name)
                    WHERE key_id IS NOT NULL ORDER BY id LIMIT \(bind: pageSize) OFFSET \(bind: offset)
                    """
                ).all()
                for row in rows {
                    let id = try row.decode(column: "id", as: UUID.self)
                    let keyID = try row.decode(column: "key_id", as: String.self)
                    for (column, binding) in table.columns {
                        guard let box = try row.decode(column: column, as: String?.self) else { continue }
                        do {
                            _ = try cipher.openBytes(.init(keyID: keyID, box: box), binding: "\(binding):\(id)")
                            check.opened += 1
                        } catch {
                            check.failures.append("\(table.name) \(id) \(column): \(error)")
                        }
                    }
                }
                guard rows.count == pageSize else { break }
                offset += pageSize
            }
        }
        return check
    }
}
