import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

/// The start-up check: a database and its key files belong together (docs/security.md, "Keys").
@Suite("Installation keys: the start-up check")
struct InstallationKeysTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    enum KeyFile: String, CaseIterable, Sendable { case missing, same, different }

    func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("confidant-keys-\(UUID().uuidString)").path
    }

    /// A staff member and one sealed person, under `ring`.
    func addData(_ database: ConfidantDatabase, ring: DataKeyRing) async throws {
        let staff = try await database.testAccount(
            "Sam Staffperson", "sam-\(UUID().uuidString.prefix(6))@example.org", role: .staff, passwordHash: nil, now: now)
        _ = try await RecordStore(database, cipher: ring.cipher).createPerson(
            kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: staff.id, now: now)
    }

    @Test(
        "an empty database with no key files gets new keys, recorded; a second start finds the same",
        arguments: TestDatabaseKind.available)
    func firstRun(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let dir = directory()
            let first = try await InstallationKeys.prepare(
                dataKeyPath: dir + "/confidant.key", auditKeyPath: dir + "/audit.key", on: database, now: now)
            #expect(first.created.count == 2)
            let recorded = try await InstallationKeys.recorded(on: database)
            #expect(recorded.map(\.id) == [first.ring.current.id, first.auditKey.verifierKey.keyIDHex])
            #expect(recorded.allSatisfy { $0.state == "current" })
            let again = try await InstallationKeys.prepare(
                dataKeyPath: dir + "/confidant.key", auditKeyPath: dir + "/audit.key", on: database, now: now)
            #expect(again.created.isEmpty)
            #expect(again.ring.ids == first.ring.ids)
        }
    }

    @Test(
        "the data-key matrix: empty or with data × key file missing, the same or different",
        arguments: TestDatabaseKind.available, KeyFile.allCases)
    func dataKeyMatrix(kind: TestDatabaseKind, file: KeyFile) async throws {
        for withData in [false, true] {
            try await withTestDatabase(kind) { database in
                let dir = directory()
                let path = dir + "/confidant.key"
                let original = try await InstallationKeys.dataKeys(path: path, on: database, now: now)
                if withData { try await addData(database, ring: original) }
                switch file {
                case .missing: try FileManager.default.removeItem(atPath: path)
                case .same: break
                case .different:
                    try FileManager.default.removeItem(atPath: path)
                    _ = try DataKeyRing.create(path: path)
                }
                // With the fingerprint recorded, a missing or different key is refused whether or not rows exist.
                if file == .same {
                    #expect(try await InstallationKeys.dataKeys(path: path, on: database, now: now).current.id == original.current.id)
                } else {
                    await #expect {
                        try await InstallationKeys.dataKeys(path: path, on: database, now: now)
                    } throws: { error in
                        let text = "\(error)"
                        return text.contains(original.current.id)
                            && (file == .missing
                                ? text.contains("is missing") && text.contains("will not create a new key") : text.contains("holds key"))
                    }
                    if file == .missing { #expect(!FileManager.default.fileExists(atPath: path)) }
                }
            }
        }
    }

    @Test(
        "a database from before fingerprints: its own key is adopted after opening a row, any other refused, a missing one never made",
        arguments: TestDatabaseKind.available, KeyFile.allCases)
    func legacyDatabase(kind: TestDatabaseKind, file: KeyFile) async throws {
        try await withTestDatabase(kind) { database in
            let dir = directory()
            let path = dir + "/confidant.key"
            let original = try DataKeyRing.create(path: path)
            try await addData(database, ring: original)
            switch file {
            case .missing: try FileManager.default.removeItem(atPath: path)
            case .same: break
            case .different:
                try FileManager.default.removeItem(atPath: path)
                _ = try DataKeyRing.create(path: path)
            }
            if file == .same {
                #expect(try await InstallationKeys.dataKeys(path: path, on: database, now: now).current.id == original.current.id)
                #expect(try await InstallationKeys.recorded(on: database).map(\.id) == [original.current.id])
            } else {
                await #expect(throws: StoreError.self) { try await InstallationKeys.dataKeys(path: path, on: database, now: now) }
                #expect(try await InstallationKeys.recorded(on: database).isEmpty)
                if file == .missing { #expect(!FileManager.default.fileExists(atPath: path)) }
            }
        }
    }

    @Test("a second instance on the same database with other key files refuses to start", arguments: TestDatabaseKind.available)
    func secondInstance(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let one = directory(), two = directory()
            _ = try await InstallationKeys.prepare(dataKeyPath: one + "/k", auditKeyPath: one + "/a", on: database, now: now)
            _ = try DataKeyRing.create(path: two + "/k")
            await #expect(throws: StoreError.self) {
                try await InstallationKeys.prepare(dataKeyPath: two + "/k", auditKeyPath: one + "/a", on: database, now: now)
            }
            // The audit key alone differing is refused too, naming both ids.
            var generator = SystemRandomNumberGenerator()
            let other = try AuditSigningKey.generate(using: &generator)
            try FileManager.default.createDirectory(atPath: two, withIntermediateDirectories: true)
            try other.keyFileText.write(toFile: two + "/a", atomically: true, encoding: .utf8)
            await #expect {
                try await InstallationKeys.prepare(dataKeyPath: one + "/k", auditKeyPath: two + "/a", on: database, now: now)
            } throws: { "\($0)".contains(other.verifierKey.keyIDHex) }
        }
    }

    @Test("a missing audit key is refused once the log has a signed checkpoint, and never created", arguments: TestDatabaseKind.available)
    func missingAuditKey(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let dir = directory()
            let key = try await InstallationKeys.auditSigningKey(path: dir + "/a", on: database, now: now)
            try await AuditLogStore(database).append(AuditEntry(time: 1, actor: "system", action: .configurationChanged, target: ""))
            _ = try await AuditLogStore(database).checkpoint(key: key, policy: .standard, now: 1, force: true)
            try FileManager.default.removeItem(atPath: dir + "/a")
            await #expect {
                try await InstallationKeys.auditSigningKey(path: dir + "/a", on: database, now: now)
            } throws: { "\($0)".contains("is missing") && "\($0)".contains(key.verifierKey.keyIDHex) }
            #expect(!FileManager.default.fileExists(atPath: dir + "/a"))
        }
    }
}
