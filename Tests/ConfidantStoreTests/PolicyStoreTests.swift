import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("Policy versions, consultation and acknowledgments in the store")
struct PolicyStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// A made-up organisation's text: every built-in clause rests on one of its sections.
    static let text =
        "This is the Example Youth Trust's confidentiality policy (made up for tests).\n\n"
        + PolicyText.generated(from: .mct)

    struct People {
        let lead: PolicyActor
        let manager: PolicyActor
        let secondManager: PolicyActor
        let staff: PolicyActor
        let partner: PolicyActor
        let otherPartner: PolicyActor
    }

    func people(_ database: ConfidantDatabase) async throws -> People {
        let users = UserStore(database)
        func make(_ name: String, _ role: UserRole) async throws -> PolicyActor {
            let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.org"
            let user = try await users.create(try AccountDetails(name: name, email: email), role: role, passwordHash: nil, now: now, by: "system")
            return PolicyActor(id: user.id, role: role)
        }
        return People(
            lead: try await make("Dana Lead", .dsl), manager: try await make("Morgan Manager", .manager),
            secondManager: try await make("Robin Manager", .manager), staff: try await make("Sam Staff", .staff),
            partner: try await make("Pat Partner", .partner), otherPartner: try await make("Quinn Partner", .partner))
    }

    /// A draft (a new import unless one is given) taken through consultation to a request the DSL made.
    func waitingForApproval(
        _ policies: PolicyStore, draft: PolicyVersion? = nil, text: String = Self.text,
        clauses: ConfidentialityPolicy? = nil, p: People, at time: Date? = nil
    ) async throws -> PolicyVersion {
        let time = time ?? now
        var version = draft
        if version == nil { version = try await policies.importDraft(text: text, clauses: clauses, label: "Test", by: p.lead, now: time) }
        guard let version else { throw PolicyStoreError.notFound }
        _ = try await policies.openConsultation(version.id, partners: [], by: p.lead, now: time)
        return try await policies.requestPublication(version.id, by: p.lead, now: time)
    }

    /// A version taken through consultation and published by the manager.
    func publish(
        _ policies: PolicyStore, text: String = Self.text, clauses: ConfidentialityPolicy? = nil, p: People,
        at time: Date
    ) async throws -> PolicyVersion {
        let draft = try await waitingForApproval(policies, text: text, clauses: clauses, p: p, at: time)
        return try await policies.approvePublication(draft.id, by: p.manager, now: time)
    }

    @Test(
        "a draft goes through consultation to publication with a second approver, and every step is logged",
        arguments: TestDatabaseKind.available)
    func lifecycle(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let policies = PolicyStore(
                database, outbox: MailOutbox(database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))))
            let draft = try await policies.importDraft(text: Self.text, label: "2027 review", by: p.lead, now: now)
            #expect(draft.status == .draft)
            #expect(draft.number == 1)
            #expect(draft.grounding.ungrounded.isEmpty)
            #expect(draft.isReadable(by: .dsl, isNamedConsultee: false))
            #expect(!draft.isReadable(by: .staff, isNamedConsultee: false))

            // Staff cannot edit; comments wait for the consultation.
            await #expect(throws: PolicyStoreError.self) {
                _ = try await policies.edit(draft.id, label: "x", text: Self.text, by: p.staff, now: now)
            }
            let section = try #require(draft.text.sections.first { $0.heading == "Limited confidentiality" })
            await #expect(throws: PolicyStoreError.self) {
                _ = try await policies.comment(on: draft.id, sectionID: section.id, body: "Too early", by: p.staff, now: now)
            }
            // Only partner contacts are named.
            await #expect(throws: PolicyStoreError.notPartnerContacts) {
                _ = try await policies.openConsultation(draft.id, partners: [p.staff.id], by: p.lead, now: now)
            }
            let open = try await policies.openConsultation(draft.id, partners: [p.partner.id], by: p.lead, now: now)
            #expect(open.status == .consultation)
            #expect(try await policies.consultees(of: draft.id).map(\.name) == ["Pat Partner"])
            #expect(open.isReadable(by: .staff, isNamedConsultee: false))
            #expect(!open.isReadable(by: .partner, isNamedConsultee: false))

            let staffComment = try await policies.comment(
                on: draft.id, sectionID: section.id, body: "  Please say who covers for the DSL.  ", by: p.staff, now: now)
            #expect(staffComment.body == "Please say who covers for the DSL.")
            _ = try await policies.comment(on: draft.id, sectionID: section.id, body: "Fine by us.", by: p.partner, now: now)
            await #expect(throws: PolicyStoreError.self) {
                _ = try await policies.comment(on: draft.id, sectionID: section.id, body: "Not invited", by: p.otherPartner, now: now)
            }
            await #expect(throws: PolicyStoreError.unknownSection) {
                _ = try await policies.comment(on: draft.id, sectionID: "no-such-section", body: "Where?", by: p.staff, now: now)
            }
            await #expect(throws: PolicyStoreError.self) {
                _ = try await policies.comment(on: draft.id, sectionID: section.id, body: "   ", by: p.staff, now: now)
            }
            // Owners see every comment; others see their own.
            #expect(try await policies.comments(on: draft.id, visibleTo: p.lead).count == 2)
            #expect(try await policies.comments(on: draft.id, visibleTo: p.staff).map(\.body) == ["Please say who covers for the DSL."])

            // Publication waits until every comment is resolved.
            await #expect(throws: PolicyStoreError.self) { _ = try await policies.requestPublication(draft.id, by: p.lead, now: now) }
            for comment in try await policies.comments(on: draft.id, visibleTo: p.lead) {
                await #expect(throws: PolicyStoreError.self) {
                    try await policies.answer(comment: comment.id, answer: "No", resolve: true, by: p.staff, now: now)
                }
                await #expect(throws: PolicyStoreError.emptyAnswer) {
                    try await policies.answer(comment: comment.id, answer: "  ", resolve: false, by: p.lead, now: now)
                }
                let on = try await policies.answer(comment: comment.id, answer: "Thank you: added.", resolve: true, by: p.lead, now: now)
                #expect(on == draft.id)
            }
            #expect(try await policies.openCommentCount(on: draft.id) == 0)

            // The manager who asks cannot also approve; another manager can.
            _ = try await policies.requestPublication(draft.id, by: p.manager, now: now)
            await #expect(throws: PolicyStoreError.self) { _ = try await policies.edit(draft.id, label: "x", text: Self.text, by: p.lead, now: now) }
            await #expect(throws: PolicyStoreError.self) { _ = try await policies.approvePublication(draft.id, by: p.manager, now: now) }
            await #expect(throws: PolicyStoreError.self) { _ = try await policies.approvePublication(draft.id, by: p.lead, now: now) }
            let published = try await policies.approvePublication(draft.id, by: p.secondManager, now: now)
            #expect(published.status == .published)
            #expect(published.approvedBy == p.secondManager.id)
            #expect(try await policies.current()?.id == draft.id)

            // A second version supersedes it.
            let second = try await publish(policies, p: p, at: now.addingTimeInterval(60))
            #expect(second.number == 2)
            #expect(try await policies.version(draft.id)?.status == .superseded)
            #expect(try await policies.versions().filter { $0.status == .published }.map(\.id) == [second.id])

            let events = try await AuditLogStore(database).events(from: 1, limit: 500)
            let details = events.filter { $0.action == .policyChanged }.map(\.detail)
            for step in ["drafted", "consultation_opened", "commented", "comment_resolved", "publication_requested"] {
                #expect(details.contains { $0.contains("\"step\":\"\(step)\"") }, "no \(step) event")
            }
            #expect(events.filter { $0.action == .policyPublished }.count == 2)
            #expect(try await AuditLogStore(database).verify(key: nil).isIntact)
        }
    }

    @Test("a refused publication records the reason and keeps the version in consultation", arguments: TestDatabaseKind.available)
    func refusal(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let policies = PolicyStore(
                database, outbox: MailOutbox(database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))))
            let draft = try await waitingForApproval(policies, p: p)
            await #expect(throws: PolicyStoreError.self) {
                _ = try await policies.refusePublication(draft.id, reason: "  ", by: p.manager, now: now)
            }
            let refused = try await policies.refusePublication(draft.id, reason: "Add the deputy's name first.", by: p.manager, now: now)
            #expect(refused.status == .consultation)
            #expect(refused.publicationRequestedBy == nil)
            #expect(refused.publicationRefusal == "Add the deputy's name first.")
            #expect(try await policies.current() == nil)
        }
    }

    @Test("a clause resting on no section blocks publication until it is given one", arguments: TestDatabaseKind.available)
    func ungroundedClauses(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let policies = PolicyStore(
                database, outbox: MailOutbox(database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))))
            let text = "Our policy\n\nWe keep people safe and we tell the safeguarding lead about every worry."
            let draft = try await policies.importDraft(text: text, by: p.lead, now: now)
            #expect(draft.grounding.ungrounded.count == ConfidentialityPolicy.mct.clauses.count)
            _ = try await policies.openConsultation(draft.id, partners: [], by: p.lead, now: now)
            await #expect(throws: PolicyStoreError.self) { _ = try await policies.requestPublication(draft.id, by: p.lead, now: now) }
            var version = draft
            for clause in ConfidentialityPolicy.mct.clauses {
                version = try await policies.editClause(
                    draft.id, rule: clause.rule, title: clause.title, statement: clause.statement,
                    section: "Our policy", by: p.lead, now: now)
            }
            #expect(version.grounding.ungrounded.isEmpty)
            #expect(version.policy.clauses.map(\.id) == ConfidentialityPolicy.mct.clauses.map(\.id))
            await #expect(throws: PolicyStoreError.self) {
                _ = try await policies.editClause(draft.id, rule: .consent, title: "", statement: "x", section: "Our policy", by: p.lead, now: now)
            }
            _ = try await policies.requestPublication(draft.id, by: p.lead, now: now)
        }
    }

    @Test("bad text is refused with the reason and nothing is written", arguments: TestDatabaseKind.available)
    func badText(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let policies = PolicyStore(
                database, outbox: MailOutbox(database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))))
            let before = try await AuditLogStore(database).head().size
            for text in ["", "   \n\n  ", "Heading\n\nBody with a NUL \u{0} in it.", String(repeating: "x", count: PolicyText.maximumBytes + 1)] {
                await #expect(throws: PolicyStoreError.self) { _ = try await policies.importDraft(text: text, by: p.lead, now: now) }
            }
            await #expect(throws: PolicyStoreError.self) {
                _ = try await policies.importDraft(text: Self.text, label: "two\nlines", by: p.lead, now: now)
            }
            await #expect(throws: PolicyStoreError.self) { _ = try await policies.importDraft(text: Self.text, by: p.staff, now: now) }
            #expect(try await policies.versions().isEmpty)
            #expect(try await AuditLogStore(database).head().size == before)
        }
    }

    @Test(
        "everyone must acknowledge the current version; a new starter passes the check first; text-only changes keep acknowledgments",
        arguments: TestDatabaseKind.available)
    func acknowledgment(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let policies = PolicyStore(
                database, outbox: MailOutbox(database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))))
            #expect(try await policies.mustAcknowledge(p.staff.id) == false)
            let first = try await publish(policies, p: p, at: now)
            #expect(try await policies.mustAcknowledge(p.staff.id))
            await #expect(throws: PolicyStoreError.understandingRequired) {
                try await policies.acknowledge(first.id, by: p.staff.id, understandingPassed: false, now: now)
            }
            try await policies.acknowledge(first.id, by: p.staff.id, understandingPassed: true, now: now)
            try await policies.acknowledge(first.id, by: p.staff.id, understandingPassed: true, now: now)  // twice is once
            #expect(try await policies.mustAcknowledge(p.staff.id) == false)
            let status = try await policies.inductionStatus(of: p.staff.id)
            #expect(status.acknowledgedCurrent && status.understandingPassed && !status.mustAcknowledge)

            // Only the text changes: the acknowledgment still counts.
            let reworded = try await publish(
                policies, text: Self.text + "\n\nContact\n\nAsk any member of staff.", p: p, at: now.addingTimeInterval(60))
            #expect(reworded.acknowledgementBaseline == first.number)
            #expect(try await policies.mustAcknowledge(p.staff.id) == false)
            // The report says which version was acknowledged, and when: never a date against a version not yet made.
            let carried = try #require(try await policies.acknowledgementReport().first { $0.user.id == p.staff.id })
            #expect(carried.acknowledgedVersionNumber == first.number && carried.acknowledgedAt == now)
            await #expect(throws: PolicyStoreError.notCurrent) {
                try await policies.acknowledge(first.id, by: p.manager.id, understandingPassed: true, now: now)
            }

            // A clause changes: everyone acknowledges again, without repeating the check.
            var clauses = ConfidentialityPolicy.mct.clauses
            clauses[0].statement += " Always."
            let changed = try await publish(
                policies, clauses: try ConfidentialityPolicy(name: "Test", version: "x", clauses: clauses),
                p: p, at: now.addingTimeInterval(120))
            #expect(changed.acknowledgementBaseline == changed.number)
            #expect(try await policies.mustAcknowledge(p.staff.id))
            let again = try await policies.inductionStatus(of: p.staff.id)
            #expect(again.lastAcknowledged?.id == first.id)
            #expect(try #require(try await policies.acknowledgementReport().first { $0.user.id == p.staff.id }).hasAcknowledged == false)
            try await policies.acknowledge(changed.id, by: p.staff.id, understandingPassed: false, now: now.addingTimeInterval(180))
            #expect(try await policies.mustAcknowledge(p.staff.id) == false)
            let renewed = try #require(try await policies.acknowledgementReport().first { $0.user.id == p.staff.id })
            #expect(renewed.acknowledgedVersionNumber == changed.number && renewed.acknowledgedAt == now.addingTimeInterval(180))

            let acknowledged = try await AuditLogStore(database).events(from: 1, limit: 500).filter { $0.action == .policyAcknowledged }
            #expect(acknowledged.count == 2)
            #expect(acknowledged.allSatisfy { $0.actor == AuditName.user(p.staff.id) })
        }
    }

    @Test("the report lists who has not acknowledged first, and reminders are sent at most once a day", arguments: TestDatabaseKind.available)
    func reportAndReminders(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let policies = PolicyStore(
                database, outbox: MailOutbox(database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))))
            await #expect(throws: PolicyStoreError.nothingPublished) {
                _ = try await policies.remind([p.staff.id], link: "https://confidant.example/induction", by: p.manager.id, now: now)
            }
            let version = try await publish(policies, p: p, at: now)
            try await policies.acknowledge(version.id, by: p.lead.id, understandingPassed: true, now: now)
            let report = try await policies.acknowledgementReport()
            #expect(report.count == 6)
            #expect(report.last?.user.id == p.lead.id)
            #expect(report.filter(\.hasAcknowledged).count == 1)

            let emails = try await policies.remind(
                [p.staff.id, p.lead.id, p.staff.id], link: "https://confidant.example/induction",
                by: p.manager.id, now: now)
            #expect(emails.map(\.recipient) == ["sam.staff@example.org"])
            #expect(emails.first?.body.contains("https://confidant.example/induction") == true)
            #expect(try await policies.remind([p.staff.id], link: "l", by: p.manager.id, now: now.addingTimeInterval(3600)).isEmpty)
            #expect(try await policies.remind([p.staff.id], link: "l", by: p.manager.id, now: now.addingTimeInterval(25 * 3600)).count == 1)
            let staffLine = try #require(try await policies.acknowledgementReport().first { $0.user.id == p.staff.id })
            #expect(staffLine.reminders == 2)
            #expect(!staffLine.hasAcknowledged)
        }
    }

    @Test("a draft started before a newer version came into force cannot be published over it", arguments: TestDatabaseKind.available)
    func staleDraft(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let policies = PolicyStore(
                database, outbox: MailOutbox(database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))))
            let first = try await publish(policies, p: p, at: now)
            let older = try await policies.startDraft(from: first.id, by: p.lead, now: now)
            let newer = try await policies.startDraft(from: first.id, by: p.lead, now: now)
            for draft in [older, newer] {
                _ = try await waitingForApproval(policies, draft: draft, p: p)
            }
            _ = try await policies.approvePublication(newer.id, by: p.manager, now: now)
            await #expect(throws: PolicyStoreError.notBasedOnCurrent(currentNumber: newer.number)) {
                _ = try await policies.approvePublication(older.id, by: p.manager, now: now)
            }
            #expect(try await policies.current()?.id == newer.id)
        }
    }

    @Test("two managers approving at the same moment publish once", arguments: TestDatabaseKind.available)
    func concurrentApprovals(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let policies = PolicyStore(
                database, outbox: MailOutbox(database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))))
            let draft = try await waitingForApproval(policies, p: p)
            async let first: Bool = (try? await policies.approvePublication(draft.id, by: p.manager, now: now)) != nil
            async let second: Bool = (try? await policies.approvePublication(draft.id, by: p.secondManager, now: now)) != nil
            let outcomes = await [first, second]
            #expect(outcomes.filter { $0 }.count == 1)
            let published = try await AuditLogStore(database).events(from: 1, limit: 500).filter { $0.action == .policyPublished }
            #expect(published.count == 1)
            // Two clicks on "Acknowledge" at once record one acknowledgment and fail neither.
            async let click1: Void = policies.acknowledge(draft.id, by: p.staff.id, understandingPassed: true, now: now)
            async let click2: Void = policies.acknowledge(draft.id, by: p.staff.id, understandingPassed: true, now: now)
            _ = try await (click1, click2)
            let acknowledged = try await AuditLogStore(database).events(from: 1, limit: 500).filter { $0.action == .policyAcknowledged }
            #expect(acknowledged.count == 1)
        }
    }

    @Test("clause wording is checked: no empty, multi-line or direction-reversing titles", arguments: TestDatabaseKind.available)
    func clauseWording(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let policies = PolicyStore(
                database, outbox: MailOutbox(database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))))
            let draft = try await policies.importDraft(text: Self.text, by: p.lead, now: now)
            for title in ["  ", "Two\nlines", "Reversed \u{202E}txet", String(repeating: "t", count: 201)] {
                await #expect(throws: PolicyStoreError.self) {
                    _ = try await policies.editClause(
                        draft.id, rule: .consent, title: title, statement: "s", section: "Policy statement",
                        by: p.lead, now: now)
                }
            }
            let edited = try await policies.editClause(
                draft.id, rule: .consent, title: "  Sharing with agreement  ",
                statement: "First line.\r\nSecond line.", section: "Policy statement", by: p.lead, now: now)
            #expect(edited.policy.clause(for: .consent).title == "Sharing with agreement")
            #expect(edited.policy.clause(for: .consent).statement == "First line.\nSecond line.")
            var clauses = ConfidentialityPolicy.mct.clauses
            clauses[0].title = "Bad \u{0007} bell"
            await #expect(throws: PolicyStoreError.self) {
                _ = try await policies.importDraft(
                    text: Self.text, clauses: try ConfidentialityPolicy(name: "x", version: "1", clauses: clauses),
                    by: p.lead, now: now)
            }
        }
    }
}
