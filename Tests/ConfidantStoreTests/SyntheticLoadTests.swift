import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("Made-up records in bulk")
struct SyntheticLoadTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let cipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-load-test"))

    @Test(
        "made-up people, concerns, decisions, shares and tasks open through the stores like real ones, and the log they add verifies",
        arguments: TestDatabaseKind.available)
    func recordsOpenLikeRealOnes(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (staff, lead, contact) = try await accounts(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let log = AuditLogStore(database)
            let before = try await log.verify(key: nil).eventCount

            try await SyntheticLoad(database, cipher: Self.cipher).load(
                people: 20, concerns: 60, days: 30, author: staff.id, lead: lead.id, now: now,
                recipient: .init(contactID: contact.id, label: "Pat Partner, Agency"))

            let records = RecordStore(database, cipher: Self.cipher)
            let concerns = try await records.concerns(writtenBy: staff.id)
            #expect(concerns.count == 60)
            #expect(concerns.allSatisfy { $0.status == .submitted && $0.narrative.account.hasPrefix("Made-up record") })
            let people = try await records.people(Set(concerns.map(\.personID)))
            #expect(people.count == 20 && people.values.allSatisfy { $0.details.name.hasSuffix("synth") })
            var decisions = 0
            var sent: [Share] = []
            for concern in concerns {
                decisions += try await records.decisions(on: concern.id).count
                sent += try await shares.shares(ofConcern: concern.id)
            }
            // Seven in ten triaged (n % 10 < 7); of those, the concerns with n % 7 == 0 shared: 0, 14, 21, 35, 42, 56.
            #expect(decisions == 42)
            #expect(sent.count == 6 && sent.allSatisfy { $0.status == .shared && $0.recipientContactID == contact.id })
            var tasks: [InformTask] = []
            for share in sent { tasks += try await shares.tasks(ofShare: share.id) }
            let kinds = InformTask.kinds(for: sent[0].snapshot.obligations)
            #expect(!kinds.isEmpty && tasks.count == 6 * kinds.count)
            // Done for n % 10 < 5: concerns 0, 14, 21 and 42.
            #expect(tasks.filter { $0.completedAt != nil }.count == 4 * kinds.count)
            #expect(try await shares.sharedInEmergency().isEmpty)

            let after = try await log.verify(key: nil)
            #expect(after.isIntact)
            // An event for each person, concern, decision and share.
            #expect(after.eventCount - before == 20 + 60 + 42 + 6)
        }
    }

    /// A recorder, a lead and a partner contact for the made-up shares to go to.
    func accounts(_ database: ConfidantDatabase) async throws -> (UserAccount, UserAccount, AgencyContact) {
        let staff = try await database.testAccount("Sam Staffperson", "sam@example.org", role: .staff, passwordHash: nil, now: now)
        let lead = try await database.testAccount("Dana Lead", "dana@example.org", role: .dsl, passwordHash: nil, now: now)
        let shares = ShareStore(database, cipher: Self.cipher)
        let agency = try await shares.createAgency(
            PartnerAgency(id: UUID(), name: "Agency", type: .police, agreementReference: "R1", agreementReviewDate: "2027-01-01"),
            by: lead.id, now: now)
        let contact = try await shares.addContact(to: agency.id, name: "Pat Partner", email: "pat@example.org", by: lead.id, now: now)
        return (staff, lead, contact)
    }

    @Test("the leads' queues are counted up to a thousand and no further", arguments: TestDatabaseKind.available)
    func queuesStopCounting(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (staff, lead, contact) = try await accounts(database)
            try await SyntheticLoad(database, cipher: Self.cipher).load(
                people: 50, concerns: 4_000, days: 30, author: staff.id, lead: lead.id, now: now,
                recipient: .init(contactID: contact.id, label: "Pat Partner, Agency"))
            let waiting = try await RecordStore(database, cipher: Self.cipher).waitingCount()
            #expect(waiting > NoticeBoard.countedUpTo)
            let board = NoticeBoard(database, cipher: Self.cipher, siteAddress: "https://confidant.example.org")
            #expect(try await board.leadQueues(now: now).triage == NoticeBoard.countedUpTo)
            #expect(try await board.leadTimers(now: now, waits: NoticeBoard.TriageWaits()).lateTriage == NoticeBoard.countedUpTo)
        }
    }
}
