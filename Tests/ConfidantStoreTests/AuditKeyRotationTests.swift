import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

/// `confidant key rotate --audit`: the rotation is itself a signed event, and verify follows the chain of keys.
@Suite("Audit signing-key rotation")
struct AuditKeyRotationTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(
        "after a rotation the log verifies with the new key or the old one, not with a stranger's; the old key signs nothing more",
        arguments: TestDatabaseKind.available)
    func rotationIsSigned(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("confidant-audit-\(UUID().uuidString)/audit.key").path
            let log = AuditLogStore(database)
            let old = try await InstallationKeys.auditSigningKey(path: path, on: database, now: now)
            for n in 0..<5 { try await log.append(AuditEntry(time: 1, actor: "system", action: .configurationChanged, target: "n:\(n)")) }
            _ = try await log.checkpoint(key: old, policy: .standard, now: 1, force: true)

            let outcome = try await AuditKeyRotation(database: database, keyPath: path).run(now: now)
            #expect(outcome.sequence == 6)
            let new = try AuditKeyFile.load(path: path)
            #expect(new.verifierKey.text == outcome.current.text)
            #expect(try AuditKeyFile.load(path: outcome.retiredFile).verifierKey.text == old.verifierKey.text)
            #expect(try await InstallationKeys.auditSigningKey(path: path, on: database, now: now).verifierKey.text == new.verifierKey.text)

            for n in 0..<3 { try await log.append(AuditEntry(time: 1, actor: "system", action: .configurationChanged, target: "m:\(n)")) }
            _ = try await log.checkpoint(key: new, policy: .standard, now: 2, force: true)
            // A stale instance still holding the old key is refused rather than signing a checkpoint that would look forged.
            try await log.append(AuditEntry(time: 1, actor: "system", action: .configurationChanged, target: "late"))
            await #expect(throws: StoreError.self) { try await log.checkpoint(key: old, policy: .standard, now: 3, force: true) }

            let withNew = try await log.verify(key: new.verifierKey)
            #expect(withNew.isIntact, "\(withNew.summary)")
            #expect(withNew.checkpointsVerified == 4)
            let withOld = try await log.verify(key: old.verifierKey)
            #expect(withOld.isIntact, "\(withOld.summary)")
            var generator = SystemRandomNumberGenerator()
            let stranger = try AuditSigningKey.generate(using: &generator)
            let withStranger = try await log.verify(key: stranger.verifierKey)
            #expect(withStranger.failure?.code == "checkpoint_signature_invalid")
        }
    }
}
