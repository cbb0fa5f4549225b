import ConfidantCore
import Foundation
import Testing

@Suite("Retention reviews: when a file is due, and what a lead may decide")
struct RetentionReviewTests {
    static let lead = UUID()
    static let schedule = RetentionSchedule()

    static func file(born: String = "1995-03-27", decisions: [RetentionDecision] = []) -> RetentionFile {
        RetentionFile(
            id: UUID(), review: schedule.review(kind: .child, born: CalendarDay(born), lastContact: DataProtectionClockTests.day("2012-01-10")),
            decisions: decisions)
    }

    static func noon(_ day: String) -> Date { DataProtectionClockTests.day(day).start.addingTimeInterval(12 * 3600) }

    @Test("a child's file is kept until their birth plus 25 years, then due; a hold keeps it whatever the date")
    func standing() throws {
        let today = DataProtectionClockTests.day("2026-12-07")
        #expect(Self.file(born: "2014-03-27").standing(today: today) == .kept(until: DataProtectionClockTests.day("2039-03-27")))
        let due = Self.file()
        #expect(due.standing(today: today) == .due(since: DataProtectionClockTests.day("2020-03-27")))
        #expect(due.standingWords(today: today) == "Due for review since 27 March 2020")
        let hold = try due.deciding(step: "held", until: "", reason: "A made-up inquiry", by: Self.lead, now: Self.noon("2026-12-07")).get()
        let held = Self.file(decisions: [hold])
        #expect(held.standingWords(today: today) == "Under legal hold: A made-up inquiry")
        let lifted = try held.deciding(step: "hold_lifted", until: "", reason: "Inquiry closed", by: Self.lead, now: Self.noon("2026-12-08")).get()
        #expect(Self.file(decisions: [hold, lifted]).standing(today: today) == .due(since: DataProtectionClockTests.day("2020-03-27")))
    }

    @Test(
        "a lead's decision: a reason always, an extension's date after today and within 30 years, one hold at a time",
        arguments: [
            // Step, until, reason, held already, accepted.
            ("extended", "2030-01-01", "Sibling's case still open", false, true),
            ("extended", "2026-12-07", "Today is not later", false, false),
            ("extended", "2020-01-01", "In the past", false, false),
            ("extended", "2060-01-01", "Too far", false, false),
            ("extended", "soon", "Not a day", false, false),
            ("extended", "2030-01-01", "  ", false, false),
            ("held", "", "A made-up court case", false, true),
            ("held", "", "A second hold", true, false),
            ("hold_lifted", "", "Nothing to lift", false, false),
            ("hold_lifted", "", "The case ended", true, true),
            ("disposed", "", "Not a step here", false, false),
        ])
    func deciding(step: String, until: String, reason: String, heldAlready: Bool, accepted: Bool) {
        let now = Self.noon("2026-12-07")
        var decisions: [RetentionDecision] = []
        if heldAlready {
            decisions.append(RetentionDecision(step: .held, until: nil, reason: "An inquiry", by: DecisionBy(userID: Self.lead, at: now)))
        }
        let outcome = Self.file(decisions: decisions).deciding(step: step, until: until, reason: reason, by: Self.lead, now: now)
        #expect(((try? outcome.get()) != nil) == accepted)
    }

    @Test("an extension moves the review date and says why; a later extension to an earlier day is refused")
    func extensions() throws {
        let now = Self.noon("2026-12-07")
        let first = try Self.file().deciding(step: "extended", until: "2031-06-30", reason: "Sibling's case open", by: Self.lead, now: now).get()
        let file = Self.file(decisions: [first])
        #expect(file.reviewOn == DataProtectionClockTests.day("2031-06-30"))
        #expect(file.reviewReason == "Kept until 30 June 2031 by a lead's decision: Sibling's case open")
        #expect((try? file.deciding(step: "extended", until: "2029-01-01", reason: "Shorter", by: Self.lead, now: now).get()) == nil)
        #expect(file.standing(today: CalendarDay(containing: now)) == .kept(until: DataProtectionClockTests.day("2031-06-30")))
    }
}
