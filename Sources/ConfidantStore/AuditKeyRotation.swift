import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// `confidant key rotate --audit`: a new checkpoint signing key, handed over in the log itself.
///
/// In one transaction holding the head row: an `audit_key_rotated` event naming the previous and
/// the new verifier key, a checkpoint at its size signed by the *old* key (the old key vouches for
/// its successor), a second event and a checkpoint at its size signed by the *new* key (the new key
/// vouches for the event naming its predecessor), and the fingerprints updated. `audit verify`
/// follows that chain (`AuditKeyChain`). The new key file is written beside the old one first and
/// moved into place after the commit; the old key goes to `<key file>.retired-<key id>`.
public struct AuditKeyRotation: Sendable {
    let database: ConfidantDatabase
    let keyPath: String

    public init(database: ConfidantDatabase, keyPath: String) {
        self.database = database
        self.keyPath = keyPath
    }

    /// What the rotation did.
    public struct Outcome: Sendable {
        public let previous: AuditVerifierKey
        public let current: AuditVerifierKey
        /// The sequence number of the rotation event.
        public let sequence: UInt64
        /// Where the old signing key now is.
        public let retiredFile: String
    }

    /// Rotates the key; `now` is the time of the events and checkpoints.
    public func run(now: Date) async throws -> Outcome {
        let old = try await InstallationKeys.auditSigningKey(path: keyPath, on: database, now: now)
        var generator = SystemRandomNumberGenerator()
        let suffix = String(UInt32.random(in: .min ... .max, using: &generator), radix: 16)
        let new = try AuditSigningKey.generate(name: "\(AuditSigningKey.defaultName)-\(suffix)", using: &generator)
        let pending = keyPath + ".next"
        try KeyFileWriter.writeAtomically(new.keyFileText, to: pending)
        let time = InstallationKeys.milliseconds(now)
        let sequence: UInt64 = try await database.database.transaction { db in
            let sql = try InstallationKeys.sqlDatabase(db)
            let rotation = try await AuditLogStore.append(
                AuditEntry(
                    time: time, actor: AuditName.system, action: .auditKeyRotated, target: "audit_key",
                    detail: AuditDetail([
                        AuditKeyChain.previousField: .string(old.verifierKey.text),
                        AuditKeyChain.nextField: .string(new.verifierKey.text),
                    ])), on: db)
            try await Self.sign(with: old, at: rotation.sequence, time: time, sql: sql, db: db)
            let accepted = try await AuditLogStore.append(
                AuditEntry(
                    time: time, actor: AuditName.system, action: .auditKeyRotated, target: "audit_key",
                    detail: AuditDetail(["step": .string("first_signature"), "signed_by": .string(new.verifierKey.keyIDHex)])), on: db)
            try await Self.sign(with: new, at: accepted.sequence, time: time, sql: sql, db: db)
            try await InstallationKeys.lock(sql)
            try await sql.raw(
                """
                UPDATE installation_keys SET state = 'previous', to_size = \(bind: Int64(rotation.sequence))
                WHERE kind = 'audit' AND key_id = \(bind: old.verifierKey.keyIDHex)
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO installation_keys (kind, key_id, state, verifier_key, from_size, recorded_at)
                VALUES ('audit', \(bind: new.verifierKey.keyIDHex), 'current', \(bind: new.verifierKey.text),
                        \(bind: Int64(accepted.sequence)), \(bind: time))
                """
            ).run()
            return rotation.sequence
        }
        let retired = "\(keyPath).retired-\(old.verifierKey.keyIDHex)"
        try KeyFileWriter.writeAtomically(old.keyFileText, to: retired)
        guard rename(pending, keyPath) == 0 else {
            throw StoreError.keysRefused(
                "The rotation is recorded, but \(pending) could not be moved to \(keyPath); move it by hand before starting Confidant.")
        }
        return Outcome(previous: old.verifierKey, current: new.verifierKey, sequence: sequence, retiredFile: retired)
    }

    static func sign(with key: AuditSigningKey, at size: UInt64, time: Int64, sql: any SQLDatabase, db: any Database) async throws {
        let head = try await AuditLogStore.lockedHead(sql)
        guard head.size == size else { throw StoreError.changedMeanwhile("the audit log grew during the key rotation") }
        try await AuditCheckpointModel(try key.sign(try Checkpoint(treeSize: size, rootHash: head.treeHead, time: time))).create(on: db)
    }
}
