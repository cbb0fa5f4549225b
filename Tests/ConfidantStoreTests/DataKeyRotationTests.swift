import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Synchronization
import Testing

/// `confidant key rotate`: re-sealing in batches, resumable, old keys retired only when unused (docs/security.md, "Keys").
@Suite("Data-key rotation")
struct DataKeyRotationTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func ringPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("confidant-rotate-\(UUID().uuidString)/confidant.key").path
    }

    /// `people` people, one submitted concern with an addendum and a refused share's worth of sealed rows, under the ring at `path`.
    func fill(_ database: ConfidantDatabase, path: String, people: Int) async throws -> (staff: UserAccount, ids: [UUID]) {
        let ring = try await InstallationKeys.dataKeys(path: path, on: database, now: now)
        let staff = try await database.testAccount("Sam Staffperson", "sam@example.org", role: .staff, passwordHash: nil, now: now)
        let records = RecordStore(database, cipher: ring.cipher)
        try await records.createPeople((0..<people).map { (.child, PersonDetails(name: "Test Person \($0)")) }, by: staff.id, now: now)
        let person = try await records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: staff.id, now: now)
        var concern = Concern(
            id: UUID(), personID: person.id, authorID: staff.id, categories: [.physical], risk: .significantHarm,
            narrative: ConcernNarrative(account: "Zebedee said he was hit."), createdAt: now, updatedAt: now)
        concern = try await records.saveDraft(concern, by: staff.id, now: now)
        concern = try await records.submit(concern, by: staff.id, now: now)
        _ = try await records.addAddendum(to: concern.id, text: "Later: he said it again.", by: staff.id, now: now)
        _ = try await AdviceStore(database, cipher: ring.cipher).ask("What should Child A's coach do?", by: staff.id, now: now)
        return (staff, [person.id, concern.id])
    }

    @Test(
        "rotation over many rows, stopped after some batches as a kill would, resumed: every value opens, the old key retired once unused",
        arguments: TestDatabaseKind.available)
    func interruptedAndResumed(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let path = ringPath()
            let (staff, ids) = try await fill(database, path: path, people: 1200)
            // Each person, their file key, the concern, the addendum and the advice.
            let total = 1200 + 1 + 1201 + 1 + 1 + 1
            let oldKey = try DataKeyRing.load(path: path).current.id
            let rotation = DataKeyRotation(database: database, ringPath: path)
            let lines = ProgressLines()

            let first = try await rotation.run(batchSize: 100, stopAfterBatches: 5, now: now) { done, all in
                lines.lines.withLock { $0.append("re-sealed \(done)/\(all) records") }
            }
            #expect(first.addedKey)
            #expect(first.resealed == 500)
            #expect(first.remaining == total - 500)
            #expect(first.retired.isEmpty)
            #expect(lines.lines.withLock { $0 } == (1...5).map { "re-sealed \($0 * 100)/\(total) records" })
            // Stopped halfway: both keys in the ring, both still sealing rows, and the web's stores read everything.
            let halfway = try DataKeyRing.load(path: path)
            #expect(halfway.ids == [oldKey, first.currentKeyID])
            #expect(try await DataKeyRotation.rowsByKey(on: database) == [oldKey: total - 500, first.currentKeyID: 500])
            let records = RecordStore(database, cipher: halfway.cipher)
            #expect(try await records.knownPeople().count == 1201)
            // A serve start in the middle is fine: the ring's current key is the recorded one.
            #expect(try await InstallationKeys.dataKeys(path: path, on: database, now: now).current.id == first.currentKeyID)

            let second = try await rotation.run(batchSize: 100, now: now)
            #expect(!second.addedKey)
            #expect(second.currentKeyID == first.currentKeyID)
            #expect(second.resealed == total - 500)
            #expect(second.remaining == 0)
            #expect(second.retired.map(\.id) == [oldKey])
            #expect(try DataKeyRing.load(path: path).ids == [first.currentKeyID])
            #expect(try DataKeyRing.load(path: path + ".retired-\(oldKey)").ids == [oldKey])
            #expect(try await DataKeyRotation.rowsByKey(on: database) == [first.currentKeyID: total])
            let check = try await DataKeyRotation.verifyAll(try DataKeyRing.load(path: path), on: database)
            #expect(check.failures.isEmpty)
            #expect(check.opened == total)
            let reader = try await database.testAccount("Dee Lead", "dee@example.org", role: .dsl, passwordHash: nil, now: now)
            let after = RecordStore(database, cipher: try DataKeyRing.load(path: path).cipher)
            #expect(try await after.person(ids[0], readBy: reader, now: now)?.details.name == "Zebedee Testchild")
            #expect(try await after.concern(ids[1], readBy: reader, now: now)?.narrative.account == "Zebedee said he was hit.")
            let states = Dictionary(
                uniqueKeysWithValues: try await InstallationKeys.recorded(on: database).filter { $0.kind == "data" }.map { ($0.id, $0.state) })
            #expect(states == [oldKey: "retired", first.currentKeyID: "current"])
            _ = staff
        }
    }

    @Test(
        "a rotation killed after writing the ring but before the database recorded it is finished by the next run, refused by serve",
        arguments: TestDatabaseKind.available)
    func killedBetweenFileAndDatabase(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let path = ringPath()
            _ = try await fill(database, path: path, people: 3)
            let ring = try DataKeyRing.load(path: path).addingNewKey()
            try ring.write(to: path)
            await #expect {
                try await InstallationKeys.dataKeys(path: path, on: database, now: now)
            } throws: { "\($0)".contains("key rotate") }
            let outcome = try await DataKeyRotation(database: database, ringPath: path).run(now: now)
            #expect(!outcome.addedKey)
            #expect(outcome.currentKeyID == ring.current.id)
            #expect(outcome.remaining == 0)
            #expect(try await InstallationKeys.dataKeys(path: path, on: database, now: now).ids == [ring.current.id])
        }
    }

    @Test("an old key still sealing a row stays in the ring", arguments: TestDatabaseKind.available)
    func oldKeyKeptWhileUsed(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let path = ringPath()
            _ = try await fill(database, path: path, people: 10)
            let oldKey = try DataKeyRing.load(path: path).current.id
            let outcome = try await DataKeyRotation(database: database, ringPath: path).run(batchSize: 4, stopAfterBatches: 1, now: now)
            #expect(outcome.retired.isEmpty)
            #expect(try DataKeyRing.load(path: path).ids.contains(oldKey))
            #expect(!FileManager.default.fileExists(atPath: path + ".retired-\(oldKey)"))
        }
    }
}

/// The progress lines a rotation reported, collected from its callback.
final class ProgressLines: Sendable {
    let lines = Mutex<[String]>([])
}
