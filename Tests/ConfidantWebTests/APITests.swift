import ConfidantCore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("The JSON API")
struct APITests {
    @Test("session status says who is signed in and gives the CSRF token", arguments: TestDatabaseKind.available)
    func sessionStatus(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let anonymous = try await harness.request(.get, "/api/v1/session")
            #expect(anonymous.text.contains(#""signed_in":false"#))
            let staff = try await harness.browser(.staff)
            let signedIn = try await harness.request(.get, "/api/v1/session", as: staff)
            #expect(signedIn.text.contains(#""signed_in":true"#))
            #expect(signedIn.text.contains(staff.csrfToken))
            #expect(signedIn.text.contains(#""role":"staff""#))
        }
    }

    @Test("an administrator's bearer token lists and creates users; no CSRF token is needed without a cookie", arguments: TestDatabaseKind.available)
    func bearerToken(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let token = try await harness.environment.tokens.issue(userID: admin.user.id, label: "test", now: harness.clock.now, by: "system")
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let list = try await harness.request(.get, "/api/v1/users", headers: auth)
            #expect(list.status == .ok)
            #expect(list.text.contains(admin.user.email))
            let created = try await harness.request(
                .post, "/api/v1/users", json: #"{"name":"Pat Partner","email":"pat@example.org","role":"partner"}"#, headers: auth)
            #expect(created.status == .created)
            // A partner contact reads shares, so the account waits for the DSL; no link is ever in the answer.
            #expect(created.text.contains(#""waiting_for_approval":true"#))
            #expect(!created.text.contains("/set-password/"))
            let staff = try await harness.request(
                .post, "/api/v1/users", json: #"{"name":"Sam Staff","email":"sam@example.org","role":"staff"}"#, headers: auth)
            #expect(staff.text.contains(#""set_password_link_sent_to":"sam@example.org""#))
            #expect(!staff.text.contains("/set-password/"))
            let duplicate = try await harness.request(
                .post, "/api/v1/users", json: #"{"name":"Pat Again","email":"pat@example.org","role":"partner"}"#, headers: auth)
            #expect(duplicate.status == .conflict)
        }
    }

    @Test(
        "malformed JSON is a 400 naming the field, and writes nothing",
        arguments: [
            (#"{"name":"A","email":"a@example.org"}"#, "field `role` is missing"),
            (#"{"name":1,"email":"a@example.org","role":"staff"}"#, "field `name` has the wrong type"),
            (#"{"name":"A","email":"a@example.org","role":"god"}"#, "field `role`"),
            (#"{"name":"A","email":"nope","role":"staff"}"#, "is not an email address"),
            ("not json", "not valid JSON"),
            ("", "not valid JSON"),
        ])
    func malformedJSON(body: String, message: String) async throws {
        for kind in TestDatabaseKind.available {
            try await WebHarness.run(kind) { harness in
                let admin = try await harness.browser(.admin)
                let response = try await harness.request(.post, "/api/v1/users", as: admin, json: body)
                #expect(response.status == .badRequest)
                #expect(response.text.contains(message))
                #expect(try await harness.environment.users.count() == 1)
            }
        }
    }

    @Test("with a session cookie, an API write needs the CSRF header", arguments: TestDatabaseKind.available)
    func apiCSRF(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let response = try await harness.request(
                .post, "/api/v1/users", as: admin, json: #"{"name":"A","email":"a@example.org","role":"staff"}"#,
                headers: [HTTPField.Name("X-CSRF-Token")!: "forged"])
            #expect(response.status == .forbidden)
            #expect(response.text.contains("csrf_token_invalid"))
        }
    }
}
