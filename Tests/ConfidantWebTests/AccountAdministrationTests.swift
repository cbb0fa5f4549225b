import ConfidantCore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("First run and account administration")
struct AccountAdministrationTests {
    @Test("the first-run link creates the first administrator and signs them in; it works once", arguments: TestDatabaseKind.available)
    func firstRun(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let link = try await harness.environment.links.issueFirstAdministratorLink(now: harness.clock.now, validFor: 3600)
            let (token, cookie) = try await harness.anonymousFormToken("/setup/\(link)")
            let fields = [
                "_csrf": token, "name": "Ada Admin", "email": "ada@example.org",
                "password": "plum river lantern", "confirm": "plum river lantern",
            ]
            let weak = try await harness.request(
                .post, "/setup/\(link)", form: fields.merging(["password": "short", "confirm": "short"]) { $1 },
                headers: [.cookie: cookie])
            #expect(weak.status == .badRequest)
            #expect(weak.text.contains("at least 12 characters"))
            #expect(try await harness.environment.users.count() == 0)

            let created = try await harness.request(.post, "/setup/\(link)", form: fields, headers: [.cookie: cookie])
            #expect(created.status == .seeOther)
            // An administrator sets up an authenticator app before anything else opens.
            #expect(created.headers[.location] == "/account/second-factor?next=%2Fhome")
            #expect(try await harness.environment.users.find(email: "ada@example.org")?.role == .admin)

            let again = try await harness.request(.get, "/setup/\(link)")
            #expect(again.status == .notFound)
            let replay = try await harness.request(.post, "/setup/\(link)", form: fields, headers: [.cookie: cookie])
            #expect(replay.status == .notFound)
            #expect(try await harness.environment.users.count() == 1)
        }
    }

    @Test(
        "an administrator adds a staff member, who is emailed a link (the administrator never sees it), sets a password and signs in",
        arguments: TestDatabaseKind.available)
    func addStaffMember(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let created = try await harness.request(
                .post, "/admin/users", as: admin,
                form: ["name": "Sam Staff", "email": "sam@example.org", "role": "staff"])
            #expect(created.status == .created)
            #expect(!created.text.contains("/set-password/"))
            #expect(created.text.contains("We have emailed a link to sam@example.org"))
            let email = try #require(try await harness.environment.outbox.messages().last)
            #expect(email.recipient == "sam@example.org")
            let link = try #require(email.body.firstMatch(of: /\/set-password\/([A-Za-z0-9_-]+)/)?.1)
            #expect(try await harness.environment.users.find(email: "sam@example.org")?.hasPassword == false)

            let (token, cookie) = try await harness.anonymousFormToken("/set-password/\(link)")
            let set = try await harness.request(
                .post, "/set-password/\(link)",
                form: ["_csrf": token, "password": "seven tall windmills", "confirm": "seven tall windmills"],
                headers: [.cookie: cookie])
            #expect(set.status == .seeOther)
            #expect(try await harness.environment.users.find(email: "sam@example.org")?.hasPassword == true)
            #expect(try await harness.request(.get, "/set-password/\(link)").status == .notFound)
        }
    }

    @Test("invalid account details are refused with the field named, and nothing is written", arguments: TestDatabaseKind.available)
    func invalidAccountRefused(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            for (fields, message, field) in [
                (["name": "", "email": "x@example.org", "role": "staff"], "The name is missing", "name"),
                (["name": "No At", "email": "not-an-email", "role": "staff"], "is not an email address", "email"),
                (["name": "Bad Role", "email": "role@example.org", "role": "superuser"], "Choose a role", "role"),
                (["name": String(repeating: "n", count: 500), "email": "long@example.org", "role": "staff"], "longer than 200", "name"),
                (["name": "Dupe", "email": admin.user.email, "role": "staff"], "already exists", "email"),
            ] {
                let response = try await harness.request(.post, "/admin/users", as: admin, form: fields)
                #expect(response.status == .badRequest, "\(fields)")
                #expect(response.text.contains(message), "\(fields)")
                // The message is beside its field as well as in the summary.
                #expect(response.text.contains(#"<p class="error-message" id="\#(field)-error">"#), "\(fields)")
            }
            #expect(try await harness.environment.users.count() == 1)
        }
    }

    @Test("disabling a user ends their sessions at once; administrators cannot disable themselves", arguments: TestDatabaseKind.available)
    func disableUser(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let staff = try await harness.browser(.staff)
            #expect(try await harness.request(.get, "/home", as: staff).status == .ok)
            let response = try await harness.request(.post, "/admin/users/\(staff.user.id)/disable", as: admin, form: [:])
            #expect(response.status == .seeOther)
            #expect(try await harness.request(.get, "/home", as: staff).status == .seeOther)
            let own = try await harness.request(.post, "/admin/users/\(admin.user.id)/disable", as: admin, form: [:])
            #expect(own.status == .conflict)
            #expect(try await harness.environment.users.find(id: admin.user.id)?.disabled == false)
        }
    }

    @Test(
        "an administrator cannot become the DSL: a new password link for the DSL is emailed to the DSL, never shown",
        arguments: TestDatabaseKind.available)
    func adminCannotTakeOverLead(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let lead = try await harness.browser(.dsl)
            let page = try await harness.request(.post, "/admin/users/\(lead.user.id)/password-link", as: admin, form: [:])
            #expect(page.status == .ok)
            #expect(!page.text.contains("/set-password/"))
            let api = try await harness.request(.get, "/api/v1/users", as: admin)
            #expect(!api.text.contains("/set-password/"))
            let email = try #require(try await harness.environment.outbox.messages().last)
            #expect(email.recipient == lead.user.email)
        }
    }

    @Test(
        "an administrator's grant of a role that reads cases waits for the DSL; the account cannot read triage meanwhile",
        arguments: TestDatabaseKind.available, ["dsl", "deputy_dsl", "auditor", "partner"])
    func caseRolesWaitForLead(kind: TestDatabaseKind, role: String) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let lead = try await harness.browser(.dsl)
            let person = try await harness.browser(.staff)
            let response = try await harness.request(.post, "/admin/users/\(person.user.id)/role", as: admin, form: ["role": role])
            #expect(response.headers[.location] == "/admin/users?done=role-requested")
            #expect(try await harness.environment.users.find(id: person.user.id)?.role == .staff)
            #expect(try await harness.request(.get, "/triage", as: person).status == .forbidden)

            let queue = try await harness.request(.get, "/access-requests", as: lead)
            #expect(queue.text.contains(person.user.name))
            let request = try #require(try await harness.environment.accessRequests.waiting().first)
            let missingReason = try await harness.request(.post, "/access-requests/\(request.id)", as: lead, form: ["decision": "approve"])
            #expect(missingReason.status == .badRequest)
            let decided = try await harness.request(
                .post, "/access-requests/\(request.id)", as: lead,
                form: ["decision": "approve", "reason": "New deputy from Monday"])
            #expect(decided.status == .seeOther)
            #expect(try await harness.environment.users.find(id: person.user.id)?.role.rawValue == role)
            let twice = try await harness.request(
                .post, "/access-requests/\(request.id)", as: lead,
                form: ["decision": "refuse", "reason": "changed my mind"])
            #expect(twice.status == .conflict)
            #expect(twice.text.contains("Already decided: approved by \(lead.user.name)"))
            #expect(try await harness.request(.get, "/access-requests", as: admin).status == .forbidden)
        }
    }

    @Test(
        "only safeguarding leads add partner contacts: an administrator cannot point shares at a mailbox they hold",
        arguments: TestDatabaseKind.available)
    func adminCannotAddContacts(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let response = try await harness.request(
                .post, "/agencies/\(UUID())/contacts", as: admin,
                form: ["name": "Me", "email": "admin-inbox@example.org"])
            #expect(response.status == .forbidden)
        }
    }

    @Test("changing a role takes effect on the person's next request", arguments: TestDatabaseKind.available)
    func changeRole(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let person = try await harness.browser(.staff)
            #expect(try await harness.request(.get, "/admin/users", as: person).status == .forbidden)
            _ = try await harness.request(.post, "/admin/users/\(person.user.id)/role", as: admin, form: ["role": "admin"])
            #expect(try await harness.request(.get, "/admin/users", as: person).status == .ok)
            let bad = try await harness.request(.post, "/admin/users/\(person.user.id)/role", as: admin, form: ["role": "root"])
            #expect(bad.status == .badRequest)
        }
    }

    @Test("each role's home page says what they do and offers only what they may use", arguments: UserRole.allCases)
    func homePages(role: UserRole) async throws {
        for kind in TestDatabaseKind.available {
            try await WebHarness.run(kind) { harness in
                let browser = try await harness.browser(role)
                let home = try await harness.request(.get, "/home", as: browser)
                #expect(home.status == .ok)
                #expect(home.text.contains(role.title))
                #expect(home.text.contains(HomeRoutes.visibility(role)))
                #expect(home.text.contains("href=\"/admin/users\"") == (role == .admin))
            }
        }
    }
}
