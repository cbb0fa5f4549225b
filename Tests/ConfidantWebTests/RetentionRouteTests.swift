import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("Retention reviews over HTTP")
struct RetentionRouteTests {
    @Test(
        "a file past its review date is in the leads' queue; kept longer, held and released with reasons; each decision logged; others refused",
        arguments: TestDatabaseKind.available)
    func reviews(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let now = harness.clock.now
            // Born in 1995: a child's file reviewed at 25, in 2020, so due now. Born in 2014: kept until 2039.
            let due = try await harness.environment.records.createPerson(
                kind: .child, details: PersonDetails(name: "Casey Testolder", dateOfBirth: "1995-03-27"), by: staff.user.id, now: now)
            let kept = try await harness.environment.records.createPerson(
                kind: .child, details: PersonDetails(name: "Robin Testchild", dateOfBirth: "2014-03-27"), by: staff.user.id, now: now)

            let page = try await harness.request(.get, "/people/\(kept.id)", as: dsl)
            #expect(page.text.contains("Kept until its review on 27 March 2039"))
            #expect(page.text.contains("date of birth (27 March 2014) plus 25 years"))
            #expect(!(try await harness.request(.get, "/people/\(kept.id)", as: staff).text.contains("Keeping this file")))

            let queue = try await harness.request(.get, "/retention", as: dsl)
            #expect(queue.status == .ok && queue.text.contains("Casey Testolder") && !queue.text.contains("Robin Testchild"))
            #expect(
                try await harness.environment.audit.viewers(of: "person:\(due.id.uuidString.lowercased())").contains {
                    $0.actor == AuditName.user(dsl.user.id)
                })

            let path = "/people/\(due.id)/retention"
            let bad = try await harness.request(.post, path, as: dsl, form: ["step": "extended", "until": "2001-01-01", "reason": ""])
            #expect(bad.status == .badRequest && bad.text.contains("Give the reason") && bad.text.contains("Give a day after"))
            #expect(try await harness.environment.retention.decisions(of: due.id).isEmpty)
            let until = CalendarDay(containing: now).adding(years: 2).iso
            #expect(
                try await harness.request(
                    .post, path, as: dsl, form: ["step": "extended", "until": until, "reason": "A sibling's file is still open"]
                )
                .status == .seeOther)
            #expect(!(try await harness.request(.get, "/retention", as: dsl).text.contains("Casey Testolder")))
            let file = try await harness.request(.get, path, as: dsl).text
            #expect(file.contains("A sibling&#39;s file is still open") || file.contains("A sibling's file is still open"))

            #expect(try await harness.request(.post, path, as: dsl, form: ["step": "held", "reason": "A made-up inquiry"]).status == .seeOther)
            #expect(try await harness.request(.get, "/retention", as: dsl).text.contains("Under legal hold: A made-up inquiry"))
            #expect(try await harness.request(.post, path, as: dsl, form: ["step": "held", "reason": "Again"]).status == .badRequest)
            #expect(
                try await harness.request(.post, path, as: dsl, form: ["step": "hold_lifted", "reason": "The inquiry ended"]).status == .seeOther)
            let logged = try await harness.environment.audit.search(action: "retention_reviewed", target: "person:\(due.id.uuidString.lowercased())")
            #expect(logged.count == 3 && logged.contains { $0.detail.contains("hold_lifted") })
            #expect(logged.allSatisfy { !$0.detail.contains("inquiry") && !$0.detail.contains("sibling") })

            let manager = try await harness.browser(.manager)
            for other in [staff, manager, try await harness.browser(.admin)] {
                #expect(try await harness.request(.get, "/retention", as: other).status == .forbidden)
                #expect(try await harness.request(.get, path, as: other).status == .forbidden)
                #expect(try await harness.request(.post, path, as: other, form: ["step": "held", "reason": "x"]).status == .forbidden)
            }
            #expect(try await harness.request(.get, "/people/\(UUID())/retention", as: dsl).status == .notFound)
            #expect(
                try await harness.request(.post, "/people/\(UUID())/retention", as: dsl, form: ["step": "held", "reason": "x"]).status == .notFound)
        }
    }

    @Test(
        "a lead proposes disposal and another carries it out after confirming; the certificate names nobody and its proof checks; the proposer, staff and managers are refused",
        arguments: TestDatabaseKind.available)
    func disposal(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let deputy = try await harness.browser(.deputyDSL)
            let manager = try await harness.browser(.manager)
            let now = harness.clock.now
            let casey = try await harness.environment.records.createPerson(
                kind: .child, details: PersonDetails(name: "Casey Testolder", dateOfBirth: "1995-03-27"), by: staff.user.id, now: now)
            let path = "/people/\(casey.id)/retention"
            let dispose = "/people/\(casey.id)/dispose"

            #expect(try await harness.request(.post, dispose, as: deputy, form: ["confirm": "yes"]).status == .conflict)
            #expect(
                try await harness.request(.post, path, as: dsl, form: ["step": "disposal_proposed", "reason": "Reviewed: nothing open"]).status
                    == .seeOther)
            // The other leads are told a disposal waits for one of them; the proposer is not.
            let disposalNotices = try await harness.environment.database.countRows("notices WHERE kind = 'disposal_proposed'")
            #expect(disposalNotices == 1)
            let proposed = try await harness.request(.get, path, as: dsl).text
            #expect(proposed.contains("Disposal proposed") && proposed.contains("Another safeguarding lead has to carry it out"))
            #expect(!proposed.contains("Dispose of this file"))
            let mine = try await harness.request(.post, dispose, as: dsl, form: ["confirm": "yes"])
            #expect(mine.status == .conflict && mine.text.contains("another safeguarding lead has to carry it out"))
            for other in [staff, manager] {
                #expect(try await harness.request(.post, dispose, as: other, form: ["confirm": "yes"]).status == .forbidden)
            }

            #expect(try await harness.request(.get, path, as: deputy).text.contains("Dispose of this file"))
            // A session whose second factor is not fresh confirms it first, and nothing is destroyed meanwhile.
            let stale = try await harness.browser(.deputyDSL, steppedUp: false)
            let stepUp = try await harness.request(.post, dispose, as: stale, form: ["confirm": "yes"])
            #expect(stepUp.status == .seeOther && stepUp.headers[.location]?.hasPrefix("/step-up?next=") == true)
            #expect(try await harness.environment.records.people([casey.id])[casey.id] != nil)
            let unconfirmed = try await harness.request(.post, dispose, as: deputy, form: [:])
            #expect(unconfirmed.status == .conflict && unconfirmed.text.contains("cannot be undone"))
            let done = try await harness.request(.post, dispose, as: deputy, form: ["confirm": "yes"])
            #expect(done.status == .seeOther)
            let location = try #require(done.headers[.location])
            #expect(location.hasPrefix("/retention/disposals/"))

            let certificate = try await harness.request(.get, location, as: dsl)
            let pseudonym = PersonKind.child.pseudonym(for: casey.id)
            #expect(certificate.status == .ok && certificate.text.contains("Disposal certificate") && certificate.text.contains(pseudonym))
            #expect(certificate.text.contains("The inclusion proof below checks"))
            #expect(
                certificate.text.contains("A child&#39;s safeguarding file: date of birth plus 25 years")
                    || certificate.text.contains("A child's safeguarding file: date of birth plus 25 years"))
            #expect(!certificate.text.contains("Casey") && !certificate.text.contains("1995") && !certificate.text.contains("27 March 2020"))
            #expect(try await harness.request(.get, location, as: staff).status == .forbidden)
            #expect(try await harness.request(.get, "/retention/disposals/1", as: dsl).status == .notFound)
            #expect(try await harness.request(.get, "/retention/disposals/x", as: dsl).status == .notFound)

            #expect(try await harness.request(.get, "/people/\(casey.id)", as: dsl).status == .notFound)
            let queue = try await harness.request(.get, "/retention", as: dsl).text
            #expect(queue.contains(pseudonym) && !queue.contains("Casey Testolder"))
            #expect(try await harness.request(.post, dispose, as: deputy, form: ["confirm": "yes"]).status == .notFound)
            #expect(try await harness.environment.database.countRows("notices WHERE kind = 'disposal_proposed'") == 0)
            let logged = try await harness.environment.audit.search(action: "file_disposed")
            #expect(logged.count == 1 && logged[0].actor == AuditName.user(deputy.user.id) && !logged[0].detail.contains("Casey"))
        }
    }

    @Test(
        "advice about no named person is due a year after it was given: one lead proposes disposing of it, another carries it out",
        arguments: TestDatabaseKind.available)
    func advice(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let asked = try await harness.environment.advice.ask("A made-up question about a secret", by: staff.user.id, now: harness.clock.now)
            try await harness.environment.advice.answer(asked.id, with: "Made-up advice", by: dsl.user.id, now: harness.clock.now)
            let path = "/retention/advice/\(asked.id)"
            #expect(try await harness.request(.get, "/retention", as: dsl).text.contains("1 other advice request(s) are kept"))
            #expect(try await harness.request(.get, path, as: staff).status == .forbidden)
            let early = try await harness.request(.post, path, as: dsl, form: ["step": "disposal_proposed", "reason": "Done with"])
            #expect(early.status == .badRequest && early.text.contains("kept until its review on"))

            // A year on: sessions of then have ended, so the leads sign in again.
            harness.clock.advance(by: 366 * 86_400)
            let lead = try await harness.browser(.dsl)
            let deputy = try await harness.browser(.deputyDSL)
            let queue = try await harness.request(.get, "/retention", as: lead).text
            #expect(queue.contains(path) && queue.contains("Due for review since"))
            let page = try await harness.request(.get, path, as: lead)
            #expect(
                page.status == .ok && page.text.contains("A made-up question about a secret") && page.text.contains("Keeping the advice asked on"))
            #expect(try await harness.request(.post, path, as: lead, form: ["step": "disposal_proposed", "reason": "Reviewed"]).status == .seeOther)
            let mine = try await harness.request(.post, "\(path)/dispose", as: lead, form: ["confirm": "yes"])
            #expect(mine.status == .conflict && mine.text.contains("another safeguarding lead has to carry it out"))
            let stale = try await harness.browser(.deputyDSL, steppedUp: false)
            #expect(
                try await harness.request(.post, "\(path)/dispose", as: stale, form: ["confirm": "yes"]).headers[.location]?.hasPrefix("/step-up")
                    == true)
            let done = try await harness.request(.post, "\(path)/dispose", as: deputy, form: ["confirm": "yes"])
            #expect(done.status == .seeOther)
            #expect(try await harness.request(.get, path, as: lead).status == .notFound)
            #expect(try await harness.environment.audit.search(action: "advice_disposed").count == 1)
        }
    }
}
