import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("Partner agencies and shares in the store")
struct ShareStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let cipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-share-test"))

    /// A staff author, a submitted concern about a made-up child, and the stores.
    func fixture(_ database: ConfidantDatabase) async throws -> (staff: UserAccount, concern: Concern, person: Person) {
        let staff = try await database.testAccount("Sam Staffperson", "sam@example.org", role: .staff, passwordHash: nil, now: now)
        let records = RecordStore(database, cipher: Self.cipher)
        let person = try await records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: staff.id, now: now)
        var concern = Concern(
            id: UUID(), personID: person.id, authorID: staff.id, categories: [.physical], risk: .significantHarm,
            narrative: ConcernNarrative(account: "Zebedee Testchild said he was hit."), createdAt: now, updatedAt: now)
        concern = try await records.saveDraft(concern, by: staff.id, now: now)
        concern = try await records.submit(concern, by: staff.id, now: now)
        return (staff, concern, person)
    }

    func share(_ f: (staff: UserAccount, concern: Concern, person: Person), status: ShareStatus, contact: UUID?) -> Share {
        let request = ShareRequest(
            subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .safeguarding,
            form: .identified, consent: .refused, risk: .significantHarm, confidentialityOffered: .limited)
        let snapshot = ShareSnapshot(
            recipient: "Pat Partner, Fictional County Council", reason: "Risk of significant harm",
            consentBy: "Zebedee", sections: [ShareSection(heading: "What the person said", text: "He was hit.")],
            discloserIncluded: false, facts: request, decision: DecisionEngine.decide(request))
        return Share(
            id: UUID(), concernID: f.concern.id, personID: f.person.id, proposerID: f.staff.id, status: status,
            recipientUserID: nil, recipientContactID: contact, snapshot: snapshot, createdAt: now)
    }

    @Test("an agency keeps its agreement and contacts; contacts are found by their email", arguments: TestDatabaseKind.available)
    func agencies(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (staff, _, _) = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let agency = try await shares.createAgency(
                PartnerAgency(
                    id: UUID(), name: "Fictional County Children's Services", type: .childrensSocialCare,
                    agreementReference: "DSA-2026-07", agreementReviewDate: "2027-06-30"), by: staff.id, now: now)
            let contact = try await shares.addContact(to: agency.id, name: "Pat Partner", email: " Pat@Example.org ", by: staff.id, now: now)
            #expect(contact.email == "pat@example.org")
            let all = try await shares.agencies()
            #expect(all.map(\.name) == ["Fictional County Children's Services"])
            #expect(all.first?.type == .childrensSocialCare)
            #expect(all.first?.agreementReference == "DSA-2026-07")
            #expect(all.first?.contacts == [contact])
            #expect(try await shares.contacts(email: "PAT@example.org") == [contact])
            await #expect(throws: RecordError.notFound) {
                _ = try await shares.addContact(to: UUID(), name: "Nobody", email: "n@example.org", by: staff.id, now: now)
            }
        }
    }

    @Test("a permitted share is frozen, logged as share_created, and a partner's link expires after 14 days", arguments: TestDatabaseKind.available)
    func permittedShare(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let agency = try await shares.createAgency(
                PartnerAgency(id: UUID(), name: "Agency", type: .police, agreementReference: "R1", agreementReviewDate: "2027-01-01"),
                by: f.staff.id, now: now)
            let contact = try await shares.addContact(to: agency.id, name: "Pat Partner", email: "pat@example.org", by: f.staff.id, now: now)
            let stored = try await shares.create(share(f, status: .shared, contact: contact.id), now: now)
            #expect(stored.expiresAt == now.addingTimeInterval(14 * 86_400))
            let audit = AuditLogStore(database)
            #expect(try await audit.search(action: "share_created", target: "share:\(stored.id.uuidString.lowercased())").count == 1)
            let reader = f.staff
            let opened = try #require(try await shares.share(stored.id, readBy: reader, asRecipient: true, now: now))
            #expect(opened.snapshot == stored.snapshot)
            #expect(try await audit.search(action: "share_viewed").count == 1)
            let received = try await shares.received(by: UUID(), contacts: [contact.id])
            #expect(received.map(\.id) == [stored.id])
            #expect(received.first?.isOpen(now: now.addingTimeInterval(15 * 86_400)) == false)
            // The snapshot is sealed at rest: its text is not in the table.
            let raw = try await database.strings("SELECT sealed_snapshot FROM shares")
            #expect(raw.count == 1)
            #expect(!(raw.first ?? "").contains("He was hit"))
        }
    }

    @Test("an escalated share waits for a lead, who approves it once or refuses it with a reason", arguments: TestDatabaseKind.available)
    func escalation(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let lead = try await database.testAccount("Dee Lead", "dee@example.org", role: .dsl, passwordHash: nil, now: now)
            let shares = ShareStore(database, cipher: Self.cipher)
            let waiting = try await shares.create(share(f, status: .awaitingApproval, contact: nil), now: now)
            #expect(try await shares.approvalQueue().map(\.id) == [waiting.id])
            #expect(try await AuditLogStore(database).search(action: "share_created").isEmpty)
            let approved = try await shares.approve(waiting.id, by: lead.id, now: now)
            #expect(approved.status == .shared)
            #expect(approved.decidedBy == lead.id)
            #expect(approved.snapshot == waiting.snapshot)
            #expect(try await shares.approvalQueue().isEmpty)
            await #expect(throws: AlreadyDecided(.approved, by: "Dee Lead", at: now)) {
                _ = try await shares.approve(waiting.id, by: lead.id, now: now.addingTimeInterval(60))
            }

            let second = try await shares.create(share(f, status: .awaitingApproval, contact: nil), now: now)
            let refused = try await shares.refuse(second.id, reason: "Consent can still be sought first", by: lead.id, now: now)
            #expect(refused.status == .refused)
            #expect(refused.refusalReason == "Consent can still be sought first")
            #expect(try await shares.shares(ofConcern: f.concern.id).count == 2)
        }
    }

    @Test("a revoked share is logged and no longer open", arguments: TestDatabaseKind.available)
    func revoke(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let stored = try await shares.create(share(f, status: .shared, contact: nil), now: now)
            try await shares.revoke(stored.id, by: f.staff.id, now: now)
            let facts = try #require(try await shares.facts(stored.id))
            #expect(facts.revokedAt == now)
            #expect(!facts.isOpen(now: now))
            #expect(try await AuditLogStore(database).search(action: "share_revoked").count == 1)
        }
    }

    @Test(
        "ten leads approving and refusing one escalated share at once: one decides, the rest are told who did",
        arguments: TestDatabaseKind.available)
    func concurrentDecisions(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            var leads: [UserAccount] = []
            for n in 0..<10 {
                leads.append(
                    try await database.testAccount(
                        "Lead \(n)", "lead\(n)@example.org", role: n.isMultiple(of: 2) ? .dsl : .deputyDSL, passwordHash: nil, now: now))
            }
            let shares = ShareStore(database, cipher: Self.cipher)
            let waiting = try await shares.create(share(f, status: .awaitingApproval, contact: nil), now: now)
            let outcomes = try await withThrowingTaskGroup(of: Result<Share, AlreadyDecided>.self, returning: [Result<Share, AlreadyDecided>].self) {
                group in
                for (n, lead) in leads.enumerated() {
                    group.addTask {
                        do {
                            return .success(
                                n.isMultiple(of: 2)
                                    ? try await shares.approve(waiting.id, by: lead.id, now: now)
                                    : try await shares.refuse(waiting.id, reason: "Seek consent first", by: lead.id, now: now))
                        } catch let error as AlreadyDecided {
                            return .failure(error)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = outcomes.compactMap { try? $0.get() }
            try #require(winners.count == 1)
            let winner = try #require(winners.first)
            let winnerName = try #require(leads.first { $0.id == winner.decidedBy }?.name)
            let losers = outcomes.compactMap { outcome -> AlreadyDecided? in if case .failure(let e) = outcome { e } else { nil } }
            #expect(losers.count == 9)
            #expect(losers.allSatisfy { $0 == AlreadyDecided(winner.status == .shared ? .approved : .refused, by: winnerName, at: now) })

            let stored = try #require(try await shares.facts(waiting.id))
            #expect(stored.status == winner.status)
            let audit = AuditLogStore(database)
            let target = "share:\(waiting.id.uuidString.lowercased())"
            let created = try await audit.search(action: "share_created", target: target).count
            let refusals = try await audit.search(action: "triage_decision", target: target).count
            #expect(created + refusals == 1)
            #expect(created == (winner.status == .shared ? 1 : 0))
            var approvedFacts = waiting.snapshot.facts
            approvedFacts.dslApproved = true
            let expectedTasks = InformTask.kinds(for: DecisionEngine.decide(approvedFacts).obligations.map(\.rawValue)).count
            #expect(expectedTasks > 0)
            #expect(try await shares.tasks(ofShare: waiting.id).count == (winner.status == .shared ? expectedTasks : 0))
        }
    }

    @Test("two people closing one task at once: one is saved, the other is told who closed it", arguments: TestDatabaseKind.available)
    func concurrentCompletion(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let lead = try await database.testAccount("Dana Lead", "dana@example.org", role: .dsl, passwordHash: nil, now: now)
            let shares = ShareStore(database, cipher: Self.cipher)
            let waiting = try await shares.create(share(f, status: .awaitingApproval, contact: nil), now: now)
            _ = try await shares.approve(waiting.id, by: lead.id, now: now)
            let task = try #require(try await shares.tasks(ofShare: waiting.id).first { $0.kind == .inform })
            let people = [(lead.id, "Told in person by the lead"), (f.staff.id, "Told by phone by the author")]
            let outcomes = try await withThrowingTaskGroup(
                of: Result<InformTask, AlreadyDecided>.self, returning: [Result<InformTask, AlreadyDecided>].self
            ) { group in
                for (who, note) in people {
                    group.addTask {
                        do { return .success(try await shares.complete(task.id, method: .inPerson, note: note, by: who, now: now)) } catch let error
                            as AlreadyDecided
                        { return .failure(error) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let saved = try #require(outcomes.compactMap { try? $0.get() }.first)
            let names = [lead.id: "Dana Lead", f.staff.id: "Sam Staffperson"]
            let losers = outcomes.compactMap { outcome -> AlreadyDecided? in if case .failure(let e) = outcome { e } else { nil } }
            #expect(losers == [AlreadyDecided(.completed, by: names[saved.completedBy ?? UUID()] ?? "", at: now)])
            let stored = try #require(try await shares.task(task.id))
            #expect(stored.note == saved.note)
            #expect(try await AuditLogStore(database).search(action: "task_completed").count == 1)
        }
    }
}
