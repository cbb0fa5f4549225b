import ConfidantCore
import Crypto
import FluentKit
import Foundation
import SQLKit

/// Each person's file has its own data key, and everything of the file is sealed within it (`FieldCipher.seal(_:
/// binding:within:)`): their details and earlier details, their concerns, addenda, decisions and closures, files and
/// body marks, shares and their tasks, subject access requests and retention decisions. The key itself is kept
/// sealed under the installation's key (so `confidant key rotate` re-wraps it like any sealed value), in one row.
/// Disposing of the file destroys that row (`FileDisposal`): every copy of the file's content — a backup, a dump,
/// a page the database has not yet overwritten — is then unreadable even with the installation's key
/// (crypto-shredding; docs/data-protection.md says what this does and does not cover).
struct PersonKeys: Sendable {
    let cipher: FieldCipher

    /// The key of `personID`'s file, made the first time it is needed; inside the caller's transaction when `db` is one.
    func key(for personID: UUID, now: Date = Date(), on db: any Database) async throws -> SymmetricKey {
        if let key = try await keys(for: [personID], on: db)[personID] { return key }
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let sealed = try cipher.seal(bytes, binding: Self.binding(personID))
        // Two requests making the first key at once: one insert wins, and both read the winner's key. On PostgreSQL
        // the person's row is share-locked first, as the insert's foreign key would: a request holding the row for
        // update then goes first, instead of each waiting on the other's half-made insert (a deadlock).
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM people WHERE id = \(bind: personID) FOR KEY SHARE").run()
        }
        try await sql.raw(
            """
            INSERT INTO person_keys (person_id, key_id, sealed_key, created_at)
            VALUES (\(bind: personID), \(bind: sealed.keyID), \(bind: sealed.box), \(bind: now)) ON CONFLICT (person_id) DO NOTHING
            """
        ).run()
        guard let key = try await keys(for: [personID], on: db)[personID] else { throw RecordError.notFound }
        return key
    }

    /// Keeps `key` as the new person `personID`'s file key, inside the transaction that records them.
    func insert(_ key: SymmetricKey, for personID: UUID, now: Date, on sql: any SQLDatabase) async throws {
        let sealed = try cipher.seal(key.withUnsafeBytes { Data($0) }, binding: Self.binding(personID))
        try await sql.raw(
            """
            INSERT INTO person_keys (person_id, key_id, sealed_key, created_at)
            VALUES (\(bind: personID), \(bind: sealed.keyID), \(bind: sealed.box), \(bind: now))
            """
        ).run()
    }

    /// The keys of these people's files that exist. A person recorded before files had keys has none: their
    /// earlier values are sealed under the installation's key alone, and open without one.
    func keys(for personIDs: some Collection<UUID>, on db: any Database) async throws -> [UUID: SymmetricKey] {
        guard !personIDs.isEmpty else { return [:] }
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        return try await keys(for: personIDs, on: sql)
    }

    func keys(for personIDs: some Collection<UUID>, on sql: any SQLDatabase) async throws -> [UUID: SymmetricKey] {
        guard !personIDs.isEmpty else { return [:] }
        var keys: [UUID: SymmetricKey] = [:]
        for chunk in Array(Set(personIDs)).chunked(500) {
            for row in try await sql.raw("SELECT person_id, key_id, sealed_key FROM person_keys WHERE person_id IN (\(binds: Array(chunk)))").all() {
                let id = try row.decode(column: "person_id", as: UUID.self)
                let sealed = FieldCipher.Sealed(
                    keyID: try row.decode(column: "key_id", as: String.self), box: try row.decode(column: "sealed_key", as: String.self))
                keys[id] = SymmetricKey(data: try cipher.open(Data.self, sealed, binding: Self.binding(id)))
            }
        }
        return keys
    }

    /// The file keys of the people these concerns are about, by concern.
    func keys(forConcerns concernIDs: some Collection<UUID>, on db: any Database) async throws -> [UUID: SymmetricKey] {
        guard !concernIDs.isEmpty else { return [:] }
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        var people: [UUID: UUID] = [:]
        for chunk in Array(Set(concernIDs)).chunked(500) {
            for row in try await sql.raw("SELECT id, person_id FROM concerns WHERE id IN (\(binds: Array(chunk)))").all() {
                people[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "person_id", as: UUID.self)
            }
        }
        let keys = try await self.keys(for: people.values, on: db)
        return people.compactMapValues { keys[$0] }
    }

    /// As `SealedTable` names it: the id as Swift prints it.
    static func binding(_ personID: UUID) -> String { "person-key:\(personID)" }
}

extension Array {
    /// The array in pieces of at most `size` (statements with a bounded number of parameters).
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
