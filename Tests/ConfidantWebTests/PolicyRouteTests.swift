import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("Policy versions, consultation and induction through the web")
struct PolicyRouteTests {
    /// A made-up organisation's policy text on which every built-in clause rests.
    static let text = "This is the Example Youth Trust's confidentiality policy (made up for tests).\n\n" + PolicyText.generated(from: .mct)

    /// Publishes a version through the store, as a DSL and a manager of its own; returns it.
    @discardableResult
    static func publishVersion(
        _ harness: WebHarness, text: String = Self.text, clauses: ConfidentialityPolicy? = nil
    ) async throws -> PolicyVersion {
        let lead = try await harness.browser(.dsl)
        let manager = try await harness.browser(.manager)
        let policies = harness.environment.policies
        let now = harness.clock.now
        let owner = PolicyActor(id: lead.user.id, role: .dsl)
        let draft = try await policies.importDraft(text: text, clauses: clauses, label: "Test", by: owner, now: now)
        _ = try await policies.openConsultation(draft.id, partners: [], by: owner, now: now)
        _ = try await policies.requestPublication(draft.id, by: owner, now: now)
        return try await policies.approvePublication(draft.id, by: PolicyActor(id: manager.user.id, role: .manager), now: now)
    }

    /// Acknowledges the current version for a test account, as a new starter who passed the check.
    static func acknowledge(_ harness: WebHarness, _ browser: WebHarness.Browser) async throws {
        guard let current = try await harness.environment.policies.current() else { return }
        try await harness.environment.policies.acknowledge(current.id, by: browser.user.id, understandingPassed: true, now: harness.clock.now)
    }

    static func correctAnswers(_ policy: ConfidentialityPolicy) -> [String: String] {
        var fields: [String: String] = [:]
        for question in UnderstandingCheck.questions(for: policy) { fields["answer-\(question.id)"] = question.correctOptionID }
        return fields
    }

    @Test("a new starter is led through the policy and the check of understanding, then reaches home", arguments: TestDatabaseKind.available)
    func induction(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let version = try await Self.publishVersion(harness)
            let staff = try await harness.browser(.staff)
            let home = try await harness.request(.get, "/home", as: staff)
            #expect(home.status == .seeOther)
            #expect(home.headers[.location] == "/induction?next=%2Fhome")

            let page = try await harness.request(.get, "/induction?next=%2Fpeople", as: staff)
            #expect(page.text.contains("name=\"next\" value=\"/people\""))
            let offsite = try await harness.request(.get, "/induction?next=https%3A%2F%2Fevil.example", as: staff)
            #expect(offsite.text.contains("name=\"next\" value=\"/home\""), "never another site")
            #expect(page.status == .ok)
            #expect(page.text.contains("Limited confidentiality"))
            let questions = UnderstandingCheck.questions(for: version.policy)
            #expect(questions.count == 4)
            for question in questions { #expect(page.text.contains("name=\"answer-\(question.id)\"")) }

            // Wrong answers: the missed question is explained from its clause, nothing is recorded.
            var answers = Self.correctAnswers(version.policy)
            let missed = try #require(questions.first)
            answers["answer-\(missed.id)"] = try #require(missed.options.first { $0.id != missed.correctOptionID }).id
            var fields = answers.merging(["version": version.id.uuidString, "acknowledge": "yes"]) { $1 }
            let wrong = try await harness.request(.post, "/induction", as: staff, form: fields)
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("3 of 4 answers are right"))
            #expect(wrong.text.contains(missed.clause.statement.htmlEscapedForTest))
            #expect(try await harness.environment.policies.mustAcknowledge(staff.user.id))

            // Right answers but no tick: still refused.
            fields = Self.correctAnswers(version.policy).merging(["version": version.id.uuidString]) { $1 }
            #expect(try await harness.request(.post, "/induction", as: staff, form: fields).status == .badRequest)

            fields["acknowledge"] = "yes"
            fields["next"] = "/people"
            let done = try await harness.request(.post, "/induction", as: staff, form: fields)
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/people", "they continue where they were going")
            #expect(try await harness.request(.get, "/home", as: staff).status == .ok)
            let events = try await harness.environment.audit.events(from: 1, limit: 1000).filter { $0.action == .policyAcknowledged }
            #expect(events.map(\.actor) == [AuditName.user(staff.user.id)])
        }
    }

    @Test("a version with changed clauses asks for acknowledgment again and shows what changed", arguments: TestDatabaseKind.available)
    func reacknowledgement(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            try await Self.publishVersion(harness)
            let staff = try await harness.browser(.staff)
            try await Self.acknowledge(harness, staff)
            var clauses = ConfidentialityPolicy.mct.clauses
            let index = try #require(clauses.firstIndex { $0.rule == .emergency })
            clauses[index].statement = "If someone is in immediate danger, call 999 first, then tell the DSL straight after."
            let second = try await Self.publishVersion(
                harness, clauses: try ConfidentialityPolicy(name: "Example Youth Trust policy", version: "2", clauses: clauses))
            let home = try await harness.request(.get, "/home", as: staff)
            #expect(home.headers[.location]?.hasPrefix("/induction") == true)
            let page = try await harness.request(.get, "/induction", as: staff)
            #expect(page.text.contains("What changed since Version 1"))
            #expect(page.text.contains("call 999 first"))
            #expect(!page.text.contains("Check of understanding"), "the check is for new starters only")
            let done = try await harness.request(.post, "/induction", as: staff, form: ["version": second.id.uuidString, "acknowledge": "yes"])
            #expect(done.headers[.location] == "/home")
            // The public pages explain the clauses now in force.
            let parents = try await harness.request(.get, "/explain/parents-and-carers")
            #expect(parents.text.contains("call 999 first"))
        }
    }

    @Test("a draft is consulted on section by section and published by a second person, a manager", arguments: TestDatabaseKind.available)
    func consultationAndPublication(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let lead = try await harness.browser(.dsl)
            let manager = try await harness.browser(.manager)
            let staff = try await harness.browser(.staff)
            let partner = try await harness.browser(.partner)
            let otherPartner = try await harness.browser(.partner)

            #expect(try await harness.request(.get, "/policy/new", as: staff).status == .forbidden)
            let created = try await harness.request(.post, "/policy/new", as: lead, form: ["label": "2027 review", "text": Self.text])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let id = try #require(UUID(uuidString: String(location.dropFirst("/policy/versions/".count))))
            #expect(try await harness.request(.get, location, as: lead).text.contains("Open for consultation"))
            #expect(try await harness.request(.get, location, as: staff).status == .notFound, "a draft is for its owners")

            let opened = try await harness.request(.post, "\(location)/consultation", as: lead, form: ["partner": partner.user.id.uuidString])
            #expect(opened.status == .seeOther)
            let invitation = try #require(try await harness.environment.outbox.messages().last)
            #expect(invitation.recipient == partner.user.email)
            #expect(invitation.body.contains(location), "the named partner is invited with a link to the draft")
            #expect(try await harness.request(.get, location, as: staff).status == .ok)
            #expect(try await harness.request(.get, location, as: partner).status == .ok)
            #expect(try await harness.request(.get, location, as: otherPartner).status == .notFound)

            let version = try #require(try await harness.environment.policies.version(id))
            let section = try #require(version.text.sections.first { $0.heading == "Limited confidentiality" })
            let comment = try await harness.request(
                .post, "\(location)/comments", as: staff,
                form: ["section": section.id, "body": "Please name the deputy."])
            #expect(comment.status == .seeOther)
            #expect(try await harness.request(.get, "/home", as: staff).text.contains("is open for consultation"))
            #expect(!(try await harness.request(.get, "/home", as: otherPartner).text.contains("is open for consultation")))
            #expect(try await harness.request(.get, "/home", as: lead).text.contains("1 comment to answer"))
            let empty = try await harness.request(.post, "\(location)/comments", as: staff, form: ["section": section.id, "body": " "])
            #expect(empty.status == .badRequest)
            let nowhere = try await harness.request(.post, "\(location)/comments", as: staff, form: ["section": "nowhere", "body": "Hm"])
            #expect(nowhere.status == .badRequest)
            #expect(
                try await harness.request(
                    .post, "\(location)/comments", as: otherPartner,
                    form: ["section": section.id, "body": "Hi"]
                ).status == .notFound)

            // Publication waits for the comment.
            let early = try await harness.request(.post, "\(location)/request-publication", as: lead, form: [:])
            #expect(early.status == .conflict)
            #expect(early.text.contains("comment"))
            let comments = try await harness.environment.policies.comments(on: id, visibleTo: PolicyActor(id: lead.user.id, role: .dsl))
            let commentID = try #require(comments.first?.id)
            #expect(try await harness.request(.post, "/policy/comments/\(commentID)", as: staff, form: ["answer": "x"]).status == .forbidden)
            let answered = try await harness.request(
                .post, "/policy/comments/\(commentID)", as: lead,
                form: ["answer": "Added to the section.", "resolve": "yes"])
            #expect(answered.status == .seeOther)
            #expect(try await harness.request(.get, location, as: staff).text.contains("Added to the section."))

            #expect(try await harness.request(.post, "\(location)/request-publication", as: manager, form: [:]).status == .seeOther)
            let selfApproval = try await harness.request(.post, "\(location)/approve", as: manager, form: [:])
            #expect(selfApproval.status == .conflict)
            #expect(try await harness.request(.post, "\(location)/approve", as: lead, form: [:]).status == .forbidden)
            let secondManager = try await harness.browser(.manager)
            #expect(try await harness.request(.get, "/home", as: secondManager).text.contains("waits for your approval"))
            #expect(!(try await harness.request(.get, "/home", as: manager).text.contains("waits for your approval")), "not for the one who asked")
            #expect(try await harness.request(.post, "\(location)/approve", as: secondManager, form: [:]).status == .seeOther)
            #expect(try await harness.environment.policies.current()?.id == id)

            // Now everyone, the approvers included, meets the induction.
            #expect(try await harness.request(.get, "/home", as: staff).headers[.location]?.hasPrefix("/induction") == true)
            #expect(try await harness.request(.get, "/home", as: secondManager).headers[.location]?.hasPrefix("/induction") == true)
        }
    }

    @Test("a comment on a heading renamed during the consultation is still shown, to be resolved", arguments: TestDatabaseKind.available)
    func commentOnRenamedSection(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let lead = try await harness.browser(.dsl)
            let staff = try await harness.browser(.staff)
            let owner = PolicyActor(id: lead.user.id, role: .dsl)
            let draft = try await harness.environment.policies.importDraft(
                text: Self.text + "\n\nReview\n\nEvery year.", by: owner, now: harness.clock.now)
            _ = try await harness.environment.policies.openConsultation(draft.id, partners: [], by: owner, now: harness.clock.now)
            let review = try #require(draft.text.sections.last)
            #expect(review.heading == "Review")
            _ = try await harness.request(
                .post, "/policy/versions/\(draft.id)/comments", as: staff, form: ["section": review.id, "body": "Every two years?"])
            let edited = try await harness.request(
                .post, "/policy/versions/\(draft.id)/edit", as: lead,
                form: ["label": "Renamed", "text": Self.text + "\n\nReviewing this policy\n\nEvery year."])
            #expect(edited.status == .seeOther)
            let page = try await harness.request(.get, "/policy/versions/\(draft.id)", as: lead)
            #expect(page.text.contains("Comments on sections no longer in the text"))
            #expect(page.text.contains("Every two years?"))
            #expect(page.text.contains("on &quot;Review&quot;") || page.text.contains("on \"Review\""))
            #expect(page.text.contains("1 comment is not resolved yet"))
        }
    }

    @Test("two versions compare section by section, with the words removed and added", arguments: TestDatabaseKind.available)
    func compare(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let first = try await Self.publishVersion(harness)
            let reader = try await harness.browser(.staff)
            try await Self.acknowledge(harness, reader)
            let changed =
                Self.text.replacingOccurrences(of: "Safety comes first", with: "Safety always comes first")
                + "\n\nReview\n\nWe review this policy every year."
            let second = try await Self.publishVersion(harness, text: changed)
            #expect(second.acknowledgementBaseline == first.number, "only the text changed")
            let page = try await harness.request(.get, "/policy/compare?from=\(first.id)&to=\(second.id)", as: reader)
            #expect(page.status == .ok)
            #expect(page.text.contains("<ins><span class=\"visually-hidden\">[added] </span>"))
            #expect(page.text.contains("Review"))
            #expect(page.text.contains("No clause changed"))
            #expect(try await harness.request(.get, "/policy/compare?from=\(UUID())&to=\(second.id)", as: reader).status == .notFound)
        }
    }

    @Test("managers see who has not acknowledged and remind them; others cannot", arguments: TestDatabaseKind.available)
    func report(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            try await Self.publishVersion(harness)
            let manager = try await harness.browser(.manager)
            try await Self.acknowledge(harness, manager)
            let staff = try await harness.browser(.staff)
            try await Self.acknowledge(harness, staff)
            let newStarter = try await harness.browser(.staff)
            #expect(try await harness.request(.get, "/policy/acknowledgements", as: staff).status == .forbidden)
            let page = try await harness.request(.get, "/policy/acknowledgements", as: manager)
            #expect(page.status == .ok)
            #expect(page.text.contains("Remind \(newStarter.user.name)"))
            let sent = try await harness.request(.post, "/policy/acknowledgements/remind", as: manager, form: ["user": newStarter.user.id.uuidString])
            #expect(sent.status == .ok)
            #expect(sent.text.contains("1 reminder sent."))
            let again = try await harness.request(.post, "/policy/acknowledgements/remind", as: manager, form: ["everyone": "yes"])
            #expect(again.text.contains("reminders sent."), "the others who have not acknowledged are the two test approvers")
            #expect(
                try await harness.request(.post, "/policy/acknowledgements/remind", as: manager, form: ["user": "not-a-uuid"]).status == .badRequest)
            #expect(try await harness.request(.post, "/policy/acknowledgements/remind", as: manager, form: [:]).status == .badRequest)
            let reminders = try await harness.environment.audit.events(from: 1, limit: 1000).filter { $0.action == .policyReminderSent }
            #expect(reminders.contains { $0.target == AuditName.account(newStarter.user.id) })
        }
    }

    @Test("an API client whose account has not acknowledged the policy is told so", arguments: TestDatabaseKind.available)
    func apiRefused(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            try await Self.publishVersion(harness)
            let admin = try await harness.browser(.admin)
            let token = try await harness.environment.tokens.issue(userID: admin.user.id, label: "test", now: harness.clock.now, by: "system")
            let response = try await harness.request(.get, "/api/v1/users", headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .forbidden)
            #expect(response.text.contains("policy_not_acknowledged"))
            try await Self.acknowledge(harness, admin)
            #expect(try await harness.request(.get, "/api/v1/users", headers: [.authorization: "Bearer \(token)"]).status == .ok)
        }
    }

    @Test("malformed and hostile policy input is refused with a reason and nothing is saved", arguments: TestDatabaseKind.available)
    func hostileInput(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let lead = try await harness.browser(.dsl)
            for text in ["", "Heading\n\nA NUL \u{0} here.", String(repeating: "a", count: PolicyText.maximumBytes + 10)] {
                let response = try await harness.request(.post, "/policy/new", as: lead, form: ["text": text])
                #expect([.badRequest, .contentTooLarge].contains(response.status))
            }
            let script = "Safety\n\n<script>alert(1)</script> is not run."
            let created = try await harness.request(.post, "/policy/new", as: lead, form: ["text": script, "label": "<b>x</b>"])
            let location = try #require(created.headers[.location])
            let page = try await harness.request(.get, location, as: lead)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<script>alert"))
            #expect(try await harness.request(.post, "\(location)/consultation", as: lead, form: ["partner": "nope"]).status == .badRequest)
            #expect(try await harness.request(.get, "\(location)/clauses/no-such-rule", as: lead).status == .notFound)
            #expect(try await harness.request(.get, "/policy/versions/not-a-uuid", as: lead).status == .notFound)
            #expect(
                try await harness.request(
                    .post, "\(location)/clauses/consent", as: lead,
                    form: ["title": "", "statement": "s", "section": "Safety"]
                ).status == .badRequest)
            #expect(try await harness.environment.policies.versions().count == 1)
        }
    }

    @Test(
        "what passes between owners and managers stays with them, and a closed consultation keeps a late comment on the page",
        arguments: TestDatabaseKind.available)
    func ownersOnly(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let lead = try await harness.browser(.dsl)
            let manager = try await harness.browser(.manager)
            let staff = try await harness.browser(.staff)
            let partner = try await harness.browser(.partner)
            let owner = PolicyActor(id: lead.user.id, role: .dsl)
            let policies = harness.environment.policies
            let draft = try await policies.importDraft(text: Self.text, by: owner, now: harness.clock.now)
            _ = try await policies.openConsultation(draft.id, partners: [partner.user.id], by: owner, now: harness.clock.now)
            _ = try await policies.requestPublication(draft.id, by: owner, now: harness.clock.now)
            _ = try await policies.refusePublication(
                draft.id, reason: "Name the deputy first (internal).", by: PolicyActor(id: manager.user.id, role: .manager),
                now: harness.clock.now)
            let location = "/policy/versions/\(draft.id)"
            #expect(try await harness.request(.get, location, as: lead).text.contains("Name the deputy first"))
            let asStaff = try await harness.request(.get, location, as: staff).text
            #expect(!asStaff.contains("Name the deputy first"))
            #expect(!asStaff.contains(partner.user.name), "which agencies were invited is for the owners")
            #expect(try await harness.request(.post, "\(location)/refuse", as: manager, form: ["reason": " "]).status == .conflict)

            // A comment sent after publication was requested is refused, and what was written is kept.
            _ = try await policies.requestPublication(draft.id, by: owner, now: harness.clock.now)
            let section = try #require(draft.text.sections.first)
            let late = try await harness.request(.post, "\(location)/comments", as: staff, form: ["section": section.id, "body": "My late thought"])
            #expect(late.status == .conflict)
            #expect(late.text.contains("My late thought"))
            // Forms for steps the state does not allow are refused with the reason.
            #expect(try await harness.request(.get, "\(location)/edit", as: lead).status == .conflict)
            #expect(try await harness.request(.get, "\(location)/clauses/consent", as: lead).status == .conflict)
            #expect(try await harness.request(.post, "\(location)/edit", as: lead, form: ["label": "x", "text": Self.text]).status == .conflict)
        }
    }

    @Test(
        "the link to compare goes to the version a draft was started from, and a draft is not comparable by those who cannot read it",
        arguments: TestDatabaseKind.available)
    func compareLinks(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let first = try await Self.publishVersion(harness)
            let lead = try await harness.browser(.dsl)
            try await Self.acknowledge(harness, lead)
            let staff = try await harness.browser(.staff)
            try await Self.acknowledge(harness, staff)
            let draft = try await harness.environment.policies.startDraft(
                from: first.id, by: PolicyActor(id: lead.user.id, role: .dsl),
                now: harness.clock.now)
            let page = try await harness.request(.get, "/policy/versions/\(draft.id)", as: lead)
            #expect(page.text.contains("/policy/compare?from=\(first.id)&amp;to=\(draft.id)"))
            #expect(try await harness.request(.get, "/policy/compare?from=\(first.id)&to=\(draft.id)", as: staff).status == .notFound)
            #expect(try await harness.request(.get, "/policy/compare?from=\(first.id)&to=\(draft.id)", as: lead).status == .ok)
        }
    }
}

extension String {
    /// The text as the pages escape it (apostrophes and ampersands), for finding it in a page.
    var htmlEscapedForTest: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
