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
            // Each event is a sentence naming people, never an action code or a raw id.
            let created = "Test Administrator created the account of Sam Staff."
            let failed = "Someone failed to sign in as Sam Staff."
            for sentence in [created, "Test Administrator sent a set-password link to Sam Staff.", failed] {
                #expect(all.text.contains("<p class=\"audit-sentence\">\(sentence)</p>"), "\(sentence)")
            }
            #expect(!all.text.contains("<td>user_created</td>"))

            let byActor = try await harness.request(.get, "/audit?actor=adam%40example.org", as: auditor)
            #expect(byActor.text.contains(created))
            #expect(!byActor.text.contains(failed))
            let byAction = try await harness.request(.get, "/audit?action=sign_in_failed", as: auditor)
            #expect(byAction.text.contains(failed))
            // What was typed as the email is never stored as text: the log names the account it matched.
            #expect(!byAction.text.contains("account:sam@example.org"))
            #expect(!byAction.text.contains(created))
            let badDate = try await harness.request(.get, "/audit?from=yesterday", as: auditor)
            #expect(badDate.status == .badRequest)
            #expect(badDate.text.contains("like 24/11/2026"))
            // A day typed as people write it (a phone without a date picker) is read, not refused.
            let typedDay = try await harness.request(.get, "/audit?from=01%2F01%2F2020", as: auditor)
            #expect(typedDay.status == .ok)
            #expect(typedDay.text.contains(created))
        }
    }

    @Test("the auditor's check says the log is intact, and catches an edit made behind Confidant's back", arguments: TestDatabaseKind.available)
    func integrityCheck(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let auditor = try await harness.browser(.auditor, steppedUp: false)
            _ = try await harness.environment.audit.checkpoint(key: WebHarness.auditKey, policy: .standard, now: 1, force: true)
            let intact = try await harness.request(.post, "/audit/verify", as: auditor, form: [:])
            #expect(intact.text.contains("The log is complete and unchanged: 2 events, the last at "))
            // The application's own checkpoint service may sign one too (a slow machine reaches its interval): the
            // latest signed checkpoint covers the same two events, whichever signed it.
            #expect(intact.text.contains("Last signed checkpoint: ") && intact.text.contains(", covering 2 events."))
            try await harness.environment.database.execute("UPDATE audit_events SET actor = 'nobody' WHERE seq = 1")
            let tampered = try await harness.request(.post, "/audit/verify", as: auditor, form: [:])
            #expect(tampered.text.contains("The log has been changed or cut short: fail: event 1:"))
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
            #expect(page.text.contains("18 Nov 2026, "))
            let nobody = try await harness.request(.get, "/audit/seen-by?target=disclosure:43", as: dsl)
            #expect(nobody.text.contains("Nobody has opened this record yet"))
            #expect(try await harness.request(.get, "/audit/seen-by", as: dsl).status == .badRequest)
        }
    }
}

@Suite("The audit log a person can use")
struct AuditLogReadingTests {
    @Test(
        "records are named by what they are and a pseudonym, never a name; who has seen a concern includes a partner's view of its share",
        arguments: TestDatabaseKind.available)
    func pseudonymsAndSeenBy(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let shares = ShareTests()
            let c = try await shares.setUp(harness)
            let id = try await shares.approvedShare(harness, c)
            #expect(try await harness.request(.get, "/shares/\(id)", as: c.partner).status == .ok)
            let auditor = try await harness.browser(.auditor)
            let log = try await harness.request(.get, "/audit", as: auditor)
            let person = try #require(try await harness.environment.records.concernFacts(UUID(uuidString: c.concernID)!)?.personID)
            let pseudonym = "Child \(person.uuidString.prefix(4).uppercased())"
            #expect(log.text.contains("Test Partner agency contact viewed a share about \(pseudonym)."))
            #expect(log.text.contains("proposed a share about \(pseudonym)."))
            #expect(!log.text.contains("Robin"))
            #expect(!log.text.contains("<td>share_viewed</td>"))
            // No id shows anywhere in the log's text, in a sentence or a detail ("contact:<id>" is "a partner agency contact").
            let visible = log.text.replacingOccurrences(of: #"href="[^"]*""#, with: "", options: .regularExpression)
            #expect(!visible.contains("contact:"))
            // Every event about a record links to who has seen it; the concern's page counts its share's views.
            #expect(log.text.contains("href=\"/audit/seen-by?target=share:\(id.uuidString.lowercased())\""))
            let seen = try await harness.request(.get, "/audit/seen-by?target=concern:\(c.concernID.lowercased())", as: auditor)
            #expect(seen.status == .ok)
            #expect(seen.text.contains("A concern about \(pseudonym)."))
            #expect(seen.text.contains("pat.partner@example.org"))
            #expect(seen.text.contains("viewed a share of it"))
            #expect(!seen.text.contains("Robin"))
            #expect(seen.text.contains("Views of its shares count too"))
            // The pseudonym the log shows finds that person's records; an email finds the account's events.
            // A browser sends the form's space as "+".
            let byPseudonym = try await harness.request(.get, "/audit?target=\(pseudonym.replacingOccurrences(of: " ", with: "+"))", as: auditor)
            #expect(byPseudonym.text.contains("a share about \(pseudonym)."))
            #expect(byPseudonym.text.contains("value=\"\(pseudonym)\""))
            #expect(!byPseudonym.text.contains("signed in."))
            let byEmail = try await harness.request(.get, "/audit?target=pat.partner%40example.org", as: auditor)
            #expect(byEmail.status == .ok)
            // An address in a detail stays as it was written.
            #expect(!log.text.contains("Pat.partner@example.org") || log.text.contains("Pat.Partner@example.org"))
        }
    }

    @Test(
        "fifty events a page, newest first; a page does not shift when new events arrive; CSV and signed export",
        arguments: TestDatabaseKind.available)
    func pages(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let auditor = try await harness.browser(.auditor)
            for n in 0..<70 {
                try await harness.environment.audit.append(
                    AuditEntry(
                        time: 1_795_000_000_000 + Int64(n), actor: AuditName.system, action: .configurationChanged, target: "setting:\(n)",
                        detail: AuditDetail(["enabled": .bool(n % 2 == 0), "count": .int(Int64(n))])))
            }
            let first = try await harness.request(.get, "/audit?action=configuration_changed", as: auditor)
            #expect(first.text.components(separatedBy: "<p class=\"audit-sentence\">").count - 1 == 50)
            #expect(first.text.contains("Confidant changed the settings (setting:69)."))
            // The detail is a list in words: a yes or no is not a number.
            #expect(first.text.contains("<dt>Enabled</dt><dd>no</dd>"))
            #expect(first.text.contains("<dt>Count</dt><dd>69</dd>"))
            let older = try #require(first.text.components(separatedBy: "href=\"").first { $0.hasPrefix("/audit?") && $0.contains("before=") })
            let link = String(older.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            let second = try await harness.request(.get, link, as: auditor)
            #expect(second.text.components(separatedBy: "<p class=\"audit-sentence\">").count - 1 == 20)
            #expect(second.text.contains("(setting:0)."))
            try await harness.environment.audit.append(
                AuditEntry(
                    time: 1_795_000_001_000, actor: AuditName.system, action: .configurationChanged, target: "setting:new", detail: AuditDetail([:])))
            let again = try await harness.request(.get, link, as: auditor)
            #expect(again.text.contains("(setting:19).") && !again.text.contains("(setting:new)."))
            #expect(try await harness.request(.get, "/audit?before=soon", as: auditor).status == .badRequest)

            let csv = try await harness.request(.get, "/audit.csv?action=configuration_changed", as: auditor)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let rows = csv.text.split(separator: "\r\n")
            #expect(rows.first == "Number,When (UTC),What happened,Action,Record or account,Detail")
            #expect(rows.count == 72)
            let export = try await harness.request(.get, "/audit/export.jsonl", as: auditor)
            #expect(export.status == .ok)
            let size = try await harness.environment.audit.head().size
            // Every checkpoint and every event was written, then the export itself was logged.
            let checkpoints = try await harness.environment.audit.checkpoints().count
            #expect(UInt64(export.text.split(separator: "\n").count) == UInt64(checkpoints) + size - 1)
            #expect(export.text.split(separator: "\n").filter { $0.hasPrefix(#"{"type":"event""#) }.count == Int(size - 1))
            #expect(try await harness.environment.audit.search(action: "export").first?.actor == AuditName.user(auditor.user.id))
            for role in [UserRole.dsl, .manager, .admin, .staff] {
                let other = try await harness.browser(role)
                #expect(try await harness.request(.get, "/audit/export.jsonl", as: other).status == .forbidden, "\(role)")
                #expect(try await harness.request(.get, "/audit.csv", as: other).status == .forbidden, "\(role)")
            }
        }
    }
}
