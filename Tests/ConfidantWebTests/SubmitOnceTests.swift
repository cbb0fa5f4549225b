import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ConfidantWeb

@Suite("Each form is acted on once: the back button, a double click or a retry shows what the first send made")
struct SubmitOnceTests {
    let shares = ShareTests()

    /// The one-use token of the first form on a page.
    func onceToken(_ page: TestResponse) throws -> String {
        try #require(page.text.firstMatch(of: /name="_once" value="([A-Za-z0-9_-]+)"/).map { String($0.output.1) })
    }

    @Test("a concern submitted twice from the same page is recorded once", arguments: TestDatabaseKind.available)
    func concernOnce(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let personID = try #require(try await harness.environment.records.concernFacts(UUID(uuidString: c.concernID)!)?.personID)
            let page = try await harness.request(.get, "/people/\(personID)/concerns/new", as: c.staff)
            let token = try onceToken(page)
            var fields = ShareTests.concernForm
            fields["action"] = "submit"
            fields["_once"] = token
            let first = try await harness.request(.post, "/people/\(personID)/concerns", as: c.staff, form: fields)
            let again = try await harness.request(.post, "/people/\(personID)/concerns", as: c.staff, form: fields)
            #expect(first.status == .seeOther)
            #expect(again.status == .seeOther)
            #expect(again.headers[.location] == first.headers[.location], "the second send is shown the first one's record")
            let concerns = try await harness.environment.records.concerns(about: personID, includeDraftsBy: nil)
            #expect(concerns.count == 2, "the set-up concern and this one, not a third")
            // Another person's send of the same token is their own.
            let other = try await harness.browser(.staff)
            #expect(
                try await harness.request(.post, "/people/\(personID)/concerns", as: other, form: fields).headers[.location]
                    != first.headers[.location])
        }
    }

    @Test("a form shown again with its mistakes can be sent again; each form of a page is its own", arguments: TestDatabaseKind.available)
    func mistakesAndPages(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let proposed = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.staff, form: shares.proposal(c, action: "share"))
            let id = try #require(shares.shareID(proposed))
            let page = try await harness.request(.get, "/shares/\(id)", as: c.dsl)
            let token = try onceToken(page)
            let empty = try await harness.request(.post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "", "_once": token])
            #expect(empty.status == .badRequest)
            let approved = try await harness.request(
                .post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "Police must act", "_once": token])
            #expect(approved.status == .seeOther)
            let twice = try await harness.request(.post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "Police must act", "_once": token])
            #expect(twice.status == .seeOther, "a double click lands on the share, not on a 409")
            #expect(try await harness.environment.audit.search(action: "share_created", target: "share:\(id.uuidString.lowercased())").count == 1)
            // The same page's other form (here: revoke) is acted on, once.
            let revoked = try await harness.request(.post, "/shares/\(id)/revoke", as: c.dsl, form: ["_once": token])
            #expect(revoked.status == .seeOther)
            #expect(try await harness.environment.shares.facts(id)?.revokedAt != nil)
        }
    }

    @Test("ten sends of one form at once make one record", arguments: TestDatabaseKind.available)
    func burst(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let page = try await harness.request(.get, "/concerns/\(c.concernID)", as: c.dsl)
            let token = try onceToken(page)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await harness.request(
                            .post, "/concerns/\(c.concernID)/addenda", as: c.dsl, form: ["text": "One correction", "_once": token]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .seeOther || $0 == .conflict }, "\(statuses)")
            #expect(try await harness.environment.records.addenda(of: UUID(uuidString: c.concernID)!).count == 1)
        }
    }
}
