import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("Audit pages")
struct AuditPageTests {
    @Test("a failed and a successful sign-in, and account changes, appear in the auditor's log with names", arguments: TestDatabaseKind.available)
    func searchable(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let auditor = try await harness.browser(.auditor, email: "audrey@example.org")
            let admin = try await harness.browser(.admin, email: "adam@example.org")
            _ = try await harness.request(
                .post, "/admin/users", as: admin,
                form: ["name": "Sam Staff", "email": "sam@example.org", "role": "staff"])
            let (token, cookie) = try await harness.anonymousFormToken()
            _ = try await harness.request(
                .post, "/sign-in", form: ["_csrf": token, "email": "sam@example.org", "password": "guess guess guess"],
                headers: [.cookie: cookie])

            let all = try await harness.request(.get, "/audit", as: auditor)
            #expect(all.status == .ok)
            for action in ["user_created", "password_link_issued", "sign_in", "sign_in_failed"] {
                #expect(all.text.contains("<td>\(action)</td>"), "\(action)")
            }
            #expect(all.text.contains("Test Administrator &lt;adam@example.org&gt;"))

            let byActor = try await harness.request(.get, "/audit?actor=adam%40example.org", as: auditor)
            #expect(byActor.text.contains("<td>user_created</td>"))
            #expect(!byActor.text.contains("<td>sign_in_failed</td>"))
            let byAction = try await harness.request(.get, "/audit?action=sign_in_failed", as: auditor)
            #expect(byAction.text.contains("<td>sign_in_failed</td>"))
            // What was typed as the email is never stored as text: the log names the account it matched.
            #expect(!byAction.text.contains("account:sam@example.org"))
            #expect(!byAction.text.contains("<td>user_created</td>"))
            let badDate = try await harness.request(.get, "/audit?from=yesterday", as: auditor)
            #expect(badDate.status == .badRequest)
            #expect(badDate.text.contains("like 24/11/2026"))
            // A day typed as people write it (a phone without a date picker) is read, not refused.
            let typedDay = try await harness.request(.get, "/audit?from=01%2F01%2F2020", as: auditor)
            #expect(typedDay.status == .ok)
            #expect(typedDay.text.contains("<td>user_created</td>"))
        }
    }

    @Test("the auditor's check says the log is intact, and catches an edit made behind Confidant's back", arguments: TestDatabaseKind.available)
    func integrityCheck(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let auditor = try await harness.browser(.auditor, steppedUp: false)
            _ = try await harness.environment.audit.checkpoint(key: WebHarness.auditKey, policy: .standard, now: 1, force: true)
            let intact = try await harness.request(.post, "/audit/verify", as: auditor, form: [:])
            #expect(intact.text.contains("ok: 2 events"))
            try await harness.environment.database.execute("UPDATE audit_events SET actor = 'nobody' WHERE seq = 1")
            let tampered = try await harness.request(.post, "/audit/verify", as: auditor, form: [:])
            #expect(tampered.text.contains("fail: event 1:"))
        }
    }

    @Test("a safeguarding lead sees who has seen a record, with when", arguments: TestDatabaseKind.available)
    func seenBy(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let dsl = try await harness.browser(.dsl)
            let reader = try await harness.browser(.staff, email: "reader@example.org")
            try await harness.environment.audit.append(
                AuditEntry(
                    time: 1_795_000_000_000, actor: AuditName.user(reader.user.id), action: .caseRead, target: "disclosure:42",
                    detail: AuditDetail(["parts": .strings(["account"])])))
            let page = try await harness.request(.get, "/audit/seen-by?target=disclosure:42", as: dsl)
            #expect(page.status == .ok)
            #expect(page.text.contains("reader@example.org"))
            #expect(page.text.contains("2026-11-18T"))
            let nobody = try await harness.request(.get, "/audit/seen-by?target=disclosure:43", as: dsl)
            #expect(nobody.text.contains("Nobody has opened this record yet"))
            #expect(try await harness.request(.get, "/audit/seen-by", as: dsl).status == .badRequest)
        }
    }
}
