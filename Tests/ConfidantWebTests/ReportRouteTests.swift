import ConfidantCore
import ConfidantDemo
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

@testable import ConfidantWeb

@Suite("Reports for managers and leads: the demo's figures, checked independently, with nobody named")
struct ReportRouteTests {
    /// The demo's concerns, read through the record store one by one (not through the report store), with the period
    /// the test chose: every day from 120 days ago to today, London time.
    struct Expected {
        var categories: [ConcernCategory: Int] = [:]
        var risks: [RiskLevel: Int] = [:]
        var outcomes: [TriageOutcome: Int] = [:]
        var submitted = 0
        var names: [String] = []
        var ids: [String] = []
    }

    static func shown(_ count: Int) -> String { count > 0 && count < 5 ? "fewer than 5" : String(count) }

    static func expected(_ harness: WebHarness, from start: Date) async throws -> Expected {
        var expected = Expected()
        let environment = harness.environment
        var people = Set<UUID>()
        for user in try await environment.users.all() {
            for concern in try await environment.records.concerns(writtenBy: user.id)
            where concern.status == .submitted && (concern.submittedAt ?? .distantPast) >= start {
                expected.submitted += 1
                for category in concern.categories { expected.categories[category, default: 0] += 1 }
                if let risk = concern.risk { expected.risks[risk, default: 0] += 1 }
                if let first = try await environment.records.decisions(on: concern.id).min(by: { $0.decidedAt < $1.decidedAt }) {
                    expected.outcomes[first.outcome, default: 0] += 1
                }
                people.insert(concern.personID)
                expected.ids.append(concern.id.uuidString.lowercased())
            }
        }
        for person in try await environment.records.people(people).values {
            expected.names.append(person.details.name)
            expected.ids.append(person.id.uuidString.lowercased())
        }
        return expected
    }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static func londonMidnight(_ text: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    }

    @Test("the page and each CSV give the demo's figures; no name or id of a person or record appears", arguments: TestDatabaseKind.available)
    func demoFigures(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            _ = try await DemoOrganisation.load(into: harness.environment, now: harness.clock.now)
            let manager = try await harness.browser(.manager)
            // The demo has a published policy: the manager acknowledges it before any other page opens.
            try await PolicyRouteTests.acknowledge(harness, manager)
            let from = Self.day(harness.clock.now.addingTimeInterval(-120 * 86_400))
            let to = Self.day(harness.clock.now)
            let expected = try await Self.expected(harness, from: Self.londonMidnight(from))
            #expect(expected.submitted == 27)

            let page = try await harness.request(.get, "/reports?from=\(from)&to=\(to)", as: manager)
            #expect(page.status == .ok)
            #expect(page.text.contains("<th scope=\"row\">Concerns recorded</th><td data-label=\"This period\">27</td>"))
            for category in ConcernCategory.allCases {
                #expect(
                    page.text.contains(
                        "<th scope=\"row\">\(category.label)</th><td data-label=\"This period\">\(Self.shown(expected.categories[category] ?? 0))</td>"
                    ))
            }
            for risk in RiskLevel.allCases {
                #expect(
                    page.text.contains(
                        "<th scope=\"row\">\(risk.label)</th><td data-label=\"This period\">\(Self.shown(expected.risks[risk] ?? 0))</td>"))
            }
            let triaged = expected.outcomes.values.reduce(0, +)
            #expect(
                page.text.contains(
                    "<th scope=\"row\">Not triaged yet</th><td data-label=\"This period\">\(Self.shown(expected.submitted - triaged))</td>"))
            // Charts are drawn, each named for screen readers, beside the table with the same figures; a table whose every
            // count is held back (the demo's categories: fewer than 5 each) has no bars to draw and says so.
            #expect(page.text.contains("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-by-risk-title\""))
            #expect(!page.text.contains("aria-labelledby=\"chart-by-category-title\""))
            #expect(page.text.contains("No chart: every count here is nought or fewer than 5."))

            let csv = try await harness.request(.get, "/reports/by-category.csv?from=\(from)&to=\(to)", as: manager)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("confidant-by-category-\(from)-to-\(to).csv") == true)
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            for category in ConcernCategory.allCases {
                #expect(lines.contains { $0.hasPrefix("\(category.label),\(Self.shown(expected.categories[category] ?? 0)),") })
            }
            let outcomes = try await harness.request(.get, "/reports/triage-outcomes.csv?from=\(from)&to=\(to)", as: manager)
            for outcome in TriageOutcome.allCases {
                let label = outcome.label.contains(",") || outcome.label.contains("\"") ? "\"\(outcome.label)\"" : outcome.label
                #expect(outcomes.text.contains("\(label),\(Self.shown(expected.outcomes[outcome] ?? 0)),"))
            }

            // Scan everything a report can give for a name or an id of anything it counts.
            var documents = [page.text, try await harness.request(.get, "/reports/quarterly?from=\(from)&to=\(to)", as: manager).text]
            for id in [
                "by-category", "by-risk", "by-discloser", "by-month", "policy-in-practice", "timings", "time-to-triage",
                "triage-outcomes", "shares", "share-forms", "confidences-broken",
            ] {
                let file = try await harness.request(.get, "/reports/\(id).csv?from=\(from)&to=\(to)", as: manager)
                #expect(file.status == .ok, "\(id).csv")
                documents.append(file.text)
            }
            for document in documents {
                for name in expected.names { #expect(!document.contains(name), "a report names \(name)") }
                for id in expected.ids { #expect(!document.contains(id), "a report holds the id \(id)") }
            }
            // Counting opened no record: nothing was logged as read for the manager.
            let reads = try await harness.environment.audit.search(action: "case_read")
            #expect(!reads.contains { $0.actor == manager.user.id.uuidString.lowercased() })
        }
    }

    @Test("only managers and safeguarding leads see reports", arguments: TestDatabaseKind.available)
    func access(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            for role in [UserRole.staff, .admin, .partner, .auditor] {
                let someone = try await harness.browser(role)
                #expect(try await harness.request(.get, "/reports", as: someone).status == .forbidden, "\(role)")
                #expect(try await harness.request(.get, "/reports/by-category.csv", as: someone).status == .forbidden, "\(role)")
            }
            let anonymous = try await harness.request(.get, "/reports/quarterly")
            #expect(anonymous.status == .seeOther || anonymous.status == .found)
            for role in [UserRole.manager, .dsl, .deputyDSL] {
                #expect(try await harness.request(.get, "/reports", as: try await harness.browser(role)).status == .ok, "\(role)")
            }
        }
    }

    @Test("a period that is not one is answered with its mistake beside the field, never a crash", arguments: TestDatabaseKind.available)
    func badPeriods(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let manager = try await harness.browser(.manager)
            let notADay = try await harness.request(.get, "/reports?from=yesterday&to=2026-13-45", as: manager)
            #expect(notADay.status == .badRequest)
            #expect(notADay.text.contains("id=\"from-error\""))
            #expect(notADay.text.contains("id=\"to-error\""))
            #expect(notADay.text.contains("value=\"yesterday\""))
            let backwards = try await harness.request(.get, "/reports?from=2026-09-30&to=2026-07-01", as: manager)
            #expect(backwards.status == .badRequest)
            #expect(backwards.text.contains("The last day must be on or after the first day"))
            let centuries = try await harness.request(.get, "/reports?from=1900-01-01&to=2026-01-01", as: manager)
            #expect(centuries.status == .badRequest)
            #expect(centuries.text.contains("at most ten years"))
            // A day typed as people write it is read.
            let typed = try await harness.request(.get, "/reports?from=1%2F7%2F2026&to=30%2F9%2F2026", as: manager)
            #expect(typed.status == .ok)
            #expect(typed.text.contains("1 Jul 2026 to 30 Sep 2026"))
            #expect(try await harness.request(.get, "/reports/nothing.csv", as: manager).status == .notFound)
            #expect(try await harness.request(.get, "/reports/by-category.csv?from=x", as: manager).status == .badRequest)
            #expect(try await harness.request(.get, "/reports/quarterly?from=x&to=y", as: manager).status == .badRequest)
            let long = String(repeating: "9", count: 5_000)
            #expect(try await harness.request(.get, "/reports?from=\(long)&to=\(long)", as: manager).status == .badRequest)
        }
    }
}
