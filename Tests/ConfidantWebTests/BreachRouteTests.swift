import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("The breach register over HTTP")
struct BreachRouteTests {
    let shares = ShareTests()

    /// The day and time `hours` before the harness's clock, as the form's two fields take them.
    static func found(_ harness: WebHarness, hoursAgo hours: Double) -> (day: String, time: String) {
        let at = harness.clock.now.addingTimeInterval(-hours * 3600)
        let day = CalendarDay(containing: at)
        let minutes = Int(at.timeIntervalSince(day.start) / 60)
        return (day.iso, String(format: "%02d:%02d", minutes / 60, minutes % 60))
    }

    @Test(
        "a mis-sent share reported by its proposer: the form says what was sent, the link is revoked, the leads are told, the register shows it",
        arguments: TestDatabaseKind.available)
    func fromAShare(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let sent = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.dsl, form: shares.proposal(c, action: "share"))
            let shareID = try #require(shares.shareID(sent))
            #expect(try await harness.request(.get, "/shares/\(shareID)", as: c.partner).status == .ok)
            let page = try await harness.request(.get, "/shares/\(shareID)", as: c.dsl)
            #expect(page.text.contains("/breaches/new?share=\(shareID)"))
            // Not from the recipient's side: only those who look after the share report it from there.
            #expect(try await harness.request(.get, "/breaches/new?share=\(shareID)", as: c.staff).status == .notFound)

            let form = try await harness.request(.get, "/breaches/new?share=\(shareID)", as: c.dsl)
            #expect(form.status == .ok && form.text.contains("What the share sent: What the person said"))
            #expect(form.text.contains("Reporting it revokes the share&#39;s link") || form.text.contains("Reporting it revokes the share's link"))
            let when = Self.found(harness, hoursAgo: 2)
            let reported = try await harness.request(
                .post, "/breaches", as: c.dsl,
                form: [
                    "share": shareID.uuidString, "what_happened": "Sent to the wrong county's team", "discovered_on": when.day,
                    "discovered_time": when.time, "data_involved": "The child's own words", "whose_data": "A child",
                ])
            #expect(reported.status == .seeOther)
            let location = reported.headers[.location] ?? ""
            #expect(location.hasPrefix("/breaches/"))
            // The recipient can no longer open it.
            #expect(try await harness.request(.get, "/shares/\(shareID)", as: c.partner).status == .notFound)
            let revoked = try await harness.environment.audit.search(action: "share_revoked", target: "share:\(shareID.uuidString.lowercased())")
            #expect(revoked.count == 1 && revoked[0].detail.contains("possible_breach"))
            let logged = try await harness.environment.audit.search(action: "breach_reported")
            #expect(logged.count == 1 && logged[0].detail.contains("share:\(shareID.uuidString.lowercased())"))

            let register = try await harness.request(.get, "/breaches", as: c.dsl)
            #expect(register.text.contains("Sent to the wrong county"))
            #expect(register.text.contains("left to decide whether to tell the ICO"))
            let breach = try await harness.request(.get, location, as: c.dsl)
            #expect(breach.status == .ok && breach.text.contains("The share it was reported from"))
        }
    }

    @Test(
        "who may see and report: staff report but never read the register; managers and leads read it; others neither",
        arguments: TestDatabaseKind.available)
    func access(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let manager = try await harness.browser(.manager)
            let admin = try await harness.browser(.admin)
            let partner = try await harness.browser(.partner)
            let when = Self.found(harness, hoursAgo: 1)
            let fields = [
                "what_happened": "A laptop with a made-up file was left on a train", "discovered_on": when.day, "discovered_time": when.time,
                "data_involved": "One concern", "whose_data": "A child",
            ]
            let byStaff = try await harness.request(.post, "/breaches", as: staff, form: fields)
            #expect(byStaff.status == .ok && byStaff.text.contains("The safeguarding leads have been told"))
            #expect(try await harness.request(.get, "/breaches", as: staff).status == .forbidden)
            let id = try #require(try await harness.environment.breaches.breaches().first?.id)
            #expect(try await harness.request(.get, "/breaches/\(id)", as: staff).status == .forbidden)
            #expect(try await harness.request(.get, "/breaches", as: manager).text.contains("A laptop with a made-up file"))
            for outsider in [admin, partner] {
                #expect(try await harness.request(.get, "/breaches", as: outsider).status == .forbidden)
                #expect(try await harness.request(.post, "/breaches", as: outsider, form: fields).status == .forbidden)
            }
            let notices = try await harness.environment.outbox.messages().filter { $0.subject.contains("possible data breach") }
            #expect(notices.isEmpty || notices.allSatisfy { !$0.body.contains("laptop") })
        }
    }

    @Test(
        "decisions: each needs its answer and reason; one after the 72 hours says why it is late; bad input is a message",
        arguments: TestDatabaseKind.available)
    func decisions(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let dsl = try await harness.browser(.dsl)
            let empty = try await harness.request(.post, "/breaches", as: dsl, form: ["discovered_on": "2099-01-01", "discovered_time": "09:00"])
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("Say what happened") && empty.text.contains("cannot be in the future"))
            #expect(try await harness.environment.breaches.breaches().isEmpty)
            let long = try await harness.request(
                .post, "/breaches", as: dsl, form: ["what_happened": String(repeating: "x", count: 10_001), "discovered_on": "soon"])
            #expect(long.status == .badRequest && long.text.contains("Keep this to 10000 characters"))

            let when = Self.found(harness, hoursAgo: 80)
            let reported = try await harness.request(
                .post, "/breaches", as: dsl,
                form: [
                    "what_happened": "A made-up email went to a parent in error", "discovered_on": when.day, "discovered_time": when.time,
                    "data_involved": "A triage note", "whose_data": "Another family's child",
                ])
            let path = reported.headers[.location] ?? ""
            let page = try await harness.request(.get, path, as: dsl)
            #expect(page.text.contains("The 72 hours ended 8 hours ago"))
            let missing = try await harness.request(.post, path + "/ico", as: dsl, form: ["notify": "yes", "ico_reason": "A child's details"])
            #expect(missing.status == .badRequest && missing.text.contains("say why the decision is late"))
            #expect(missing.text.contains(#"id="notify-yes" name="notify" value="yes" checked"#))
            #expect(
                try await harness.request(
                    .post, path + "/ico", as: dsl,
                    form: ["notify": "yes", "ico_reason": "A child's details", "late_reason": "Found on a Friday night; the lead was away"]
                ).status == .seeOther)
            #expect(
                try await harness.request(
                    .post, path + "/people", as: dsl,
                    form: ["must_tell": "yes", "people_reason": "High risk", "told_on": CalendarDay(containing: harness.clock.now).iso]
                ).status == .seeOther)
            #expect(try await harness.request(.post, path + "/commission", as: dsl, form: ["commission": "perhaps"]).status == .badRequest)
            #expect(
                try await harness.request(.post, path + "/commission", as: dsl, form: ["commission": "no", "commission_reason": "Contained at once"])
                    .status == .seeOther)
            let decided = try await harness.request(.get, path, as: dsl)
            #expect(decided.text.contains("The ICO is to be told") && decided.text.contains("Why late: Found on a Friday night"))
            #expect(decided.text.contains("The people affected must be told") && decided.text.contains("Not a serious incident to report"))
            #expect(decided.text.contains("after the 72 hours"))
            let logged = try await harness.environment.audit.search(action: "breach_decided")
            #expect(
                Set(logged.compactMap { event in ["ico", "affected_people", "charity_commission"].first { event.detail.contains($0) } }).count == 3)
            #expect(
                try await harness.request(.post, "/breaches/\(UUID())/ico", as: dsl, form: ["notify": "no", "ico_reason": "x"]).status == .notFound)
        }
    }
}
