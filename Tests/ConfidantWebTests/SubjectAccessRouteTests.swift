import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("Subject access requests over HTTP")
struct SubjectAccessRouteTests {
    let shares = ShareTests()

    static func personID(_ harness: WebHarness, _ c: ShareTests.Case) async throws -> UUID {
        let concernID = try #require(UUID(uuidString: c.concernID))
        return try #require(try await harness.environment.records.concernFacts(concernID)?.personID)
    }

    static func day(_ harness: WebHarness, daysAgo: Int) -> String {
        CalendarDay(containing: harness.clock.now).adding(days: -daysAgo).iso
    }

    static func requestForm(_ personID: UUID, received: String) -> [String: String] {
        [
            "person": personID.uuidString, "requester_name": "Pat Parent", "requester": "parent", "contact": "pat.parent@example.org",
            "what_asked": "Everything you hold about Robin", "authority": "Birth certificate seen; Robin is 12 and was asked",
            "received_on": received,
        ]
    }

    @Test(
        "from receipt to release: recorded from the person's page, the clock stopped, started and extended, other people proposed for withholding, released once without them",
        arguments: TestDatabaseKind.available)
    func receiptToRelease(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let personID = try await Self.personID(harness, c)
            #expect(try await harness.request(.get, "/people/\(personID)", as: c.dsl).text.contains("/subject-access/new?person=\(personID)"))
            #expect(!(try await harness.request(.get, "/people/\(personID)", as: c.staff).text.contains("/subject-access/new")))
            let form = try await harness.request(.get, "/subject-access/new?person=\(personID)", as: c.dsl)
            #expect(form.status == .ok && form.text.contains("Robin Testchild"))
            #expect(try await harness.request(.get, "/subject-access/new", as: c.dsl).status == .badRequest)

            // Bad input is a message beside each field, and nothing is stored.
            let empty = try await harness.request(
                .post, "/subject-access", as: c.dsl, form: ["person": personID.uuidString, "received_on": "2099-01-01"])
            #expect(empty.status == .badRequest && empty.text.contains("Give the name of the person who asked"))
            #expect(empty.text.contains("The day it arrived cannot be in the future"))
            #expect(try await harness.environment.subjectAccess.requests().isEmpty)

            let recorded = try await harness.request(
                .post, "/subject-access", as: c.dsl, form: Self.requestForm(personID, received: Self.day(harness, daysAgo: 5)))
            #expect(recorded.status == .seeOther)
            let path = recorded.headers[.location] ?? ""
            let requestID = try #require(UUID(uuidString: String(path.dropFirst("/subject-access/".count))))
            #expect(
                try await harness.environment.audit.search(
                    action: "subject_access_received", target: "subject-access:\(requestID.uuidString.lowercased())"
                ).count == 1)
            let register = try await harness.request(.get, "/subject-access", as: c.dsl)
            #expect(register.text.contains("Robin Testchild") && register.text.contains("Pat Parent") && register.text.contains("Due in"))

            // The clock: stopped for identity, started again, extended with the reason the requester was told.
            let today = Self.day(harness, daysAgo: 0)
            #expect(try await harness.request(.post, path + "/resume", as: c.dsl, form: ["answered_on": today]).status == .badRequest)
            #expect(
                try await harness.request(.post, path + "/pause", as: c.dsl, form: ["reason": "identity", "asked_on": Self.day(harness, daysAgo: 2)])
                    .status == .seeOther)
            #expect(try await harness.request(.get, path, as: c.dsl).text.contains("Clock stopped: waiting for proof of identity"))
            #expect(try await harness.request(.post, path + "/resume", as: c.dsl, form: ["answered_on": today]).status == .seeOther)
            let late = try await harness.request(
                .post, path + "/extend", as: c.dsl, form: ["months": "3", "extension_reason": "", "told_on": today])
            #expect(late.status == .badRequest && late.text.contains("Choose one or two further months") && late.text.contains("Give the reason"))
            #expect(
                try await harness.request(
                    .post, path + "/extend", as: c.dsl, form: ["months": "1", "extension_reason": "Many records to read", "told_on": today]
                ).status == .seeOther)
            let page = try await harness.request(.get, path, as: c.dsl)
            #expect(page.text.contains("Extended by one further month") && page.text.contains("Many records to read"))
            #expect(try await harness.environment.audit.search(action: "subject_access_updated").count == 3)

            // The workspace: the uncle and the address in the account are proposed; the person's own name stays.
            let workspace = try await harness.request(.get, path + "/workspace", as: c.dsl)
            #expect(workspace.status == .ok)
            #expect(workspace.text.contains("Information about another person"))
            #expect(workspace.text.contains(#"<mark class="withheld">Uncle Zed"#) || workspace.text.contains(#"<mark class="withheld">Zed"#))
            #expect(!workspace.text.contains(#"<mark class="withheld">Robin Testchild"#))
            #expect(try await harness.request(.get, path + "/workspace", as: c.staff).status == .forbidden)
            let items = try await Self.items(harness, requestID)
            let place = try #require(items.first { $0.heading.hasSuffix("where it was said") }).id
            let shown = try await Self.current(harness, requestID)
            let missing = try await harness.request(
                .post, path + "/workspace/add", as: c.dsl, form: shown.merging(["piece": place, "words": "Auntie Q", "reason": "TP"]) { $1 })
            #expect(missing.status == .badRequest && missing.text.contains("is not in this text"))
            #expect(
                try await harness.request(
                    .post, path + "/workspace/add", as: c.dsl, form: shown.merging(["piece": place, "words": "sports hall", "reason": "TP"]) { $1 }
                ).status == .seeOther)
            // A form made before that change is refused: it would decide on choices its reader never saw.
            let stale = try await harness.request(
                .post, path + "/workspace/add", as: c.dsl, form: shown.merging(["piece": place, "words": "The", "reason": "TP"]) { $1 })
            #expect(stale.status == .conflict && stale.text.contains("changed since you opened this page"))
            #expect(
                try await harness.request(
                    .post, path + "/workspace/add", as: c.dsl,
                    form: try await Self.current(harness, requestID).merging(["piece": "concern:none", "words": "x", "reason": "TP"]) { $1 }
                ).status == .badRequest)

            // Released once; the copy names no one else, and its hash is in the audit event.
            #expect(try await harness.request(.get, path + "/response.txt", as: c.dsl).status == .conflict)
            #expect(try await harness.request(.post, path + "/release", as: c.dsl, form: [:]).status == .conflict)
            // The release carries the page's choices: every proposal ticked, as the page shows them.
            let release = try await Self.current(harness, requestID)
            let file = try await SubjectAccessWorkspaceRoutes(environment: harness.environment).held(
                try #require(try await harness.environment.subjectAccess.request(requestID)))
            let choices = try await harness.environment.subjectAccess.workspace(requestID)
            let ticked = zip(file.pieces, file.proposed).flatMap { piece, spans in
                spans.map { SubjectAccessWorkspaceRoutes.value(piece, $0) }
                    + (choices.added[piece.id] ?? []).map { SubjectAccessWorkspaceRoutes.value(piece, $0) }
            }
            #expect(try await harness.request(.post, path + "/release", as: c.dsl, form: release, repeated: ["withhold": ticked]).status == .seeOther)
            let text = try await harness.request(.get, path + "/response.txt", as: c.dsl)
            #expect(text.status == .ok && text.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(!text.text.contains("Zed") && !text.text.contains("Oakfield") && !text.text.contains("sports hall"))
            #expect(text.text.contains("[withheld: TP]") && text.text.contains("Dear Pat Parent,") && text.text.contains("Robin"))
            let released = try #require(try await harness.environment.audit.search(action: "subject_access_released").first)
            let digest = SHA256.hash(data: Data(text.text.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(released.detail.contains(digest))
            #expect(
                try await harness.environment.audit.search(action: "export", target: "subject-access:\(requestID.uuidString.lowercased())").count == 1
            )
            #expect(try await harness.request(.post, path + "/release", as: c.dsl, form: release).status == .conflict)
            #expect(
                try await harness.request(.post, path + "/workspace/add", as: c.dsl, form: ["piece": place, "words": "Robin", "reason": "TP"]).status
                    == .conflict)
            #expect(
                try await harness.request(.post, path + "/pause", as: c.dsl, form: ["reason": "identity", "asked_on": today]).status == .conflict)
            #expect(try await harness.request(.get, "/subject-access", as: c.dsl).text.contains("Answered on"))
            let answered = try await harness.request(.get, path + "/workspace", as: c.dsl)
            #expect(answered.text.contains("This is exactly what was released") && !answered.text.contains("Zed"))
        }
    }

    /// The hidden fields a workspace form carries: the items shown and the choices' revision.
    static func current(_ harness: WebHarness, _ id: UUID) async throws -> [String: String] {
        let request = try #require(try await harness.environment.subjectAccess.request(id))
        let file = try await SubjectAccessWorkspaceRoutes(environment: harness.environment).held(request)
        return ["file": file.digest, "revision": "\(try await harness.environment.subjectAccess.workspace(id).revision)"]
    }

    /// The items the workspace shows, as its routes gather them.
    static func items(_ harness: WebHarness, _ id: UUID) async throws -> [SubjectAccessPiece] {
        let request = try #require(try await harness.environment.subjectAccess.request(id))
        return try await SubjectAccessWorkspaceRoutes(environment: harness.environment).held(request).pieces
    }

    @Test(
        "the leads are reminded by email a week before the due day and once overdue, each once; a stopped clock waits",
        arguments: TestDatabaseKind.available)
    func reminders(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let personID = try await Self.personID(harness, c)
            let store = harness.environment.subjectAccess
            let now = harness.clock.now
            let today = CalendarDay(containing: now)
            let details = SubjectAccessDetails(
                requesterName: "Robin Testchild", requester: .thePerson, contact: "robin@example.org", whatAsked: "All of it", authority: "")
            let due = try await store.record(personID: personID, details: details, receivedOn: today.adding(days: -26), by: c.dsl.user.id, now: now)
            let waiting = try await store.record(
                personID: personID, details: details, receivedOn: today.adding(days: -27), by: c.dsl.user.id, now: now)
            _ = try await store.update(waiting.id, part: "clock_stopped", by: c.dsl.user.id, now: now) {
                $0.pausing(reason: "identity", askedOn: today.iso, note: "", by: c.dsl.user.id, now: now)
            }
            _ = try await store.record(personID: personID, details: details, receivedOn: today, by: c.dsl.user.id, now: now)
            func told(_ subject: String) async throws -> Int {
                try await harness.environment.outbox.messages().filter { $0.subject == subject && $0.recipient == c.dsl.user.email }.count
            }
            try await store.remind(now: now)
            try await store.remind(now: now)
            #expect(try await told("A subject access request is due within a week") == 1)
            #expect(try await told("A subject access request is overdue") == 0)
            try await store.remind(now: now.addingTimeInterval(10 * 86_400))
            try await store.remind(now: now.addingTimeInterval(11 * 86_400))
            #expect(try await told("A subject access request is overdue") == 1)
            let bodies = try await harness.environment.outbox.messages().filter { $0.subject.contains("subject access") }.map(\.body)
            #expect(bodies.allSatisfy { !$0.contains("Robin") && $0.contains("/subject-access/\(due.id)") })
        }
    }

    @Test("only the safeguarding leads see or change the register", arguments: TestDatabaseKind.available)
    func access(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let personID = try await Self.personID(harness, c)
            let recorded = try await harness.request(
                .post, "/subject-access", as: c.dsl, form: Self.requestForm(personID, received: Self.day(harness, daysAgo: 1)))
            let path = recorded.headers[.location] ?? ""
            let others = [
                c.staff, c.partner, try await harness.browser(.manager), try await harness.browser(.admin), try await harness.browser(.auditor),
            ]
            for other in others {
                for get in ["/subject-access", path, path + "/workspace", path + "/response.txt", "/subject-access/new?person=\(personID)"] {
                    #expect(try await harness.request(.get, get, as: other).status == .forbidden, "\(other.user.role) GET \(get)")
                }
                for post in ["/subject-access", path + "/pause", path + "/extend", path + "/workspace", path + "/release"] {
                    #expect(try await harness.request(.post, post, as: other, form: [:]).status == .forbidden, "\(other.user.role) POST \(post)")
                }
            }
            #expect(try await harness.request(.get, "/subject-access/\(UUID())", as: c.dsl).status == .notFound)
            #expect(try await harness.request(.get, "/subject-access/not-an-id/workspace", as: c.dsl).status == .notFound)
        }
    }
}
