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
            let shares = ShareStore(database, cipher: Self.senderCipher)
            let agency = try await shares.createAgency(
                PartnerAgency(
                    id: UUID(), name: "Fictional Academy", type: .education, agreementReference: "DSA-TEST-1", agreementReviewDate: "2027-11-01"),
                by: dana.id, now: now)
            let ada = try await shares.addContact(to: agency.id, name: "Ada Receiver", email: "ada@example.org", by: dana.id, now: now)
            let contact = ShareRecipient(kind: .partnerAgency, label: "Ada Receiver, Fictional Academy (School)", contactID: ada.id)
            let record = ShareCase(concern: concern, person: person, addenda: try await records.addenda(of: concern.id))
            let proposal = TransferProposal.make(
                personID: person.id, cases: [record],
                answers: TransferAnswers(
                    recipient: contact, concerns: [concern.id], reason: "Moving to Fictional Academy", statutoryTransfer: true,
                    consent: .notSought, subjectHasCapacity: false),
                recipient: contact, proposer: dana,
                organisation: OrganisationContact(organisation: "Fictional Youth Trust", leadName: "Dana Lead", phone: "", email: ""), now: now)
            let transfers = TransferStore(database, cipher: Self.senderCipher, shares: shares)
            let file = try await transfers.file(
                for: proposal, sender: "Fictional Youth Trust", receiptURL: "https://sender.example.org/transfers/\(proposal.id)/receipt")
            let pdf = Data("%PDF-1.4 made up".utf8)
            let (transfer, bundle, keyText) = try await transfers.send(
                proposal, file: file, pdf: pdf, signer: try AuditSigningKey(privateKey: Self.signer),
                link: "https://sender.example.org/transfers/\(proposal.id)/code")
            // Through the share machinery: the concern's share is recorded as the engine decided it, with its tasks,
            // and the contact is emailed the link once (not once a share).
            let sent = try await shares.shares(ofConcern: concern.id)
            #expect(sent.count == 1 && sent.first?.status == .shared && sent.first?.recipientContactID == ada.id)
            #expect(try await shares.tasks(ofPerson: person.id).map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.inform, .involve])
            #expect(try await transfers.codeShare(of: transfer.id) == sent.first?.id)
            let mail = try await MailOutbox(database, cipher: Self.senderCipher).messages()
            #expect(mail.map(\.recipient) == ["ada@example.org"])
            #expect(mail.first?.body.contains("/transfers/\(proposal.id)/code") == true && mail.first?.body.contains("Robin") == false)
            #expect(transfer.progress.state(now: now) == .sent)
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
            // A letter or digit: JSON writes a "/" of base64 as "\/", and changing that backslash would change the length.
            var at = box.upperBound + 20
            while !(changed[at].isASCIILetterOrDigit) { at += 1 }
            changed[at] = changed[at] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(throws: TransferError.badSignature) { _ = try TransferBundle.open(changed, key: key, sender: nil) }
            #expect(throws: TransferError.wrongKey) { _ = try TransferBundle.open(bundle, key: SymmetricKey(size: .bits256), sender: nil) }
            #expect(throws: TransferError.unreadable("it is not a Confidant transfer bundle")) {
                _ = try TransferBundle.open(Data("not json".utf8), key: key, sender: nil)
            }

            // The other Confidant imports it.
            let receipt = try await withTestDatabase(Self.other(kind)) { receiving in
                let lee = try await receiving.testAccount("Lee Receiving", "lee@example.org", role: .dsl, passwordHash: nil, now: now)
                let imported = try await TransferStore(receiving, cipher: Self.receiverCipher).importBundle(
                    bundle, key: key, sender: Self.signer.publicKey, by: lee.id, now: now.addingTimeInterval(86_400))
                #expect(imported.transferID == transfer.id && imported.concerns == 1 && imported.sender == "Fictional Youth Trust")
                #expect(imported.receipt?.url == "https://sender.example.org/transfers/\(proposal.id)/receipt")
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
                return (imported.transferID, try #require(imported.receipt?.token))
            }
            let (transferID, token) = receipt

            // The contact opens it on the link: the archive holds the PDF and an index, and the first open is kept.
            await #expect(throws: RecordError.notFound) { _ = try await transfers.opened(transferID, by: UUID(), now: now) }
            let opened = try await transfers.opened(transferID, by: ada.id, now: now.addingTimeInterval(3600))
            #expect(opened.archive.pdf == pdf && opened.archive.index.count == 1 && opened.archive.index.first?.addenda == 1)
            #expect(opened.bundle == bundle && opened.key == keyText && opened.transfer.progress.state(now: now.addingTimeInterval(3600)) == .opened)
            _ = try await transfers.opened(transferID, by: ada.id, now: now.addingTimeInterval(7200))
            #expect(try await transfers.transfer(transferID)?.progress.openedAt == now.addingTimeInterval(3600))
            #expect(try await AuditLogStore(database).search(action: "transfer_opened").count == 2)

            // Overdue: the contact is reminded by email, a day apart, at most three times; the leads once.
            let overdue = transfer.progress.dueAt.addingTimeInterval(60)
            #expect(transfer.progress.state(now: overdue) == .overdue)
            let reminding = TransferStore(
                database, cipher: Self.senderCipher, shares: shares,
                notices: NoticeBoard(database, cipher: Self.senderCipher, siteAddress: "https://sender.example.org"))
            for hours in [0.0, 1, 25, 50, 75, 100] { try await reminding.remind(now: overdue.addingTimeInterval(hours * 3600)) }
            let reminders = try await MailOutbox(database, cipher: Self.senderCipher).messages().filter {
                $0.subject.contains("confirm you received")
            }
            #expect(reminders.count == TransferStore.reminderLimit && reminders.allSatisfy { $0.recipient == "ada@example.org" })
            #expect(try await transfers.transfer(transferID)?.reminders == 3)
            #expect(reminders.first?.body.contains("https://sender.example.org/transfers/\(transferID)/code") == true)
            #expect(try await database.countRows("notices") > 0)

            // Receipt confirmed back by the import, with the token inside the bundle; a wrong token finds nothing.
            await #expect(throws: RecordError.notFound) {
                _ = try await transfers.confirmReceipt(transferID, token: "not-the-token", by: "Someone", now: now)
            }
            let confirmed = try await transfers.confirmReceipt(
                transferID, token: token, by: "Lee Receiving, Fictional Academy", now: now.addingTimeInterval(90_000))
            #expect(confirmed.receiptAt == now.addingTimeInterval(90_000) && confirmed.receiptBy == "Lee Receiving, Fictional Academy")
            #expect(try await transfers.transfers(of: person.id) == [confirmed] && confirmed.progress.state(now: overdue) == .receiptConfirmed)
            await #expect(throws: RecordError.notNow("Its receipt was already confirmed.")) {
                _ = try await transfers.confirmReceipt(transferID, by: "Lee", now: now)
            }
            await #expect(throws: RecordError.invalidRequest("Enter your name, so the sender knows who received the file.")) {
                _ = try await transfers.confirmReceipt(transferID, by: "  ", now: now)
            }
            #expect(try await AuditLogStore(database).search(action: "transfer_received").count == 1)
        }
    }
}

extension UInt8 {
    fileprivate var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
