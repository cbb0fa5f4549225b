import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// The audit log in the database: appended in the same transaction as the change it records, never changed.
public struct AuditLogStore: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// Appends one event on its own (for events with no other change, such as a read or a failed sign-in),
    /// committed together with whatever other requests' events are waiting (`AuditGroupCommit`).
    @discardableResult
    public func append(_ entry: AuditEntry) async throws -> AuditEvent {
        try await database.auditGroupCommit.append(entry)
    }

    /// Appends one event inside the caller's transaction, so that the change and its record commit together.
    @discardableResult
    static func append(_ entry: AuditEntry, on db: any Database) async throws -> AuditEvent {
        guard let event = try await append([entry], on: db).first else {
            throw StoreError.unreadableRow("the audit log appended nothing")
        }
        return event
    }

    /// Appends events in order inside the caller's transaction: the head is read and written once, the events
    /// inserted in one statement.
    ///
    /// On PostgreSQL the head row is locked first, so concurrent appends from several app instances
    /// take their turn; on SQLite every write already runs on one connection.
    static func append(_ entries: [AuditEntry], on db: any Database) async throws -> [AuditEvent] {
        guard !entries.isEmpty else { return [] }
        // Plain SQL through SQLKit: an append is on every request's path, and Fluent's model
        // machinery cost more than the three statements themselves.
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let row = try await sql.raw("SELECT size, last_hash, frontier FROM audit_head WHERE id = 1\(unsafeRaw: lock)").first()
        else { throw StoreError.unreadableRow("the audit log has no head row") }
        var appender = try Self.appender(
            size: try row.decode(column: "size", as: Int64.self), lastHash: try row.decode(column: "last_hash", as: String.self),
            frontier: try row.decode(column: "frontier", as: String.self))
        let events = try entries.map { try appender.append($0) }
        let rows: [SQLQueryString] = events.map { event in
            """
            (\(bind: Int64(event.sequence)), \(bind: event.time), \(bind: event.actor), \(bind: event.action.rawValue),
             \(bind: event.target), \(bind: event.detail), \(bind: event.previousHash.hex), \(bind: event.hash.hex))
            """
        }
        let insert: SQLQueryString = "INSERT INTO audit_events (seq, time, actor, action, target, detail, previous_hash, hash) VALUES "
        try await sql.raw(insert + rows.joined(separator: ", ")).run()
        try await sql.raw(
            """
            UPDATE audit_head SET size = \(bind: Int64(clamping: appender.size)), last_hash = \(bind: appender.lastHash.hex),
                frontier = \(bind: appender.frontier.hashes.map(\.hex).joined(separator: ",")) WHERE id = 1
            """
        ).run()
        return events
    }

    static func appender(from head: AuditHeadModel) throws -> AuditAppender {
        try appender(size: head.size, lastHash: head.lastHash, frontier: head.frontier)
    }

    static func appender(size: Int64, lastHash: String, frontier: String) throws -> AuditAppender {
        guard size > 0 else { return AuditAppender() }
        let hashes = frontier.split(separator: ",").compactMap { AuditHash(hex: String($0)) }
        let resumed = try MerkleFrontier(size: UInt64(size), hashes: hashes)
        guard let last = AuditHash(hex: lastHash) else {
            throw StoreError.unreadableRow("the audit head's last hash is not a hash")
        }
        return try AuditAppender(resuming: resumed, lastHash: last)
    }

    /// The size and tree head as the head row records them.
    public func head() async throws -> (size: UInt64, treeHead: AuditHash) {
        guard let head = try await AuditHeadModel.find(AuditHeadModel.onlyRow, on: database.database) else {
            return (0, MerkleTree.emptyRoot)
        }
        let appender = try Self.appender(from: head)
        return (appender.size, appender.treeHead)
    }

    /// Events with sequence numbers from `first`, at most `limit`, in order: for streaming verification and export.
    public func events(from first: UInt64, limit: Int) async throws -> [AuditEvent] {
        try await AuditEventModel.query(on: database.database)
            .filter(\.$id >= Int64(clamping: first)).sort(\.$id).limit(limit).all().map(\.event)
    }

    /// Calls `body` with every event in order, a page at a time, so memory stays flat however long the log.
    public func forEachEvent(pageSize: Int = 10_000, _ body: (AuditEvent) throws -> Bool) async throws {
        guard let sql = database.database as? any SQLDatabase else { return }
        var next: Int64 = 0
        while true {
            let rows = try await sql.raw(
                """
                SELECT seq, time, actor, action, target, detail, previous_hash, hash FROM audit_events
                WHERE seq >= \(bind: next) ORDER BY seq LIMIT \(bind: pageSize)
                """
            ).all()
            for row in rows {
                let event = AuditEvent(
                    sequence: UInt64(clamping: try row.decode(column: "seq", as: Int64.self)),
                    time: try row.decode(column: "time", as: Int64.self), actor: try row.decode(column: "actor", as: String.self),
                    action: AuditAction(rawValue: try row.decode(column: "action", as: String.self)),
                    target: try row.decode(column: "target", as: String.self), detail: try row.decode(column: "detail", as: String.self),
                    previousHash: AuditHash(hex: try row.decode(column: "previous_hash", as: String.self)) ?? .zero,
                    hash: AuditHash(hex: try row.decode(column: "hash", as: String.self)) ?? .zero)
                if try !body(event) { return }
                next = Int64(clamping: event.sequence) + 1
            }
            guard rows.count == pageSize else { return }
        }
    }

    /// Every signed checkpoint, by tree size. A checkpoint that cannot be read is reported, not skipped.
    public func checkpoints() async throws -> [SignedCheckpoint] {
        try await AuditCheckpointModel.query(on: database.database).sort(\.$id).all().map { model in
            do {
                return try SignedCheckpoint(text: model.note)
            } catch {
                throw StoreError.unreadableRow("the checkpoint at size \(model.id ?? 0) cannot be read: \(error)")
            }
        }
    }

    /// Signs the current head with `key` and stores the checkpoint, when `policy` says one is due (or `force`).
    ///
    /// Refuses when the database records another current signing key (the key was rotated while
    /// this instance ran): a checkpoint signed by a superseded key after its rotation would look
    /// forged. The check and the insert run in one transaction holding the head row, as a rotation does.
    @discardableResult
    public func checkpoint(
        key: AuditSigningKey, policy: CheckpointPolicy, now: Int64, force: Bool = false, signer: String? = nil
    ) async throws -> SignedCheckpoint? {
        try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            let (size, treeHead) = try await Self.lockedHead(sql)
            if let current = try await InstallationKeys.recorded(kind: "audit", on: sql).first(where: { $0.state == "current" }),
                current.id != key.verifierKey.keyIDHex
            {
                throw StoreError.keysRefused(
                    "The audit signing key was rotated to \(current.id); this process holds \(key.verifierKey.keyIDHex) and signs nothing more. Restart it with the new key file."
                )
            }
            // An unreadable last checkpoint stops signing rather than being skipped: signing over it would hide it.
            let last = try await AuditCheckpointModel.query(on: db).sort(\.$id, .descending).first().map { model in
                do { return try SignedCheckpoint(text: model.note).checkpoint } catch {
                    throw StoreError.unreadableRow("the checkpoint at size \(model.id ?? 0) cannot be read: \(error)")
                }
            }
            guard size > 0, force ? size > (last?.treeSize ?? 0) : policy.isDue(last: last, size: size, now: now) else {
                return nil
            }
            let signed = try key.sign(try Checkpoint(treeSize: size, rootHash: treeHead, time: now))
            try await AuditCheckpointModel(signed, signer: signer).create(on: db)
            return signed
        }
    }

    /// Which instance signed each checkpoint, by tree size (nil where not recorded).
    public func checkpointSigners() async throws -> [(treeSize: UInt64, signer: String?)] {
        try await AuditCheckpointModel.query(on: database.database).sort(\.$id).all().map {
            (UInt64(clamping: try $0.requireID()), $0.signer)
        }
    }

    /// The head inside a transaction, locked on PostgreSQL so that no append or checkpoint runs meanwhile.
    static func lockedHead(_ sql: any SQLDatabase) async throws -> (size: UInt64, treeHead: AuditHash) {
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let row = try await sql.raw("SELECT size, last_hash, frontier FROM audit_head WHERE id = 1\(unsafeRaw: lock)").first()
        else { return (0, MerkleTree.emptyRoot) }
        let appender = try appender(
            size: try row.decode(column: "size", as: Int64.self), lastHash: try row.decode(column: "last_hash", as: String.self),
            frontier: try row.decode(column: "frontier", as: String.self))
        return (appender.size, appender.treeHead)
    }

    /// Events matching every filter given, newest first; for the auditors' search page. `before` reads the page
    /// after one that ended at that sequence number (keyset paging: a page does not shift as new events arrive).
    public func search(
        actor: String? = nil, action: String? = nil, target: String? = nil, targets: [String]? = nil, from: Int64? = nil,
        to: Int64? = nil, before: UInt64? = nil, limit: Int = 200
    ) async throws -> [AuditEvent] {
        var query = AuditEventModel.query(on: database.database)
        if let targets { query = query.filter(\.$target ~~ targets) }
        if let before { query = query.filter(\.$id < Int64(clamping: before)) }
        if let actor { query = query.filter(\.$actor == actor) }
        if let action { query = query.filter(\.$action == action) }
        if let target { query = query.filter(\.$target == target) }
        if let from { query = query.filter(\.$time >= from) }
        if let to { query = query.filter(\.$time <= to) }
        return try await query.sort(\.$id, .descending).limit(limit).all().map(\.event)
    }

    /// Everyone who has read or acted on `target`, with when: "who has seen this record".
    public func viewers(of target: String) async throws -> [AuditViewer] {
        try await viewers(ofAny: [target])
    }

    /// Everyone who has read or acted on any of `targets` (a record and those made from it), each event once.
    public func viewers(ofAny targets: [String]) async throws -> [AuditViewer] {
        guard !targets.isEmpty else { return [] }
        // A search or a list names its records in the detail; the canonical JSON quotes each one.
        let events = try await AuditEventModel.query(on: database.database)
            .group(.or) { group in
                group.filter(\.$target ~~ targets)
                for target in targets { group.filter(\.$detail ~~ "\"\(target)\"") }
            }
            .sort(\.$id).all()
        return AuditViewer.viewers(ofAny: Set(targets), in: events.map(\.event))
    }
}

extension AuditLogStore {
    /// Checks the whole log: every hash, the sequence, every signed checkpoint, and the head row.
    ///
    /// Events stream through the Core verifier a page at a time. After the last event, the size the
    /// head row records must match: a log cut short after its last checkpoint, with the head row
    /// left alone, is caught here too.
    ///
    /// `key` is the anchor of the chain of signing keys: the log's `audit_key_rotated` events say
    /// which key signs which checkpoints (`AuditKeyChain`), and that chain is used only when it holds `key`.
    public func verify(key: AuditVerifierKey?) async throws -> AuditVerificationResult {
        let chain = AuditKeyChain(anchor: key, rotationEvents: try await rotationEvents())
        var verifier = AuditChainVerifier(checkpoints: try await checkpoints(), keys: chain)
        try await forEachEvent { event in verifier.consume(event) == nil }
        var result = verifier.finish()
        if result.isIntact, let head = try await AuditHeadModel.find(AuditHeadModel.onlyRow, on: database.database),
            UInt64(clamping: head.size) > result.eventCount
        {
            result.failure = AuditFailure(
                sequence: result.eventCount + 1,
                reason: .shorterThanHead(headSize: UInt64(clamping: head.size)))
        }
        return result
    }
}

extension AuditLogStore {
    /// The log's `audit_key_rotated` events, oldest first (few: one pair per rotation).
    public func rotationEvents() async throws -> [AuditEvent] {
        try await events(of: .auditKeyRotated)
    }
}

extension AuditLogStore {
    /// An RFC 9162 inclusion proof that event `sequence` is in the tree of the first `treeSize` events (all of them
    /// when nil); nil when there is no such event or tree. Reads every leaf hash up to the tree size, a page at a
    /// time (`confidant audit proof` and disposal certificates).
    public func inclusionProof(of sequence: UInt64, treeSize: UInt64? = nil) async throws -> AuditProof? {
        var leaves: [AuditHash] = []
        try await forEachEvent { event in
            leaves.append(event.hash)
            return treeSize.map { UInt64(leaves.count) < $0 } ?? true
        }
        let size = treeSize ?? UInt64(leaves.count)
        guard sequence >= 1, sequence <= size, size <= UInt64(leaves.count) else { return nil }
        return try AuditProof.make(sequence: sequence, treeSize: size, leaves: leaves)
    }

    /// The events of one action, oldest first (few: disposals, key rotations).
    public func events(of action: AuditAction) async throws -> [AuditEvent] {
        try await AuditEventModel.query(on: database.database).filter(\.$action == action.rawValue).sort(\.$id).all().map(\.event)
    }

    /// The event with this sequence number, if the log has it.
    public func event(_ sequence: UInt64) async throws -> AuditEvent? {
        try await AuditEventModel.find(Int64(clamping: sequence), on: database.database)?.event
    }
}
