import ConfidantCore
import ConfidantDemo
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ConfidantWeb

@Suite("Sharing: the partner register, proposals decided by the engine, approval, delivery and revocation")
struct ShareTests {
    static let concernForm: [String: String] = [
        "conversation_date": "2026-11-10", "conversation_time": "16:20", "place": "The sports hall after training",
        "disclosed_by": "person", "account": "\"Uncle Zed hits me when mum is out\" said Robin Testchild of 14 Oakfield Road, Nowhereton NW1 2XY",
        "observations": "A bruise on Robin's left forearm", "opinion": "Seemed frightened", "limits_explained": "yes",
        "limits_how": "Said at the start I might have to tell the safeguarding lead", "secrecy_requested": "yes",
        "offered": "limited", "categories": "physical", "risk": "significant_harm",
        "actions_taken": "Told the DSL by phone at 16:45",
    ]

    struct Case: Sendable {
        let staff: WebHarness.Browser
        let dsl: WebHarness.Browser
        let partner: WebHarness.Browser
        let contactID: UUID
        let concernID: String
    }

    /// A staff member's submitted concern about a made-up child, and a partner agency contact with an account.
    func setUp(_ harness: WebHarness) async throws -> Case {
        let staff = try await harness.browser(.staff)
        let dsl = try await harness.browser(.dsl)
        let partner = try await harness.browser(.partner, email: "pat.partner@example.org")
        let person = try await harness.request(
            .post, "/people", as: staff,
            form: ["kind": "child", "name": "Robin Testchild", "date_of_birth": "2014-03-27", "confirm_new": "yes"])
        let personID = String((person.headers[.location] ?? "").dropFirst("/people/".count))
        var fields = Self.concernForm
        fields["action"] = "submit"
        let concern = try await harness.request(.post, "/people/\(personID)/concerns", as: staff, form: fields)
        let concernID = String((concern.headers[.location] ?? "").dropFirst("/concerns/".count).prefix(36))
        let agency = try await harness.request(
            .post, "/agencies", as: dsl,
            form: [
                "name": "Fictional County Children's Services", "type": "childrens_social_care",
                "agreement_reference": "DSA-2026-07", "agreement_review_date": "2027-06-30",
            ])
        #expect(agency.status == .seeOther)
        let agencyID = try #require(try await harness.environment.shares.agencies().first?.id)
        let contact = try await harness.request(
            .post, "/agencies/\(agencyID)/contacts", as: dsl,
            form: ["name": "Pat Partner", "email": "Pat.Partner@example.org"])
        #expect(contact.status == .seeOther)
        let contactID = try #require(try await harness.environment.shares.agencies().first?.contacts.first?.id)
        return Case(staff: staff, dsl: dsl, partner: partner, contactID: contactID, concernID: concernID)
    }

    func proposal(_ c: Case, action: String, changes: [String: String] = [:]) -> [String: String] {
        [
            "action": action, "recipient": "contact:\(c.contactID)", "parts": "account", "purpose": "safeguarding", "form": "identified",
            "consent": "refused", "consent_by": "Robin", "capacity": "yes", "risk": "significant_harm",
            "reason": "Risk of significant harm at home",
        ].merging(changes) { $1 }
    }

    /// A share of the case's concern that breaks a confidence, proposed by staff and approved by the lead.
    func approvedShare(_ harness: WebHarness, _ c: Case) async throws -> UUID {
        let proposed = try await harness.request(.post, "/concerns/\(c.concernID)/share", as: c.staff, form: proposal(c, action: "share"))
        let id = try #require(shareID(proposed))
        _ = try await harness.request(.post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "Police must act"])
        return id
    }

    func shareID(_ response: TestResponse) -> UUID? {
        UUID(uuidString: String((response.headers[.location] ?? "").dropFirst("/shares/".count)))
    }

    @Test("safeguarding leads keep the register of agencies and contacts; staff cannot", arguments: TestDatabaseKind.available)
    func register(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await setUp(harness)
            let page = try await harness.request(.get, "/agencies", as: c.dsl)
            #expect(page.status == .ok)
            #expect(page.text.contains("Fictional County Children&#39;s Services") || page.text.contains("Fictional County Children's Services"))
            #expect(page.text.contains("DSA-2026-07"))
            #expect(page.text.contains("pat.partner@example.org (has a partner account)"))
            #expect(try await harness.request(.get, "/agencies", as: c.staff).status == .forbidden)
            let bad = try await harness.request(.post, "/agencies", as: c.dsl, form: ["name": "", "agreement_review_date": "soon"])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Enter the agency&#39;s name") || bad.text.contains("Enter the agency's name"))
            // Each message sits beside its own field, and the summary links to it.
            #expect(bad.text.contains(#"id="name-error""#) && bad.text.contains(#"id="type-error""#))
            #expect(bad.text.contains(#"id="agreement_review_date-error""#))
            #expect(bad.text.contains(##"href="#type-childrens_social_care""##))
            // A review date typed as people write it is kept as YYYY-MM-DD.
            let typed = try await harness.request(
                .post, "/agencies", as: c.dsl,
                form: ["name": "Fictional Health Trust", "type": "health", "agreement_reference": "DSA-9", "agreement_review_date": "30/06/2027"])
            #expect(typed.status == .seeOther)
            #expect(try await harness.environment.shares.agencies().contains { $0.agreementReviewDate == "2027-06-30" })
            // A mistaken contact keeps what was typed and answers beside the field, not with a bare error page.
            let agencyID = try #require(try await harness.environment.shares.agencies().first?.id)
            let contact = try await harness.request(
                .post, "/agencies/\(agencyID)/contacts", as: c.dsl, form: ["name": "Jo Contact", "email": "jo at agency"])
            #expect(contact.status == .badRequest)
            #expect(contact.text.contains(#"id="contact-email-\#(agencyID.uuidString)-error""#))
            #expect(contact.text.contains(#"value="Jo Contact""#))
            #expect(contact.text.contains("There is a problem"))
        }
    }

    @Test("nothing is included by default, and checking shows the engine's decision and the exact preview", arguments: TestDatabaseKind.available)
    func check(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await setUp(harness)
            let blank = try await harness.request(.get, "/concerns/\(c.concernID)/share", as: c.staff)
            #expect(blank.status == .ok)
            #expect(!blank.text.contains("name=\"parts\" value=\"account\" checked"))
            let none = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.staff,
                form: proposal(c, action: "check", changes: ["parts": ""]))
            #expect(none.status == .badRequest)
            #expect(none.text.contains("Choose at least one part of the record to share"))
            let checked = try await harness.request(.post, "/concerns/\(c.concernID)/share", as: c.staff, form: proposal(c, action: "check"))
            #expect(checked.status == .ok)
            #expect(checked.text.contains("A safeguarding lead must decide"))
            #expect(checked.text.contains("Breaking a confidence needs the DSL"), "the clause in force, in the organisation's words")
            #expect(checked.text.contains("(clause dsl-approval)"), "the clause's id is kept for auditors")
            #expect(checked.text.contains("Uncle Zed hits me"))
            #expect(!checked.text.contains("A bruise on Robin"), "observations were not chosen")
            #expect(try await harness.environment.shares.shares(ofConcern: UUID(uuidString: c.concernID)!).isEmpty, "checking shares nothing")
        }
    }

    @Test(
        "a referral a partner can act on: who it is about, the correction, whom to call; everyone told by email; corrections travel",
        arguments: TestDatabaseKind.available)
    func referral(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await setUp(harness)
            let blank = try await harness.request(.get, "/concerns/\(c.concernID)/share", as: c.staff)
            #expect(blank.text.contains("id=\"parts-addenda\" name=\"parts\" value=\"addenda\" aria-describedby=\"parts-addenda-hint\" checked"))
            #expect(blank.text.contains("id=\"parts-contact\" name=\"parts\" value=\"contact\" aria-describedby=\"parts-contact-hint\" checked"))
            #expect(!blank.text.contains("value=\"subject\" aria-describedby=\"parts-subject-hint\" checked"))
            #expect(!blank.text.contains("name=\"capacity\" value=\"yes\" checked") && !blank.text.contains("name=\"capacity\" value=\"no\" checked"))
            #expect(blank.text.contains("Gillick competence"))
            #expect(blank.text.contains("the person alleged to have caused harm"))
            let unanswered = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.staff, form: proposal(c, action: "check", changes: ["capacity": ""]))
            #expect(unanswered.status == .badRequest)
            #expect(unanswered.text.contains("Say whether Robin Testchild is competent to decide (Gillick competence)"))

            #expect(
                try await harness.request(
                    .post, "/concerns/\(c.concernID)/addenda", as: c.dsl, form: ["text": "Correction: it was the right forearm."]
                ).status == .seeOther)
            let proposed = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.staff,
                form: proposal(c, action: "share", changes: ["capacity": "no"]).filter { $0.key != "parts" },
                repeated: ["parts": ["subject", "account", "addenda", "contact"]])
            let id = try #require(shareID(proposed))
            #expect(try await harness.environment.shares.facts(id)?.status == .awaitingApproval)
            let home = try await harness.request(.get, "/home", as: c.dsl)
            #expect(home.text.contains("1 share waiting for your decision"))
            #expect(home.text.contains("href=\"/shares/approvals\""))
            #expect(home.text.contains("1 concern waiting for triage"))
            let leadMail = try await harness.environment.outbox.messages().filter { $0.recipient == c.dsl.user.email }
            #expect(leadMail.map(\.subject).contains("A share is waiting for your decision"))
            _ = try await harness.request(.post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "Police must act today"])
            let mail = try await harness.environment.outbox.messages()
            #expect(mail.contains { $0.recipient == "pat.partner@example.org" && $0.subject == "Something has been shared with you" })
            #expect(mail.contains { $0.recipient == c.staff.user.email && $0.subject == "Your share was approved" })
            #expect(mail.allSatisfy { !$0.body.contains("Robin") && !$0.body.contains("forearm") })

            let opened = try await harness.request(.get, "/shares/\(id)", as: c.partner)
            #expect(opened.status == .ok)
            for expected in [
                "Who this is about", "Robin Testchild", "27 March 2014 (age 12)", "right forearm", "Who to contact", "Police must act today",
            ] {
                #expect(opened.text.contains(expected), "the partner sees \(expected)")
            }
            for hidden in ["What must happen", "Inform the person", "The policy&#39;s decision", "dsl_approval", "(clause "] {
                #expect(!opened.text.contains(hidden), "the partner does not see \(hidden)")
            }
            #expect(try await harness.environment.shares.tasks().filter { $0.kind == .inform }.count == 1)

            // A correction added after the share was sent goes to the same recipient in one step.
            harness.clock.advance(by: 300)
            _ = try await harness.request(
                .post, "/concerns/\(c.concernID)/addenda", as: c.staff, form: ["text": "Later: Robin has moved in with an aunt."])
            let owner = try await harness.request(.get, "/shares/\(id)", as: c.staff)
            #expect(owner.text.contains("A correction was added after this was shared"))
            #expect(
                try await harness.request(.get, "/concerns/\(c.concernID)", as: c.dsl).text.contains("A correction was added after this was shared"))
            harness.clock.advance(by: 60)
            let sent = try await harness.request(.post, "/shares/\(id)/send-correction", as: c.staff, form: [:])
            let correctionID = try #require(shareID(sent))
            let correction = try #require(
                try await harness.environment.shares.share(correctionID, readBy: c.dsl.user, asRecipient: false, now: harness.clock.now))
            #expect(correction.recipientContactID == c.contactID)
            #expect(correction.snapshot.sections.contains { $0.text == "Later: Robin has moved in with an aunt." })
            #expect(!correction.snapshot.sections.contains { $0.text.contains("right forearm") }, "only what is new")
            #expect(!(try await harness.request(.get, "/shares/\(id)", as: c.staff).text.contains("A correction was added after this was shared")))
            // Only those who look after the share can send its correction.
            #expect(try await harness.request(.post, "/shares/\(id)/send-correction", as: c.partner, form: [:]).status == .forbidden)

            #expect(try await harness.request(.post, "/account/notices", as: c.staff, form: ["notices": "daily"]).status == .seeOther)
            #expect(try await harness.environment.users.find(id: c.staff.user.id)?.dailyDigest == true)
            #expect(try await harness.request(.post, "/account/notices", as: c.staff, form: ["notices": "sometimes"]).status == .badRequest)
        }
    }

    @Test(
        "staff cannot complete an escalated identified share; the lead approves; only the named contact opens it, every view logged",
        arguments: TestDatabaseKind.available)
    func escalatedShare(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await setUp(harness)
            let proposed = try await harness.request(.post, "/concerns/\(c.concernID)/share", as: c.staff, form: proposal(c, action: "share"))
            #expect(proposed.status == .seeOther)
            let id = try #require(shareID(proposed))
            #expect(try await harness.environment.shares.facts(id)?.status == .awaitingApproval)
            #expect(try await harness.request(.get, "/shares/\(id)", as: c.partner).status == .notFound)
            #expect(try await harness.request(.post, "/shares/\(id)/approve", as: c.staff, form: [:]).status == .forbidden)
            #expect(try await harness.environment.shares.facts(id)?.status == .awaitingApproval)

            let queue = try await harness.request(.get, "/shares/approvals", as: c.dsl)
            #expect(queue.text.contains("/shares/\(id.uuidString)"))
            #expect(queue.text.contains("Robin Testchild"), "the queue says whom the share is about")
            #expect(queue.text.contains("Risk of significant harm at home"), "and why")
            #expect(try await harness.request(.get, "/shares/approvals", as: c.staff).status == .forbidden)
            let unexplained = try await harness.request(.post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "  "])
            #expect(unexplained.status == .badRequest)
            #expect(unexplained.text.contains("id=\"approve-reason-error\""))
            #expect(try await harness.environment.shares.facts(id)?.status == .awaitingApproval)
            #expect(
                try await harness.request(.post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "Police must act today"]).status
                    == .seeOther)
            let approved = try await harness.request(.get, "/shares/\(id)", as: c.dsl)
            #expect(approved.text.contains("<h1>Shared</h1>"))
            #expect(approved.text.contains("Approved by Test Designated safeguarding lead on"))
            #expect(approved.text.contains("Police must act today"))
            #expect(!approved.text.contains("A safeguarding lead must decide"), "the page shows the final decision, not the escalation")

            let before = try await harness.environment.audit.search(action: "share_viewed").count
            let opened = try await harness.request(.get, "/shares/\(id)", as: c.partner)
            #expect(opened.status == .ok)
            #expect(opened.text.contains("Uncle Zed hits me"))
            _ = try await harness.request(.get, "/shares/\(id)", as: c.partner)
            let views = try await harness.environment.audit.search(action: "share_viewed")
            #expect(views.count == before + 2)
            #expect(views.allSatisfy { $0.actor == AuditName.user(c.partner.user.id) })
            let list = try await harness.request(.get, "/shares", as: c.partner)
            #expect(list.text.contains("/shares/\(id.uuidString)"))

            let stranger = try await harness.browser(.partner, email: "someone.else@example.org")
            #expect(try await harness.request(.get, "/shares/\(id)", as: stranger).status == .notFound)
            let colleague = try await harness.browser(.staff)
            #expect(try await harness.request(.get, "/shares/\(id)", as: colleague).status == .notFound)

            #expect(try await harness.request(.post, "/shares/\(id)/revoke", as: c.staff, form: [:]).status == .seeOther)
            let revoked = try await harness.request(.get, "/shares/\(id)", as: c.partner)
            #expect(revoked.status == .notFound)
            #expect(!revoked.text.contains("Uncle Zed"))
            #expect(try await harness.environment.audit.search(action: "share_revoked").count == 1)
            let history = try await harness.request(.get, "/concerns/\(c.concernID)/share", as: c.staff)
            #expect(history.text.contains("Pat Partner, Fictional County Children"))
            #expect(history.text.contains("Revoked"))
        }
    }

    @Test("a lead refuses with a reason, and the refusal is kept as a decision not to share", arguments: TestDatabaseKind.available)
    func refusal(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await setUp(harness)
            let proposed = try await harness.request(.post, "/concerns/\(c.concernID)/share", as: c.staff, form: proposal(c, action: "share"))
            let id = try #require(shareID(proposed))
            #expect(try await harness.request(.post, "/shares/\(id)/refuse", as: c.dsl, form: ["reason": ""]).status == .badRequest)
            #expect(
                try await harness.request(
                    .post, "/shares/\(id)/refuse", as: c.dsl,
                    form: ["reason": "Speak to Robin first"]
                ).status == .seeOther)
            let page = try await harness.request(.get, "/shares/\(id)", as: c.staff)
            #expect(page.text.contains("<h1>Refused</h1>"))
            #expect(page.text.contains("Refused by Test Designated safeguarding lead on"))
            #expect(page.text.contains("Speak to Robin first"))
            #expect(page.text.contains("Propose the share again"))
            #expect(try await harness.request(.get, "/shares/\(id)", as: c.partner).status == .notFound)
        }
    }

    @Test(
        "a lead approving and a deputy refusing one share at once: one decides, the other gets 409 naming who and when",
        arguments: TestDatabaseKind.available)
    func concurrentDecision(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await setUp(harness)
            let deputy = try await harness.browser(.deputyDSL)
            let proposed = try await harness.request(.post, "/concerns/\(c.concernID)/share", as: c.staff, form: proposal(c, action: "share"))
            let id = try #require(shareID(proposed))
            let responses = try await withThrowingTaskGroup(of: (String, TestResponse).self) { group in
                group.addTask {
                    ("approve", try await harness.request(.post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "Police must act"]))
                }
                group.addTask {
                    ("refuse", try await harness.request(.post, "/shares/\(id)/refuse", as: deputy, form: ["reason": "Speak to Robin first"]))
                }
                return try await group.reduce(into: [String: TestResponse]()) { $0[$1.0] = $1.1 }
            }
            let statuses = Set(responses.values.map(\.status))
            #expect(statuses == [.seeOther, .conflict])
            let status = try #require(try await harness.environment.shares.facts(id)?.status)
            let loser = try #require(responses[status == .shared ? "refuse" : "approve"])
            #expect(loser.status == .conflict)
            let decided = status == .shared ? "approved by Test Designated safeguarding lead" : "refused by Test Deputy safeguarding lead"
            #expect(loser.text.contains("Already decided: \(decided) at 11:06 UTC on 18 November 2026."))
            let target = "share:\(id.uuidString.lowercased())"
            let created = try await harness.environment.audit.search(action: "share_created", target: target).count
            let refused = try await harness.environment.audit.search(action: "triage_decision", target: target).count
            #expect(created + refused == 1)
            #expect(try await harness.environment.shares.tasks(ofShare: id).isEmpty == (status == .refused))
        }
    }

    @Test("a denied share and a user's own decision to stop are recorded as decisions not to share", arguments: TestDatabaseKind.available)
    func notShared(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await setUp(harness)
            let denied = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.staff,
                form: proposal(c, action: "share", changes: ["flag_alleged_perpetrator": "yes"]))
            let deniedID = try #require(shareID(denied))
            let stopped = try await harness.request(.post, "/concerns/\(c.concernID)/share", as: c.staff, form: proposal(c, action: "stop"))
            let stoppedID = try #require(shareID(stopped))
            #expect(try await harness.environment.shares.facts(deniedID)?.status == .notShared)
            #expect(try await harness.environment.shares.facts(stoppedID)?.status == .notShared)
            let page = try await harness.request(.get, "/shares/\(deniedID)", as: c.staff)
            #expect(!page.text.contains("never_share"), "rules are shown by their titles, not their ids")
            #expect(page.text.contains("(clause "), "the clause ids stay for auditors, in brackets")
            #expect(page.text.contains("<h1>Decided not to share</h1>"))
            #expect(page.text.contains("The policy does not allow this share"))
            #expect(try await harness.request(.get, "/shares/\(deniedID)", as: c.partner).status == .notFound)
            #expect(try await harness.environment.audit.search(action: "share_created").isEmpty)
        }
    }

    @Test(
        "a de-identified share for advice leaves without any name, address or identifier, and its link expires after 14 days",
        arguments: TestDatabaseKind.available)
    func deidentified(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await setUp(harness)
            let proposed = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.staff,
                form: proposal(
                    c, action: "share",
                    changes: [
                        "form": "deidentified", "purpose": "advice", "parts": "account", "consent": "not_sought", "consent_by": "",
                    ]))
            let id = try #require(shareID(proposed))
            let share = try #require(try await harness.environment.shares.share(id, readBy: c.dsl.user, asRecipient: false, now: harness.clock.now))
            #expect(share.status == .shared, "\(share.snapshot.explanation)")
            let sent = share.snapshot.sections.map(\.text).joined(separator: " ")
            for identifying in ["Robin", "Testchild", "Oakfield Road", "NW1 2XY", "2014-03-27"] {
                #expect(!sent.contains(identifying), "\(identifying) in \(sent)")
            }
            #expect(sent.contains("Child A"))
            let opened = try await harness.request(.get, "/shares/\(id)", as: c.partner)
            #expect(opened.status == .ok)
            #expect(!opened.text.contains("Robin"))
            harness.clock.advance(by: 14 * 86_400 + 1)
            // The old session has long ended too: the partner signs in again.
            let session = try await harness.environment.sessions.start(userID: c.partner.user.id, now: harness.clock.now, address: "127.0.0.1")
            let again = WebHarness.Browser(user: c.partner.user, sessionToken: session.token, csrfToken: session.csrfToken)
            #expect(try await harness.request(.get, "/shares", as: again).status == .ok)
            let expired = try await harness.request(.get, "/shares/\(id)", as: again)
            #expect(expired.status == .notFound)
            #expect(!expired.text.contains("Child A"))
        }
    }
}

extension ShareTests {
    /// A de-identified share for advice, as the share form would propose it, for tests that need a stored share.
    static func adviceProposal(
        of concern: Concern, about person: Person, by proposer: UserAccount, to recipient: ShareRecipient, now: Date,
        form: ShareForm = .deidentified, files: [ConfidantCore.Attachment] = []
    ) -> ShareProposal {
        ShareProposal.make(
            for: ShareCase(concern: concern, person: person, attachments: files),
            answers: ShareAnswers(
                recipient: recipient, purpose: form == .deidentified ? .advice : .safeguarding, form: form,
                consent: form == .deidentified ? .notSought : .refused, risk: form == .deidentified ? .concern : .significantHarm,
                subjectHasCapacity: false, reason: "Advice", parts: [.subject, .account], files: Set(files.map(\.id))),
            proposer: proposer, organisation: OrganisationContact(organisation: "Test", leadName: "Test lead", phone: "", email: ""), now: now)
    }
}

@Suite("Inform and involve: tasks for exactly the shares that break a confidence")
struct InformTaskRouteTests {
    let shares = ShareTests()

    @Test(
        "an approved identified share opens inform and involve; a de-identified one none; closing records how and what was said",
        arguments: TestDatabaseKind.available)
    func tasks(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let advice = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.staff,
                form: shares.proposal(
                    c, action: "share",
                    changes: [
                        "form": "deidentified", "purpose": "advice", "consent": "not_sought",
                    ]))
            let adviceID = try #require(shares.shareID(advice))
            #expect(try await harness.environment.shares.tasks(ofShare: adviceID).isEmpty)

            let proposed = try await harness.request(.post, "/concerns/\(c.concernID)/share", as: c.staff, form: shares.proposal(c, action: "share"))
            let id = try #require(shares.shareID(proposed))
            #expect(try await harness.environment.shares.tasks(ofShare: id).isEmpty, "nothing is due before anything is shared")
            _ = try await harness.request(.post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "Police must act"])
            let tasks = try await harness.environment.shares.tasks(ofShare: id)
            #expect(Set(tasks.map(\.kind)) == [.inform, .involve])
            #expect(tasks.allSatisfy { $0.dueAt == harness.environment.configuration.workingCalendar.adding(workingDays: 2, to: harness.clock.now) })
            #expect(try await harness.environment.shares.tasks().count == 2)

            let page = try await harness.request(.get, "/tasks", as: c.dsl)
            #expect(page.status == .ok)
            #expect(page.text.contains("Inform Robin Testchild"), "the task names the person")
            #expect(page.text.contains("About the concern of 10 November 2026 (Physical abuse)"), "and the concern")
            let inform = try #require(tasks.first { $0.kind == .inform })
            let stranger = try await harness.browser(.staff)
            // The proposer's home counts their open tasks; another staff member's counts none.
            #expect(try await harness.request(.get, "/home", as: c.staff).text.contains("2 inform or involve tasks"))
            #expect(!(try await harness.request(.get, "/home", as: stranger).text.contains("inform or involve task")))
            #expect(
                try await harness.request(
                    .post, "/tasks/\(inform.id)/complete", as: stranger,
                    form: ["method": "in_person", "note": "x"]
                ).status == .notFound)
            let done = try await harness.request(
                .post, "/tasks/\(inform.id)/complete", as: c.staff,
                form: ["method": "in_person", "note": "Robin said they understood and were relieved"])
            #expect(done.status == .seeOther)
            #expect(try await harness.request(.get, "/home", as: c.staff).text.contains("1 inform or involve task"))
            let closed = try #require(try await harness.environment.shares.task(inform.id))
            #expect(closed.completedBy == c.staff.user.id)
            #expect(closed.method == .inPerson)
            #expect(closed.note == "Robin said they understood and were relieved")
            #expect(try await harness.environment.audit.search(action: "task_completed").count == 1)
            let person = try #require(try await harness.environment.records.concernFacts(UUID(uuidString: c.concernID)!)?.personID)
            let chronology = try await harness.request(.get, "/people/\(person)", as: c.dsl)
            #expect(chronology.text.contains("Task: Inform the person"))
            #expect(chronology.text.contains("Task: Involve the person"))
            #expect(chronology.text.contains("Share: Shared"))
            let again = try await harness.request(.post, "/tasks/\(inform.id)/complete", as: c.dsl, form: ["method": "phone", "note": "again"])
            #expect(again.status == .conflict)
            #expect(again.text.contains("Already decided: completed by Test Staff member at 11:06 UTC on 18 November 2026."))

            // Five days on, the involve task still open is overdue.
            harness.clock.advance(by: 5 * 86_400)
            let session = try await harness.environment.sessions.start(userID: c.staff.user.id, now: harness.clock.now, address: "127.0.0.1")
            let staffAgain = WebHarness.Browser(user: c.staff.user, sessionToken: session.token, csrfToken: session.csrfToken)
            let later = try await harness.request(.get, "/tasks", as: staffAgain)
            #expect(later.status == .ok)
            #expect(later.text.contains("overdue"))

            // Two people closing the involve task at once (as they appear to the lead and the sharer, signed in again): one is saved, the other gets
            // 409.
            let involve = try #require(tasks.first { $0.kind == .involve })
            let both = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                let leadAgain = try await harness.browser(.dsl)
                for (who, note) in [(staffAgain, "Robin wanted their mum told first"), (leadAgain, "Robin agreed to the share")] {
                    group.addTask {
                        try await harness.request(.post, "/tasks/\(involve.id)/complete", as: who, form: ["method": "phone", "note": note]).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(both.sorted { $0.code < $1.code } == [.seeOther, .conflict])
            #expect(try await harness.environment.audit.search(action: "task_completed").count == 2)
        }
    }

    @Test(
        "when telling the person would increase the risk, the task is the reason not informed, which only a lead closes, with a review date",
        arguments: TestDatabaseKind.available)
    func withheld(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let proposed = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.dsl,
                form: shares.proposal(
                    c, action: "share",
                    changes: [
                        "flag_informing_increases_risk": "yes"
                    ]))
            let id = try #require(shares.shareID(proposed))
            let tasks = try await harness.environment.shares.tasks(ofShare: id)
            #expect(tasks.map(\.kind) == [.reasonNotInformed])
            let task = try #require(tasks.first)
            let noDate = try await harness.request(
                .post, "/tasks/\(task.id)/complete", as: c.dsl,
                form: ["method": "other", "note": "Telling Robin now would alert the adult at home"])
            #expect(noDate.status == .badRequest)
            let done = try await harness.request(
                .post, "/tasks/\(task.id)/complete", as: c.dsl,
                form: [
                    "method": "other", "note": "Telling Robin now would alert the adult at home", "review_date": "2099-01-31",
                ])
            #expect(done.status == .seeOther)
            #expect(try await harness.environment.shares.task(task.id)?.note?.contains("review by 2099-01-31") == true)
            // At the review date it comes back: a new open task, due that day, for the lead to decide again.
            let after = try await harness.environment.shares.tasks(ofShare: id)
            let review = try #require(after.first { $0.completedAt == nil })
            #expect(review.kind == .reasonNotInformed)
            #expect(review.dueAt == CalendarDay("2099-01-31")?.start)
            #expect(after.count == 2)
        }
    }

    @Test("the number of working days to tell the person is configurable", arguments: TestDatabaseKind.available)
    func configurableWorkingDays(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind, configuration: WebConfiguration(bcryptCost: 4, informWorkingDays: 5)) { harness in
            let c = try await shares.setUp(harness)
            let proposed = try await harness.request(.post, "/concerns/\(c.concernID)/share", as: c.dsl, form: shares.proposal(c, action: "share"))
            let id = try #require(shares.shareID(proposed))
            let inform = try #require(try await harness.environment.shares.tasks(ofShare: id).first { $0.kind == .inform })
            let share = try #require(try await harness.environment.shares.facts(id))
            #expect(inform.dueAt == harness.environment.configuration.workingCalendar.adding(workingDays: 5, to: share.createdAt))
        }
    }
}

extension InformTaskRouteTests {
    @Test("in immediate danger a staff member shares at once, and the safeguarding lead is alerted", arguments: TestDatabaseKind.available)
    func immediateDanger(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let proposed = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.staff,
                form: shares.proposal(c, action: "share", changes: ["risk": "immediate_danger"]))
            let id = try #require(shares.shareID(proposed))
            #expect(try await harness.environment.shares.facts(id)?.status == .shared)
            let list = try await harness.request(.get, "/shares", as: c.dsl)
            #expect(list.text.contains("Shared at once in immediate danger"))
            #expect(list.text.contains("/shares/\(id.uuidString)"))
            #expect(try await harness.request(.get, "/shares/\(id)", as: c.partner).status == .ok)
        }
    }
}

@Suite("The demo organisation shares")
struct DemoSharingTests {
    @Test(
        "the demo gains agencies and shares of every kind, with inform tasks open, done, overdue and withheld", arguments: TestDatabaseKind.available)
    func demo(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            _ = try await DemoOrganisation.load(into: harness.environment, now: harness.clock.now)
            let shares = harness.environment.shares
            #expect(try await shares.agencies().count == 3)
            var statuses: [ShareStatus: Int] = [:]
            var forms: Set<ShareForm> = []
            var all: [Share] = []
            let lead = try await harness.browser(.dsl).user
            for agency in try await shares.agencies() {
                for contact in agency.contacts {
                    for facts in try await shares.received(by: UUID(), contacts: [contact.id]) {
                        if let share = try await shares.share(facts.id, readBy: lead, asRecipient: false, now: harness.clock.now) {
                            all.append(share)
                        }
                    }
                }
            }
            for share in all { forms.insert(share.snapshot.form) }
            for facts in try await shares.approvalQueue() { statuses[facts.status, default: 0] += 1 }
            statuses[.shared] = all.count
            #expect(statuses[.shared] ?? 0 >= 5)
            #expect(statuses[.awaitingApproval] == 1)
            #expect(forms == [.deidentified, .identified])
            let tasks = try await shares.tasks()
            let states = Set(tasks.map { $0.state(now: harness.clock.now) })
            #expect(states.isSuperset(of: [.open, .done, .overdue]), "\(states)")
            #expect(tasks.contains { $0.kind == .reasonNotInformed })
        }
    }
}

extension ShareTests {
    @Test(
        "a share with a colleague who needs to know appears in their 'Shared with me' and their view is logged", arguments: TestDatabaseKind.available
    )
    func colleague(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await setUp(harness)
            let colleague = try await harness.browser(.staff)
            let proposed = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.dsl,
                form: proposal(
                    c, action: "share",
                    changes: [
                        "recipient": "user:\(colleague.user.id)", "flag_need_to_know": "yes", "consent": "given",
                    ]))
            let id = try #require(shareID(proposed))
            #expect(try await harness.environment.shares.facts(id)?.status == .shared)
            let list = try await harness.request(.get, "/shares", as: colleague)
            #expect(list.text.contains("/shares/\(id.uuidString)"))
            let opened = try await harness.request(.get, "/shares/\(id)", as: colleague)
            #expect(opened.status == .ok)
            #expect(opened.text.contains("Uncle Zed hits me"))
            let views = try await harness.environment.audit.search(actor: AuditName.user(colleague.user.id), action: "share_viewed")
            #expect(views.map(\.target) == ["share:\(id.uuidString.lowercased())"])
            #expect(try await harness.environment.shares.tasks(ofShare: id).isEmpty, "with consent, no confidence is broken")
        }
    }
}
