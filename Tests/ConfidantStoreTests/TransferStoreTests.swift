import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import SQLKit
import Testing

@Suite("Transferring a person's file to another Confidant")
struct TransferStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let senderCipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-sender-test"))
    static let receiverCipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-receiver-test"))
    static let signer = Curve25519.Signing.PrivateKey()

    /// The other database, so a round trip crosses both when PostgreSQL is there.
    static func other(_ kind: TestDatabaseKind) -> TestDatabaseKind {
        TestDatabaseKind.available.contains(.postgres) ? (kind == .sqlite ? .postgres : .sqlite) : .sqlite
    }

    @Test(
        "a file goes from one Confidant to another: every record arrives with its dates and its authors' names, marked as transferred; receipt is confirmed back; a changed, misdirected or wrongly keyed bundle is refused",
        arguments: TestDatabaseKind.available)
    func roundTrip(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let sam = try await database.testAccount("Sam Staffperson", "sam@example.org", role: .staff, passwordHash: nil, now: now)
            let dana = try await database.testAccount("Dana Lead", "dana@example.org", role: .dsl, passwordHash: nil, now: now)
            let records = RecordStore(database, cipher: Self.senderCipher)
            let person = try await records.createPerson(
                kind: .child, details: PersonDetails(name: "Robin Testchild", dateOfBirth: "2014-03-27", address: "1 Made-up Road"), by: sam.id,
                now: now)
            var concern = Concern(
                id: UUID(), personID: person.id, authorID: sam.id, conversationAt: now.addingTimeInterval(-7200), disclosedBy: .person,
                limitsExplained: true, secrecyRequested: false, offered: .limited, categories: [.neglect, .emotional], risk: .concern,
                narrative: ConcernNarrative(place: "The library", account: "A made-up account of no food at home.", actionsTaken: "Told the lead."),
                createdAt: now, updatedAt: now)
            concern = try await records.saveDraft(concern, by: sam.id, now: now)
            concern = try await records.submit(concern, by: sam.id, now: now.addingTimeInterval(-3600))
            _ = try await records.addAddendum(to: concern.id, text: "A made-up addendum.", by: sam.id, now: now.addingTimeInterval(-1800))
            _ = try await records.decide(
                concern.id, outcome: .monitor, reason: "Watch and review in a month", reviewDate: nil, by: dana.id, now: now.addingTimeInterval(-900))
            let transfers = TransferStore(database, cipher: Self.senderCipher)
            let (transfer, bundle, keyText) = try await transfers.send(
                person.id, to: "Fictional Academy", from: "Fictional Youth Trust", by: dana.id, signer: Self.signer, now: now)
            #expect(try await AuditLogStore(database).search(action: "file_transferred").count == 1)
            // The bundle is sealed: nothing of the file is readable in it.
            let text = String(decoding: bundle, as: UTF8.self)
            #expect(!text.contains("Robin") && !text.contains("made-up account") && text.contains(TransferBundle.format))
            let key = try #require(TransferBundle.key(keyText))

            // A receiver refuses a bundle signed by someone else, changed on the way, or opened with another key.
            #expect(throws: TransferError.otherSender) {
                _ = try TransferBundle.open(bundle, key: key, sender: Curve25519.Signing.PrivateKey().publicKey)
            }
            // One character of the ciphertext changed, well inside its base64 (the last ones may carry unused bits).
            var changed = bundle
            let box = try #require(changed.range(of: Data("\"box\" : \"".utf8)))
            let at = box.upperBound + 20
            changed[at] = changed[at] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(throws: TransferError.badSignature) { _ = try TransferBundle.open(changed, key: key, sender: nil) }
            #expect(throws: TransferError.wrongKey) { _ = try TransferBundle.open(bundle, key: SymmetricKey(size: .bits256), sender: nil) }
            #expect(throws: TransferError.unreadable("it is not a Confidant transfer bundle")) {
                _ = try TransferBundle.open(Data("not json".utf8), key: key, sender: nil)
            }

            // The other Confidant imports it.
            let transferID = try await withTestDatabase(Self.other(kind)) { receiving in
                let lee = try await receiving.testAccount("Lee Receiving", "lee@example.org", role: .dsl, passwordHash: nil, now: now)
                let imported = try await TransferStore(receiving, cipher: Self.receiverCipher).importBundle(
                    bundle, key: key, sender: Self.signer.publicKey, by: lee.id, now: now.addingTimeInterval(86_400))
                #expect(imported.transferID == transfer.id && imported.concerns == 1 && imported.sender == "Fictional Youth Trust")
                let there = RecordStore(receiving, cipher: Self.receiverCipher)
                let arrivedPerson = try #require(try await there.people([imported.person.id])[imported.person.id])
                #expect(arrivedPerson.details == person.details && arrivedPerson.kind == .child)
                let arrived = try #require(try await there.concerns(about: arrivedPerson.id, includeDraftsBy: nil).first)
                #expect(arrived.narrative == concern.narrative && arrived.categories == concern.categories && arrived.risk == concern.risk)
                #expect(arrived.submittedAt == concern.submittedAt && arrived.conversationAt == concern.conversationAt)
                #expect(arrived.offered == concern.offered && arrived.disclosedBy == concern.disclosedBy)
                #expect(arrived.transferredFrom == "Fictional Youth Trust, written by Sam Staffperson")
                let addenda = try await there.addenda(of: arrived.id)
                #expect(addenda.map(\.text) == ["[Sam Staffperson, Fictional Youth Trust] A made-up addendum."])
                #expect(addenda.first?.createdAt == now.addingTimeInterval(-1800))
                let decisions = try await there.decisions(on: arrived.id)
                #expect(decisions.map(\.outcome) == [.monitor])
                #expect(decisions.first?.reason == "[Dana Lead, Fictional Youth Trust] Watch and review in a month")
                // It waits for the receiving organisation's own triage.
                #expect(try await there.triageQueue().map(\.id) == [arrived.id])
                let created = try await AuditLogStore(receiving).search(action: "record_created")
                #expect(created.contains { $0.detail.contains(transfer.id.uuidString.lowercased()) })
                // Imported once: the same bundle again is refused, and nothing is doubled.
                await #expect(throws: RecordError.notNow("This transfer was imported already: its file is in Confidant once.")) {
                    _ = try await TransferStore(receiving, cipher: Self.receiverCipher).importBundle(
                        bundle, key: key, sender: Self.signer.publicKey, by: lee.id, now: now.addingTimeInterval(86_400))
                }
                #expect(try await receiving.countRows("people") == 1)
                return imported.transferID
            }

            // Receipt confirmed back at the sender, once.
            let confirmed = try await transfers.confirmReceipt(
                transferID, by: "Lee Receiving, Fictional Academy", now: now.addingTimeInterval(90_000))
            #expect(confirmed.receiptAt == now.addingTimeInterval(90_000) && confirmed.receiptBy == "Lee Receiving, Fictional Academy")
            #expect(try await transfers.transfers(of: person.id) == [confirmed])
            await #expect(throws: RecordError.notNow("Its receipt was already confirmed.")) {
                _ = try await transfers.confirmReceipt(transferID, by: "Lee", now: now)
            }
            #expect(try await AuditLogStore(database).search(action: "transfer_received").count == 1)
        }
    }
}
