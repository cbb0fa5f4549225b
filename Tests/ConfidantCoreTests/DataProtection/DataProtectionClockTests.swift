import ConfidantCore
import Foundation
import Testing

@Suite("The law's clocks: calendar months, stopped clocks, working days, 72 hours, retention reviews")
struct DataProtectionClockTests {
    static func day(_ text: String) -> CalendarDay {
        guard let day = CalendarDay(text) else { preconditionFailure("\(text) is not a day") }
        return day
    }

    @Test(
        "a month runs to the corresponding day, or the month's last day when it is shorter",
        arguments: [
            ("2026-01-31", 1, "2026-02-28"), ("2028-01-31", 1, "2028-02-29"), ("2026-03-15", 1, "2026-04-15"),
            ("2026-08-31", 1, "2026-09-30"), ("2026-10-31", 1, "2026-11-30"), ("2026-12-31", 2, "2027-02-28"),
            ("2026-11-30", 3, "2027-02-28"), ("2026-01-31", 13, "2027-02-28"), ("2026-03-31", -1, "2026-02-28"),
        ])
    func months(from: String, months: Int, to: String) {
        #expect(Self.day(from).adding(months: months) == Self.day(to))
    }

    @Test(
        "years follow the same rule: 29 February becomes 28 February",
        arguments: [
            ("2040-02-29", 25, "2065-02-28"), ("2014-03-27", 25, "2039-03-27"), ("2016-02-29", 4, "2020-02-29"),
        ])
    func years(from: String, years: Int, to: String) {
        #expect(Self.day(from).adding(years: years) == Self.day(to))
    }

    @Test(
        "a subject access request is due a calendar month from receipt, on a working day, later by any extension",
        arguments: [
            // Received, extra months, due.
            ("2026-01-31", 0, "2026-03-02"),  // 28 February 2026 is a Saturday: the Monday after
            ("2028-01-31", 0, "2028-02-29"),
            ("2026-03-15", 0, "2026-04-15"),  // received on a Sunday, counted from that day
            ("2026-12-31", 2, "2027-03-31"),
            ("2026-11-27", 1, "2027-01-27"),
        ])
    func subjectAccessDue(received: String, extensionMonths: Int, due: String) {
        let clock = SubjectAccessClock(receivedOn: Self.day(received), extensionMonths: extensionMonths)
        #expect(clock.dueOn(today: Self.day(received)) == Self.day(due))
    }

    @Test("while identity or a clarification is awaited the clock stops, and the limit moves on by those days")
    func stoppedClock() {
        let received = Self.day("2026-11-27")
        let waiting = SubjectAccessClock(receivedOn: received, stops: [.init(asked: Self.day("2026-11-30"))])
        #expect(waiting.standing(today: Self.day("2026-12-07")) == .stopped)
        #expect(waiting.daysStopped(today: Self.day("2026-12-07")) == 7)
        // 27 December plus the 7 days is Sunday 3 January: due on Monday the 4th.
        #expect(waiting.dueOn(today: Self.day("2026-12-07")) == Self.day("2027-01-04"))
        let answered = SubjectAccessClock(
            receivedOn: received, stops: [.init(asked: Self.day("2026-11-30"), answered: Self.day("2026-12-07"))])
        #expect(answered.dueOn(today: Self.day("2026-12-20")) == Self.day("2027-01-04"))
        #expect(answered.standing(today: Self.day("2026-12-20")) == .due(days: 15))
        #expect(answered.standing(today: Self.day("2027-01-06")) == .overdue(days: 2))
        let plain = SubjectAccessClock(receivedOn: received)
        #expect(plain.lastDayToExtend(today: received) == Self.day("2026-12-28"))
        #expect(SubjectAccessClock(receivedOn: received, extensionMonths: 5).extensionMonths == 2)
    }

    @Test(
        "working days skip weekends", arguments: [("2026-11-27", 5, "2026-12-04"), ("2026-12-07", 5, "2026-12-14"), ("2026-12-05", 1, "2026-12-07")])
    func workingDays(from: String, count: Int, to: String) {
        #expect(Self.day(from).adding(workingDays: count) == Self.day(to))
    }

    @Test("the 72 hours count down from discovery, then count how late; a decision says how long it took")
    func breachClock() {
        let found = Date(timeIntervalSince1970: 1_796_000_000)
        let clock = BreachClock(discoveredAt: found)
        let counting = clock.standing(now: found.addingTimeInterval(30 * 3600 + 48 * 60), decidedAt: nil)
        #expect(counting == .counting(seconds: 41 * 3600 + 12 * 60))
        #expect(BreachClock.words(counting) == "41 hours 12 minutes left to decide whether to tell the ICO")
        let late = clock.standing(now: found.addingTimeInterval(75 * 3600), decidedAt: nil)
        #expect(late == .late(seconds: 3 * 3600))
        #expect(BreachClock.words(late).hasPrefix("The 72 hours ended 3 hours ago"))
        #expect(BreachClock.words(clock.standing(now: found, decidedAt: found.addingTimeInterval(20 * 3600))) == "Decided 20 hours after discovery")
        #expect(
            BreachClock.words(clock.standing(now: found, decidedAt: found.addingTimeInterval(80 * 3600)))
                == "Decided 3 days 8 hours after discovery, after the 72 hours")
        for (seconds, words) in [
            (59, "under a minute"), (60, "1 minute"), (3600, "1 hour"), (3660, "1 hour 1 minute"), (74 * 3600, "3 days 2 hours"),
        ] {
            #expect(BreachClock.spoken(seconds: seconds) == words)
        }
    }

    @Test(
        "a file's review date follows its kind, with the reason",
        arguments: [
            (PersonKind.child, "2014-03-27" as String?, "2026-11-20", "2039-03-27", "date of birth"),
            (.child, "2016-02-29", "2026-11-20", "2041-02-28", "date of birth"),
            (.child, nil, "2026-11-20", "2051-11-20", "no date of birth"),
            (.adultAtRisk, "1950-01-01", "2026-11-20", "2032-11-20", "last contact"),
            (.adult, nil, "2026-11-20", "2032-11-20", "last contact"),
        ])
    func retention(kind: PersonKind, born: String?, lastContact: String, review: String, because: String) {
        let result = RetentionSchedule().review(kind: kind, born: born.map(Self.day), lastContact: Self.day(lastContact))
        #expect(result.on == Self.day(review))
        #expect(result.reason.contains(because))
    }

    @Test("the organisation sets its own periods; advice about nobody is reviewed after a year")
    func ownSchedule() {
        let schedule = RetentionSchedule(childYearsAfterBirth: 30, adultYearsAfterLastContact: 10, adviceYears: 2)
        #expect(schedule.review(kind: .adultAtRisk, born: nil, lastContact: Self.day("2026-11-20")).on == Self.day("2036-11-20"))
        #expect(schedule.review(kind: .child, born: Self.day("2014-03-27"), lastContact: Self.day("2026-11-20")).on == Self.day("2044-03-27"))
        #expect(RetentionSchedule().review(adviceGivenOn: Self.day("2026-11-20")).on == Self.day("2027-11-20"))
    }
}

@Suite("The breach register's forms")
struct BreachFormTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test("a report needs what, when to the minute, what data and whose; typed as people type; never in the future")
    func report() throws {
        var entry = BreachEntry(
            whatHappened: "A share went to the wrong agency", discoveredOn: "27/11/2026", discoveredTime: "14:30",
            dataInvolved: "A concern's account and a photo", whoseData: "A child and their mother")
        let report = try entry.checked(now: now).get()
        #expect(report.discoveredAt == DataProtectionClockTests.day("2026-11-27").start.addingTimeInterval(14.5 * 3600))
        entry = BreachEntry(discoveredOn: "2099-01-01", discoveredTime: "soon")
        guard case .failure(let problems) = entry.checked(now: now) else {
            Issue.record("an empty report was accepted")
            return
        }
        #expect(Set(problems.problems.map(\.field)) == ["what_happened", "data_involved", "whose_data", "discovered_time"])
        entry = BreachEntry(whatHappened: "x", discoveredOn: "2099-01-01", discoveredTime: "09:00", dataInvolved: "x", whoseData: "x")
        guard case .failure(let future) = entry.checked(now: now) else {
            Issue.record("a discovery in the future was accepted")
            return
        }
        #expect(future.problems.map(\.field) == ["discovered_on"])
    }

    @Test("each decision needs its answer and reason; the first ICO decision after the 72 hours says why it is late")
    func decisions() throws {
        let lead = UUID()
        let clock = BreachClock(discoveredAt: now)
        let none = BreachDecisions()
        let inTime = try none.ico(
            notify: "yes", reason: "Risk to a child", reference: "", lateReason: "", clock: clock, by: lead, now: now.addingTimeInterval(3600)
        ).get()
        #expect(inTime.notify && inTime.reason == "Risk to a child")
        let afterwards = now.addingTimeInterval(100 * 3600)
        guard
            case .failure(let late) = none.ico(
                notify: "no", reason: "Contained", reference: "", lateReason: "", clock: clock, by: lead, now: afterwards)
        else {
            Issue.record("a late decision without its reason was accepted")
            return
        }
        #expect(late.problems.map(\.field) == ["late_reason"])
        // Recorded in time first, a later update (the ICO's reference) needs no reason for lateness.
        let update = try BreachDecisions(ico: inTime).ico(
            notify: "yes", reason: "Risk to a child", reference: "IC-123456", lateReason: "", clock: clock, by: lead, now: afterwards
        ).get()
        #expect(update.reference == "IC-123456")
        guard case .failure(let blank) = none.affectedPeople(mustTell: "", reason: "", toldOn: "yesterday", discoveredAt: now, by: lead, now: now)
        else {
            Issue.record("a blank decision was accepted")
            return
        }
        #expect(blank.problems.map(\.field) == ["must_tell", "people_reason", "told_on"])
        let told = try none.affectedPeople(
            mustTell: "yes", reason: "High risk", toldOn: "28/11/2026", discoveredAt: now.addingTimeInterval(-86_400 * 3), by: lead,
            now: now.addingTimeInterval(86_400 * 2)
        ).get()
        #expect(told.toldOn == DataProtectionClockTests.day("2026-11-28"))
        #expect(throws: FormProblems.self) { try none.charityCommission(report: "maybe", reason: "x", by: lead, now: now).get() }
    }
}
