import Foundation
import Testing

@testable import ConfidantCore

@Suite("The oversight report's figures")
struct OversightReportTests {
    static let london = TimeZone(identifier: "Europe/London")!
    static let period = try! ReportPeriod(first: CalendarDay("2026-07-01")!, last: CalendarDay("2026-09-30")!, timeZone: london)
    static let inPeriod = try! Date("2026-08-10T09:00:00Z", strategy: .iso8601)
    static let before = try! Date("2026-05-10T09:00:00Z", strategy: .iso8601)
    static let hour = 3_600.0

    static func concern(
        at submitted: Date, _ categories: [ConcernCategory] = [.neglect], risk: RiskLevel? = .concern, told: DisclosedBy? = .person,
        explained: Bool? = true, offered: ConfidentialityOffered? = .limited, recordedAfter: Double? = 2 * hour,
        triagedAfter: Double? = 3 * hour, outcome: TriageOutcome = .monitor
    ) -> ConcernFact {
        ConcernFact(
            submittedAt: submitted, conversationAt: recordedAfter.map { submitted.addingTimeInterval(-$0) }, categories: categories,
            risk: risk, disclosedBy: told, limitsExplained: explained, offered: offered,
            firstTriage: triagedAfter.map { (submitted.addingTimeInterval($0), outcome) })
    }

    static func row(_ report: OversightReport, _ table: String, _ label: String) -> ReportTable.Row? {
        report.table(table)?.rows.first { $0.label == label }
    }

    @Test("each concern counts in its own period, under every category it has; small counts are held back")
    func categories() {
        let concerns =
            Array(repeating: Self.concern(at: Self.inPeriod, [.neglect, .emotional]), count: 6)
            + Array(repeating: Self.concern(at: Self.inPeriod, [.physical]), count: 2)
            + Array(repeating: Self.concern(at: Self.before, [.neglect]), count: 9)
        let report = OversightReport(period: Self.period, concerns: concerns, shares: [])
        let neglect = Self.row(report, "by-category", ConcernCategory.neglect.label)
        #expect(neglect?.current == "6")
        #expect(neglect?.previous == "9")
        #expect(neglect?.bar == 6)
        #expect(Self.row(report, "by-category", ConcernCategory.emotional.label)?.previous == "0")
        let physical = Self.row(report, "by-category", ConcernCategory.physical.label)
        #expect(physical?.current == "fewer than 5")
        #expect(physical?.bar == nil)
        #expect(Self.row(report, "policy-in-practice", "Concerns recorded")?.current == "8")
        #expect(report.table("by-month")?.rows.map(\.current) == ["0", "8", "0"])
        #expect(report.table("by-month")?.compared == false)
    }

    @Test("the policy in practice: limits explained, promises of secrecy and their review")
    func practice() {
        let concerns =
            Array(repeating: Self.concern(at: Self.inPeriod, explained: true), count: 15)
            + Array(repeating: Self.concern(at: Self.inPeriod, explained: false, offered: .absolute), count: 5)
            + Array(repeating: Self.concern(at: Self.inPeriod, explained: nil, offered: .absolute, triagedAfter: nil), count: 5)
        let report = OversightReport(period: Self.period, concerns: concerns, shares: [])
        #expect(Self.row(report, "policy-in-practice", "Limits of confidentiality explained at the outset")?.current == "15")
        #expect(Self.row(report, "policy-in-practice", "Share of concerns where the limits were explained at the outset")?.current == "60%")
        #expect(Self.row(report, "policy-in-practice", "Absolute confidentiality promised")?.current == "10")
        #expect(Self.row(report, "policy-in-practice", "Of those, reviewed by a safeguarding lead")?.current == "5")
        #expect(Self.row(report, "triage-outcomes", "Not triaged yet")?.current == "5")
        #expect(Self.row(report, "time-to-triage", "Not triaged yet")?.current == "5")
    }

    @Test("times to record and to triage: median and 90th percentile, and their spread")
    func timings() {
        let hours: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 50]
        let concerns = hours.map { Self.concern(at: Self.inPeriod, recordedAfter: $0 * Self.hour, triagedAfter: $0 * Self.hour) }
        let report = OversightReport(period: Self.period, concerns: concerns, shares: [])
        #expect(Self.row(report, "timings", "From the conversation to the record: median")?.current == "5 h")
        #expect(Self.row(report, "timings", "From the record to triage: 9 in 10 within")?.current == "9 h")
        #expect(Self.row(report, "timings", "From the record to triage: median")?.previous == "no cases")
        let spread = report.table("time-to-triage")?.rows.map(\.current)
        // Under 1 h: none (1 h is not under 1 h); 1–4 h: 1, 2, 3; 4–24 h: 4…9; 2–7 days: 50 h.
        #expect(spread == ["0", "fewer than 5", "6", "0", "fewer than 5", "0", "0"])
    }

    @Test("shares by decision, named or not, and telling the person after a confidence was broken")
    func shares() {
        let shares =
            Array(repeating: ShareFact(proposedAt: Self.inPeriod, ending: .permitted, identified: false, informing: nil), count: 7)
            + Array(repeating: ShareFact(proposedAt: Self.inPeriod, ending: .approved, identified: true, informing: .inTime), count: 5)
            + Array(repeating: ShareFact(proposedAt: Self.inPeriod, ending: .approved, identified: true, informing: .overdue), count: 6)
            + Array(repeating: ShareFact(proposedAt: Self.inPeriod, ending: .denied, identified: true, informing: nil), count: 8)
            + [ShareFact(proposedAt: Self.before, ending: .notShared, identified: nil, informing: nil)]
        let report = OversightReport(period: Self.period, concerns: [], shares: shares)
        #expect(Self.row(report, "shares", ShareFact.Ending.approved.label)?.current == "11")
        #expect(Self.row(report, "shares", ShareFact.Ending.denied.label)?.current == "8")
        #expect(Self.row(report, "shares", ShareFact.Ending.notShared.label)?.previous == "fewer than 5")
        // Only shares that were sent count as named or de-identified.
        #expect(Self.row(report, "share-forms", "The person was named")?.current == "11")
        #expect(Self.row(report, "share-forms", "De-identified")?.current == "7")
        #expect(Self.row(report, "confidences-broken", "Shares that broke a confidence")?.current == "11")
        #expect(Self.row(report, "confidences-broken", ShareFact.Informing.overdue.label)?.current == "6")
    }

    @Test(
        "how informing went, judged from the task's due time",
        arguments: [
            (Optional(-1.0), false, ShareFact.Informing.inTime), (Optional(1.0), false, .late), (Optional(5.0), true, .withheld),
            (nil, false, .open),
        ])
    func informing(completedAfterDue: Double?, withheld: Bool, expected: ShareFact.Informing) {
        let due = Self.inPeriod
        let now = due.addingTimeInterval(-10)
        #expect(
            ShareFact.informing(dueAt: due, completedAt: completedAfterDue.map { due.addingTimeInterval($0) }, withheld: withheld, now: now)
                == expected)
        #expect(ShareFact.informing(dueAt: due, completedAt: nil, withheld: false, now: due.addingTimeInterval(1)) == .overdue)
    }

    @Test("no table holds a figure from outside the two periods")
    func outside() {
        let long = try! Date("2020-01-01T00:00:00Z", strategy: .iso8601)
        let report = OversightReport(period: Self.period, concerns: [Self.concern(at: long)], shares: [])
        #expect(report.tables.allSatisfy { table in table.rows.allSatisfy { $0.bar == nil || $0.bar == 0 } })
        #expect(Self.row(report, "policy-in-practice", "Concerns recorded")?.previous == "0")
    }
}

@Suite("Making Safeguarding Personal: asked, and achieved")
struct PersonalOutcomeTests {
    @Test("the report counts who was asked what they want, and how closed cases ended")
    func personal() {
        let at = OversightReportTests.inPeriod
        let concerns =
            Array(repeating: ConcernFact(submittedAt: at, wishesAsked: true, achieved: .fully), count: 5)
            + Array(repeating: ConcernFact(submittedAt: at, wishesAsked: true, achieved: .partly), count: 6)
            + Array(repeating: ConcernFact(submittedAt: at, wishesAsked: false), count: 2)
            + [ConcernFact(submittedAt: at)]
        let report = OversightReport(period: OversightReportTests.period, concerns: concerns, shares: [])
        #expect(OversightReportTests.row(report, "personal", "Asked what they want to happen")?.current == "11")
        #expect(OversightReportTests.row(report, "personal", "Could not be asked (reason recorded)")?.current == "fewer than 5")
        #expect(OversightReportTests.row(report, "personal", "Not recorded")?.current == "fewer than 5")
        #expect(OversightReportTests.row(report, "personal", "Closed: fully achieved")?.current == "5")
        #expect(OversightReportTests.row(report, "personal", "Closed: partly achieved")?.current == "6")
        #expect(OversightReportTests.row(report, "personal", "Closed: not achieved")?.current == "0")
    }

    @Test(
        "a closure needs an answer, and the person's view unless they were not asked",
        arguments: [
            (nil, "", ["achieved", "person_view"]), (CaseClosure.Achieved.partly, "", ["person_view"]),
            (CaseClosure.Achieved.partly, "Better now", []), (CaseClosure.Achieved.notAsked, "", []),
        ] as [(CaseClosure.Achieved?, String, [String])])
    func closureProblems(achieved: CaseClosure.Achieved?, view: String, fields: [String]) {
        #expect(CaseClosure.problems(achieved: achieved, personView: view).map(\.field) == fields)
    }

    @Test("a narrative sealed before wishes were asked reads as not recorded; one with them says asked or not")
    func olderNarratives() throws {
        let old = #"{"place":"","thirdParty":"","account":"a","observations":"","opinion":"","limitsHow":"","actionsTaken":"x"}"#
        let narrative = try JSONDecoder().decode(ConcernNarrative.self, from: Data(old.utf8))
        #expect(narrative.wishes == "" && narrative.wishesAsked == nil)
        #expect(ConcernNarrative(wishes: "To stay at the club").wishesAsked == true)
        #expect(ConcernNarrative(wishesNotAsked: "Left early").wishesAsked == false)
        let again = try JSONDecoder().decode(ConcernNarrative.self, from: try JSONEncoder().encode(ConcernNarrative(wishes: "Stop it")))
        #expect(again.wishes == "Stop it")
    }
}
