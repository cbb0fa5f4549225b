import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("A partner contact without an account opens a share with a one-time code by email")
struct ShareCodeTests {
    let shares = ShareTests()

    @Test(
        "the code goes to the outbox, opens the snapshot once, a second code leaves the first working, and guessing from one address runs out",
        arguments: TestDatabaseKind.available)
    func codeFlow(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let agencyID = try #require(try await harness.environment.shares.agencies().first?.id)
            _ = try await harness.request(
                .post, "/agencies/\(agencyID)/contacts", as: c.dsl,
                form: ["name": "Nia Noaccount", "email": "nia@example.org"])
            let nia = try #require(try await harness.environment.shares.contacts(email: "nia@example.org").first)
            let proposed = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.dsl,
                form: shares.proposal(c, action: "share", changes: ["recipient": "contact:\(nia.id)"]))
            let id = try #require(shares.shareID(proposed))

            let (token, cookie) = try await harness.anonymousFormToken("/shares/\(id)/code")
            let asked = try await harness.request(.post, "/shares/\(id)/code", form: ["_csrf": token], headers: [.cookie: cookie])
            #expect(asked.status == .ok)
            #expect(asked.text.contains("We have emailed a code"))
            let email = try #require(try await harness.environment.outbox.messages().last)
            #expect(email.recipient == "nia@example.org")
            let code = try #require(email.body.firstMatch(of: /\d{8}/).map { String($0.output) })
            #expect(!asked.text.contains(code))

            let wrong = try await harness.request(
                .post, "/shares/\(id)/code/open", form: ["_csrf": token, "code": "00000000" == code ? "11111111" : "00000000"],
                headers: [.cookie: cookie])
            #expect(wrong.status == .badRequest)
            let opened = try await harness.request(
                .post, "/shares/\(id)/code/open", form: ["_csrf": token, "code": code], headers: [.cookie: cookie])
            #expect(opened.status == .ok)
            #expect(opened.text.contains("Uncle Zed"))
            let views = try await harness.environment.audit.search(action: "share_viewed", target: "share:\(id.uuidString.lowercased())")
            #expect(views.first?.actor == "contact:\(nia.id.uuidString.lowercased())")
            let again = try await harness.request(.post, "/shares/\(id)/code/open", form: ["_csrf": token, "code": code], headers: [.cookie: cookie])
            #expect(again.status == .badRequest)

            // A second code leaves the first working; both requests and every failure are in the audit log.
            _ = try await harness.request(.post, "/shares/\(id)/code", form: ["_csrf": token], headers: [.cookie: cookie])
            let second = try #require(try await harness.environment.outbox.messages().last?.body.firstMatch(of: /\d{8}/).map { String($0.output) })
            _ = try await harness.request(.post, "/shares/\(id)/code", form: ["_csrf": token], headers: [.cookie: cookie])
            let third = try #require(try await harness.environment.outbox.messages().last?.body.firstMatch(of: /\d{8}/).map { String($0.output) })
            let first = try await harness.request(
                .post, "/shares/\(id)/code/open", form: ["_csrf": token, "code": second], headers: [.cookie: cookie])
            #expect(first.status == .ok)
            let issued = try await harness.environment.audit.search(action: "share_code_issued", target: "share:\(id.uuidString.lowercased())")
            #expect(issued.count == 3)
            let niaID = nia.id.uuidString.lowercased()
            #expect(
                issued.allSatisfy { event in
                    let detail = event.detail.replacingOccurrences(of: niaID, with: "")
                    return detail.contains("address") && !detail.contains(code) && !detail.contains(second) && !detail.contains(third)
                })
            let failed = try await harness.environment.audit.search(action: "share_code_failed", target: "share:\(id.uuidString.lowercased())")
            #expect(failed.count == 2, "the wrong code and the used one")
            #expect(failed.allSatisfy { $0.detail.contains("wrong_code") && $0.detail.contains("address") })

            // Wrong guesses are counted per address: this one runs out, and is told when to come back.
            for guess in 0..<10 {
                let attempt = String(format: "%08d", guess) == third ? "99999999" : String(format: "%08d", guess)
                _ = try await harness.request(.post, "/shares/\(id)/code/open", form: ["_csrf": token, "code": attempt], headers: [.cookie: cookie])
            }
            let late = try await harness.request(.post, "/shares/\(id)/code/open", form: ["_csrf": token, "code": third], headers: [.cookie: cookie])
            #expect(late.status == .tooManyRequests)

            // A revoked share sends no code.
            _ = try await harness.request(.post, "/shares/\(id)/revoke", as: c.dsl, form: [:])
            let revoked = try await harness.request(.post, "/shares/\(id)/code", form: ["_csrf": token], headers: [.cookie: cookie])
            #expect(revoked.status == .notFound)
        }
    }

    @Test("a contact with an account signs in instead: no code is sent", arguments: TestDatabaseKind.available)
    func accountHoldersSignIn(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let proposed = try await harness.request(.post, "/concerns/\(c.concernID)/share", as: c.dsl, form: shares.proposal(c, action: "share"))
            let id = try #require(shares.shareID(proposed))
            let (token, cookie) = try await harness.anonymousFormToken("/shares/\(id)/code")
            let asked = try await harness.request(.post, "/shares/\(id)/code", form: ["_csrf": token], headers: [.cookie: cookie])
            #expect(asked.status == .notFound)
            // The partner is told something was shared with them (a link to sign in), and no code is ever sent.
            let mail = try await harness.environment.outbox.messages().filter { $0.recipient == "pat.partner@example.org" }
            #expect(mail.map(\.subject) == ["Something has been shared with you"])
            #expect(!(mail.first?.body.contains(where: \.isNumber) ?? true) || !(mail.first?.body.contains("code is") ?? true))
        }
    }
}
