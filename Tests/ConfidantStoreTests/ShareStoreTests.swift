import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import SQLKit
import Testing

@Suite("Partner agencies and shares in the store")
struct ShareStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let cipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-share-test"))

    typealias Fixture = (staff: UserAccount, lead: UserAccount, record: ShareCase)

    /// A staff author, a lead, a submitted concern about a made-up child with a parent and an addendum.
    func fixture(_ database: ConfidantDatabase) async throws -> Fixture {
        let staff = try await database.testAccount("Sam Staffperson", "sam@example.org", role: .staff, passwordHash: nil, now: now)
        let lead = try await database.testAccount("Dana Lead", "dana@example.org", role: .dsl, passwordHash: nil, now: now)
        let records = RecordStore(database, cipher: Self.cipher)
        let person = try await records.createPerson(
            kind: .child,
            details: PersonDetails(name: "Zebedee Testchild", dateOfBirth: "2014-03-27", address: "14 Imaginary Lane, Nowhereton, NW1 2XY"),
            by: staff.id, now: now)
        _ = try await records.addRelative(
            to: person.id, kind: .adult, details: PersonDetails(name: "Quill Madeup"), as: .parentCarer, by: staff.id, now: now)
        var concern = Concern(
            id: UUID(), personID: person.id, authorID: staff.id, categories: [.physical], risk: .significantHarm,
            narrative: ConcernNarrative(account: "Zebedee Testchild said he was hit on the left arm."), createdAt: now, updatedAt: now)
        concern = try await records.saveDraft(concern, by: staff.id, now: now)
        concern = try await records.submit(concern, by: staff.id, now: now)
        _ = try await records.addAddendum(to: concern.id, text: "Correction: the right arm.", by: staff.id, now: now)
        return (
            staff, lead,
            ShareCase(
                concern: concern, person: person, household: try await records.links(of: person.id),
                addenda: try await records.addenda(of: concern.id))
        )
    }

    static let organisation = OrganisationContact(
        organisation: "Fictional Youth Trust", leadName: "Dana Lead", phone: "01632 960 222", email: "safeguarding@example.org")

    /// A proposal to `contact` (or, without one, a parent or carer): a lead's is permitted, a staff member's escalated.
    func proposal(
        _ f: Fixture, by proposer: UserAccount, contact: UUID?, form: ShareForm = .identified, consent: Consent = .refused,
        parts: Set<SharePart> = [.subject, .account, .addenda, .contact], at: Date? = nil
    ) -> ShareProposal {
        let recipient =
            contact.map { ShareRecipient(kind: .partnerAgency, label: "Pat Partner, Fictional County Council", contactID: $0) }
            ?? ShareRecipient(kind: .parentCarer, label: "A parent or carer (printed and handed over)")
        return ShareProposal.make(
            for: f.record,
            answers: ShareAnswers(
                recipient: recipient, purpose: .safeguarding, form: form, consent: consent, consentBy: "Zebedee", risk: .significantHarm,
                subjectHasCapacity: false, reason: "Risk of significant harm", parts: parts),
            proposer: proposer, organisation: Self.organisation, now: at ?? now)
    }

    /// An agency contact without an account.
    func contact(_ shares: ShareStore, _ f: Fixture, email: String = "pat@example.org") async throws -> AgencyContact {
        let agency = try await shares.createAgency(
            PartnerAgency(id: UUID(), name: "Agency", type: .police, agreementReference: "R1", agreementReviewDate: "2027-01-01"),
            by: f.lead.id, now: now)
        return try await shares.addContact(to: agency.id, name: "Pat Partner", email: email, by: f.lead.id, now: now)
    }

    @Test("an agency keeps its agreement and contacts; contacts are found by their email", arguments: TestDatabaseKind.available)
    func agencies(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let staff = try await fixture(database).staff
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
            let contact = try await contact(shares, f)
            let stored = try await shares.record(proposal(f, by: f.lead, contact: contact.id))
            #expect(stored.status == .shared)
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
            #expect(!(raw.first ?? "").contains("left arm"))
        }
    }

    @Test(
        "a share made before the report's plain columns existed is counted from its snapshot, and the columns filled",
        arguments: TestDatabaseKind.available)
    func reportFillsOldShares(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let contact = try await contact(shares, f)
            _ = try await shares.record(proposal(f, by: f.lead, contact: contact.id))
            try await database.execute("UPDATE shares SET engine_outcome = NULL, identified = NULL")
            let reports = ReportStore(database, cipher: Self.cipher)
            let (from, to) = (CalendarDay("2026-11-01")!.start, CalendarDay("2026-12-01")!.start)
            let facts = try await reports.shareFacts(from: from, to: to, now: now)
            #expect(facts.count == 1 && facts[0].identified == true)
            // Filled through the writer (the report itself reads on a read-only connection), so the next report reads them.
            #expect(try await database.strings("SELECT engine_outcome FROM shares WHERE engine_outcome IS NOT NULL").count == 1)
            #expect(try await reports.shareFacts(from: from, to: to, now: now).map(\.ending) == facts.map(\.ending))
        }
    }

    @Test(
        "disposing of a file takes its shares, their tasks and codes with it; the sharing report counts them as before; the parent's record stays",
        arguments: TestDatabaseKind.available)
    func disposal(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let contact = try await contact(shares, f)
            let stored = try await shares.record(proposal(f, by: f.lead, contact: contact.id))
            _ = try await shares.issueAccessCode(for: stored.id, link: "https://confidant.example.org/shares/x/code", from: "198.51.100.1", now: now)
            let reports = ReportStore(database, cipher: Self.cipher)
            // November 2026, the month of `now`: the kept facts stand at its start.
            let (from, to) = (CalendarDay("2026-11-01")!.start, CalendarDay("2026-12-01")!.start)
            let before = try await reports.shareFacts(from: from, to: to, now: now)
            #expect(before.count == 1 && before[0].informing != nil)

            // A schedule of one year after birth: Zebedee's file (born 2014) is due.
            let retention = RetentionStore(database, cipher: Self.cipher, schedule: RetentionSchedule(childYearsAfterBirth: 1))
            let deputy = try await database.testAccount("Dev Deputy", "dev@example.org", role: .deputyDSL, passwordHash: nil, now: now)
            let person = f.record.person.id
            _ = try await retention.decide(person, by: f.lead.id, now: now) { file in
                file.deciding(step: "disposal_proposed", until: "", reason: "Reviewed", by: f.lead.id, now: now)
            }
            guard
                case .success(let certificate) = try await FileDisposal(database, retention: retention, timeZone: TimeZone(identifier: "UTC")!)
                    .dispose(
                        person, by: deputy.id, confirmed: true, now: now)
            else {
                Issue.record("the disposal was refused")
                return
            }
            #expect(certificate.record.counts.shares == 1 && certificate.record.counts.tasks >= 1)
            #expect(certificate.record.counts.familyLinks == 1)
            for table in ["shares", "share_tasks", "share_task_shares", "share_access_codes", "person_links"] {
                #expect(try await database.countRows(table) == 0, "\(table) keeps rows of the disposed file")
            }
            // Counted as before, standing at the month's start so the log's time of the share does not pick it out.
            let after = try await reports.shareFacts(from: from, to: to, now: now)
            #expect(after.map(\.ending) == before.map(\.ending) && after.map(\.identified) == before.map(\.identified))
            #expect(after.map(\.informing) == before.map(\.informing) && after.map(\.proposedAt) == [from])
            let parent = try #require(f.record.household.first?.person.id)
            #expect(try await RecordStore(database, cipher: Self.cipher).people([parent])[parent] != nil)
        }
    }

    @Test("an escalated share waits for a lead, who approves it once or refuses it with a reason", arguments: TestDatabaseKind.available)
    func escalation(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let lead = f.lead
            let shares = ShareStore(database, cipher: Self.cipher)
            let waiting = try await shares.record(proposal(f, by: f.staff, contact: nil))
            #expect(waiting.status == .awaitingApproval)
            #expect(try await shares.approvalQueue().map(\.id) == [waiting.id])
            #expect(try await AuditLogStore(database).search(action: "share_created").isEmpty)
            let approval = try waiting.approved(by: lead.id, reason: "Risk of harm at home", at: now)
            let approved = try await shares.approve(waiting.id, by: lead.id, reason: "Risk of harm at home", now: now)
            #expect(approved.status == .shared)
            #expect(approved.decidedBy == lead.id)
            #expect(approved.snapshot == waiting.snapshot)
            #expect(approved.approval == approval)
            #expect(try await shares.share(waiting.id, readBy: lead, asRecipient: false, now: now)?.approval?.reason == "Risk of harm at home")
            #expect(try await shares.approvalQueue().isEmpty)
            await #expect(throws: AlreadyDecided(.approved, by: "Dana Lead", at: now)) {
                _ = try await shares.approve(waiting.id, by: lead.id, reason: "Again", now: now)
            }

            let second = try await shares.record(proposal(f, by: f.staff, contact: nil))
            await #expect(throws: ShareDecisionProblem.reasonMissing) {
                _ = try await shares.refuse(second.id, reason: "  ", by: lead.id, now: now)
            }
            let refused = try await shares.refuse(second.id, reason: "Consent can still be sought first", by: lead.id, now: now)
            #expect(refused.status == .refused)
            #expect(refused.refusalReason == "Consent can still be sought first")
            #expect(try await shares.shares(ofConcern: f.record.concern.id).count == 2)
        }
    }

    @Test(
        "a staff member's share in immediate danger is listed for the lead by its plain column, and shares from before the column are opened once to fill it",
        arguments: TestDatabaseKind.available)
    func sharedInEmergency(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let contact = try await contact(shares, f)
            let emergency = ShareProposal.make(
                for: f.record,
                answers: ShareAnswers(
                    recipient: ShareRecipient(kind: .partnerAgency, label: "Pat Partner, Agency", contactID: contact.id),
                    purpose: .safeguarding, form: .identified, consent: .refused, consentBy: "Zebedee", risk: .immediateDanger,
                    subjectHasCapacity: false, reason: "He is in danger now", parts: [.subject, .account]),
                proposer: f.staff, organisation: Self.organisation, now: now)
            #expect(emergency.status == .shared && emergency.decision.obligations.contains(.informDSLAfter))
            let ordinary = proposal(f, by: f.lead, contact: contact.id, at: now.addingTimeInterval(60))
            #expect(ordinary.status == .shared && !ordinary.decision.obligations.contains(.informDSLAfter))
            _ = try await shares.record(emergency)
            _ = try await shares.record(ordinary)
            #expect(try await shares.sharedInEmergency().map(\.id) == [emergency.id])

            // As shares recorded before the column was added.
            let sql = try #require(database.database as? any SQLDatabase)
            try await sql.raw("UPDATE shares SET informs_dsl_after = NULL").run()
            #expect(try await shares.sharedInEmergency().map(\.id) == [emergency.id])
            let filled = try await sql.raw("SELECT id, informs_dsl_after FROM shares").all().map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "informs_dsl_after", as: Bool?.self))
            }
            #expect(Dictionary(uniqueKeysWithValues: filled) == [emergency.id: true, ordinary.id: false])
            #expect(try await shares.sharedInEmergency().map(\.id) == [emergency.id])
        }
    }

    @Test("a revoked share is logged and no longer open", arguments: TestDatabaseKind.available)
    func revoke(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let stored = try await shares.record(proposal(f, by: f.lead, contact: nil))
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
            let waiting = try await shares.record(proposal(f, by: f.staff, contact: nil))
            let outcomes = try await withThrowingTaskGroup(of: Result<Share, AlreadyDecided>.self, returning: [Result<Share, AlreadyDecided>].self) {
                group in
                for (n, lead) in leads.enumerated() {
                    group.addTask {
                        do {
                            return .success(
                                n.isMultiple(of: 2)
                                    ? try await shares.approve(waiting.id, by: lead.id, reason: "Risk of harm", now: now)
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
            let expectedTasks = try waiting.approved(by: f.lead.id, reason: "Risk of harm", at: now).opensTasks.count
            #expect(expectedTasks > 0)
            #expect(try await shares.tasks(ofShare: waiting.id).count == (winner.status == .shared ? expectedTasks : 0))
        }
    }

    @Test("two people closing one task at once: one is saved, the other is told who closed it", arguments: TestDatabaseKind.available)
    func concurrentCompletion(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let lead = f.lead
            let shares = ShareStore(database, cipher: Self.cipher)
            let waiting = try await shares.record(proposal(f, by: f.staff, contact: nil))
            _ = try await shares.approve(waiting.id, by: lead.id, reason: "Risk of harm", now: now)
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

    @Test(
        "every decision kind and form, with and without corrections, is recorded as the proposal says in one step",
        arguments: TestDatabaseKind.available)
    func everyDecisionKind(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let contact = try await contact(shares, f)
            var seen = Set<String>()
            for proposer in [f.staff, f.lead] {
                for form in ShareForm.allCases {
                    for consent in [Consent.refused, .given] {
                        for parts in [Set<SharePart>([.subject, .account]), [.subject, .account, .addenda]] {
                            var candidate = proposal(f, by: proposer, contact: contact.id, form: form, consent: consent, parts: parts)
                            // A share to the person alleged to have caused harm is denied.
                            if consent == .given, proposer.role == .staff {
                                var answers = try #require(candidate.snapshot.answers)
                                answers.recipientIsAllegedPerpetrator = true
                                candidate = ShareProposal.make(
                                    for: f.record, answers: answers, proposer: proposer, organisation: Self.organisation, now: now)
                            }
                            let stored = try await shares.record(candidate)
                            seen.insert("\(candidate.decision.outcome.rawValue)-\(form.rawValue)")
                            #expect(stored.status == Share.status(for: candidate.decision.outcome))
                            let opened = try #require(try await shares.share(stored.id, readBy: f.lead, asRecipient: false, now: now))
                            #expect(opened.snapshot == candidate.snapshot)
                            let corrections = opened.snapshot.sections.filter { $0.heading.hasPrefix("Correction added on") }
                            #expect(corrections.map(\.text) == (parts.contains(.addenda) ? ["Correction: the right arm."] : []))
                            let tasks = try await shares.tasks(ofShare: stored.id)
                            #expect(Set(tasks.map(\.kind)) == Set(candidate.opensTasks))
                        }
                    }
                }
            }
            #expect(seen.isSuperset(of: ["permit-identified", "permit-deidentified", "escalate-identified", "deny-identified"]), "\(seen)")
        }
    }

    @Test("a person is told once per concern: later shares join the open inform and involve tasks", arguments: TestDatabaseKind.available)
    func oneTaskPerPersonPerConcern(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let contact = try await contact(shares, f)
            let first = try await shares.record(proposal(f, by: f.lead, contact: contact.id))
            let second = try await shares.record(proposal(f, by: f.lead, contact: nil, at: now.addingTimeInterval(60)))
            let waiting = try await shares.record(proposal(f, by: f.staff, contact: contact.id, at: now.addingTimeInterval(120)))
            _ = try await shares.approve(waiting.id, by: f.lead.id, reason: "Police must act", now: now.addingTimeInterval(180))
            let tasks = try await shares.tasks(ofPerson: f.record.person.id)
            #expect(tasks.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.inform, .involve])
            for task in tasks {
                #expect(task.shareIDs == [first.id, second.id, waiting.id])
                #expect(task.concernID == f.record.concern.id)
            }
            // Once the person has been told, a later share is something new to tell them.
            let inform = try #require(tasks.first { $0.kind == .inform })
            _ = try await shares.complete(inform.id, method: .inPerson, note: "Told in person", by: f.lead.id, now: now.addingTimeInterval(240))
            let later = try await shares.record(proposal(f, by: f.lead, contact: nil, at: now.addingTimeInterval(300)))
            let open = try await shares.tasks(ofPerson: f.record.person.id).filter { $0.completedAt == nil }
            #expect(Set(open.map(\.kind)) == [.inform, .involve])
            #expect(open.first { $0.kind == .inform }?.shareIDs == [later.id])
        }
    }

    @Test(
        "done tasks come a page at a time, newest first, each page after the last; staff see only tasks covering their own shares",
        arguments: TestDatabaseKind.available)
    func tasksPaged(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let shares = ShareStore(database, cipher: Self.cipher)
            let contact = try await contact(shares, f)
            for round in 0..<3 {
                let at = now.addingTimeInterval(Double(round) * 600)
                _ = try await shares.record(proposal(f, by: f.lead, contact: contact.id, at: at))
                for task in try await shares.openTasks(coveringSharesOf: nil) {
                    _ = try await shares.complete(task.id, method: .inPerson, note: "Told", by: f.lead.id, now: at.addingTimeInterval(60))
                }
            }
            #expect(try await shares.openTasks(coveringSharesOf: nil).isEmpty)
            var pages: [[InformTask]] = []
            var after: ListCursor?
            repeat {
                let page = try await shares.doneTasks(coveringSharesOf: nil, after: after, limit: 4)
                pages.append(page.tasks)
                after = page.next
            } while after != nil
            #expect(pages.map(\.count) == [4, 2])
            let done = pages.flatMap { $0 }
            #expect(Set(done.map(\.id)).count == 6)
            #expect(done.compactMap(\.completedAt) == done.compactMap(\.completedAt).sorted(by: >))
            #expect(try await shares.doneTasks(coveringSharesOf: nil, after: nil, limit: 6).next == nil)

            // The shares themselves, newest first, a page at a time; the recipient's open ones counted the same way.
            let firstShares = try await shares.proposed(by: f.lead.id, after: nil, limit: 2)
            let restShares = try await shares.proposed(by: f.lead.id, after: try #require(firstShares.next), limit: 2)
            let proposed = firstShares.facts + restShares.facts
            #expect(proposed.count == 3 && restShares.next == nil)
            #expect(proposed.map(\.createdAt) == proposed.map(\.createdAt).sorted(by: >))
            let later = now.addingTimeInterval(3_000)
            let received = try await shares.openReceived(by: UUID(), contacts: [contact.id], now: later, after: nil, limit: 10)
            #expect(Set(received.facts.map(\.id)) == Set(proposed.map(\.id)))
            #expect(try await shares.openReceivedCount(by: UUID(), contacts: [contact.id], now: later) == 3)
            #expect(try await shares.openReceivedCount(by: UUID(), contacts: [], now: later) == 0)

            // A member of staff's share, approved: its tasks are theirs to see, the lead's earlier ones are not.
            let waiting = try await shares.record(proposal(f, by: f.staff, contact: contact.id, at: now.addingTimeInterval(3_600)))
            _ = try await shares.approve(waiting.id, by: f.lead.id, reason: "Police must act", now: now.addingTimeInterval(3_700))
            let staffs = try await shares.openTasks(coveringSharesOf: f.staff.id)
            #expect(Set(staffs.map(\.kind)) == [.inform, .involve] && staffs.allSatisfy { $0.shareIDs.contains(waiting.id) })
            #expect(try await shares.doneTasks(coveringSharesOf: f.staff.id, after: nil, limit: 10).tasks.isEmpty)
            #expect(try await shares.doneTasks(coveringSharesOf: f.lead.id, after: nil, limit: 10).tasks.count == 6)
        }
    }

    @Test("shares, approvals and refusals tell the right people by email, without content", arguments: TestDatabaseKind.available)
    func notices(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            let board = NoticeBoard(database, cipher: Self.cipher, siteAddress: "https://confidant.example.org/")
            let shares = ShareStore(database, cipher: Self.cipher, notices: board)
            let outbox = MailOutbox(database, cipher: Self.cipher)
            let contact = try await contact(shares, f, email: "quinn@example.org")
            let waiting = try await shares.record(proposal(f, by: f.staff, contact: contact.id))
            var mail = try await outbox.messages()
            #expect(mail.map(\.recipient) == ["dana@example.org"])
            #expect(mail.first?.subject == "A share is waiting for your decision")
            _ = try await shares.approve(waiting.id, by: f.lead.id, reason: "Police must act", now: now)
            mail = try await outbox.messages()
            #expect(mail.map(\.recipient) == ["dana@example.org", "quinn@example.org", "sam@example.org"])
            #expect(mail[1].subject == "Something has been shared with you")
            #expect(mail[1].body.contains("https://confidant.example.org/shares/\(waiting.id)/code"))
            #expect(mail[2].subject == "Your share was approved")
            for email in mail {
                for word in ["Zebedee", "Testchild", "arm", "Imaginary", "Police must act"] {
                    #expect(!email.body.contains(word) && !email.subject.contains(word), "\(word) in \(email)")
                }
            }
            let refused = try await shares.record(proposal(f, by: f.staff, contact: contact.id))
            _ = try await shares.refuse(refused.id, reason: "Ask for consent first", by: f.lead.id, now: now)
            #expect(try await outbox.messages().last?.subject == "Your share was refused")
        }
    }

    @Test("a daily digest holds what is not urgent; what is urgent goes at once; each notice goes once", arguments: TestDatabaseKind.available)
    func digestsAndSweeps(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let f = try await fixture(database)
            _ = try await UserStore(database).setDailyDigest(id: f.lead.id, true, now: now)
            let board = NoticeBoard(database, cipher: Self.cipher, siteAddress: "https://confidant.example.org")
            let shares = ShareStore(database, cipher: Self.cipher, notices: board)
            let outbox = MailOutbox(database, cipher: Self.cipher)
            let waiting = try await shares.record(proposal(f, by: f.staff, contact: nil))
            #expect(try await outbox.messages().isEmpty)
            // The concern has waited for triage for more than a day: an urgent notice would go now, this one waits.
            let later = now.addingTimeInterval(25 * 3600)
            try await board.sweep(now: later)
            try await board.sweep(now: later)
            #expect(try await outbox.messages().isEmpty)
            _ = try await shares.approve(waiting.id, by: f.lead.id, reason: "Risk of harm", now: now)
            // The inform task is due in two working days; a week on it is overdue.
            let weekOn = now.addingTimeInterval(7 * 86_400)
            try await board.sweep(now: weekOn)
            try await board.sweep(now: weekOn)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let morning = calendar.date(bySettingHour: 7, minute: 30, second: 0, of: weekOn)!
            try await board.sendDigests(now: morning)
            try await board.sendDigests(now: morning.addingTimeInterval(-1800))
            try await board.sendDigests(now: morning.addingTimeInterval(1800))
            let digests = try await outbox.messages().filter { $0.recipient == "dana@example.org" }
            #expect(digests.count == 1)
            let digest = try #require(digests.first)
            #expect(digest.subject == "Your daily summary from Confidant")
            #expect(digest.body.contains("A share is waiting for your decision (1)"))
            #expect(digest.body.contains("A concern is still waiting for triage (1)"))
            #expect(digest.body.contains("An inform or involve task is overdue (2)"))
            #expect(!digest.body.contains("Zebedee"))
            let queues = try await board.leadQueues(now: weekOn)
            #expect(queues == NoticeBoard.LeadQueues(triage: 1, approvals: 0, advice: 0, overdueTasks: 2))
        }
    }

    @Test(
        "a sweep tells of what became late within its window, and leaves older lateness to the leads' timers", arguments: TestDatabaseKind.available)
    func sweepWindow(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            _ = try await fixture(database)
            let board = NoticeBoard(database, cipher: Self.cipher, siteAddress: "https://confidant.example.org")
            // The concern became late a day after it was submitted; a sweep run long after the window says nothing of it…
            let muchLater = now.addingTimeInterval(NoticeBoard.sweepWindow + 3 * 86_400)
            try await board.sweep(now: muchLater)
            #expect(try await database.countRows("notices") == 0)
            #expect(try await board.leadTimers(now: muchLater, waits: NoticeBoard.TriageWaits()).lateTriage == 1)
            // …while one run within the window tells the lead once, however often it runs.
            let dayOn = now.addingTimeInterval(25 * 3600)
            try await board.sweep(now: dayOn)
            try await board.sweep(now: dayOn.addingTimeInterval(60))
            #expect(try await database.countRows("notices") == 1)
        }
    }
}
