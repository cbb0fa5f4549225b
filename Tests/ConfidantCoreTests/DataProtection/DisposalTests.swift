import ConfidantCore
import Foundation
import Testing

@Suite("Disposal: two leads, a due file, a record that names nobody")
struct DisposalTests {
    static let (dana, dev) = (UUID(), UUID())
    static let today = DataProtectionClockTests.day("2026-12-07")

    static func decision(_ step: String, by lead: UUID, on day: String, until: String = "", file: RetentionFile) throws -> RetentionDecision {
        try file.deciding(step: step, until: until, reason: "A made-up reason", by: lead, now: RetentionReviewTests.noon(day)).get()
    }

    @Test("who may dispose of a file, and when: due, not held, proposed by another lead, not cancelled since")
    func rules() throws {
        let due = RetentionReviewTests.file()
        #expect(due.disposal(by: Self.dev, today: Self.today) == .noProposal)
        let proposal = try Self.decision("disposal_proposed", by: Self.dana, on: "2026-12-01", file: due)
        let proposed = RetentionReviewTests.file(decisions: [proposal])
        #expect(proposed.pendingDisposal == proposal)
        #expect(proposed.disposal(by: Self.dev, today: Self.today) == nil)
        #expect(proposed.disposal(by: Self.dana, today: Self.today) == .sameLead)
        // A second proposal, while one waits, is refused; a withdrawal, a hold or keeping it longer cancels it.
        #expect((try? Self.decision("disposal_proposed", by: Self.dev, on: "2026-12-02", file: proposed)) == nil)
        for (step, until) in [("proposal_withdrawn", ""), ("held", ""), ("extended", "2030-01-01")] {
            let cancel = try Self.decision(step, by: Self.dev, on: "2026-12-03", until: until, file: proposed)
            let cancelled = RetentionReviewTests.file(decisions: [proposal, cancel])
            #expect(cancelled.pendingDisposal == nil, "\(step) cancels the proposal")
            #expect(cancelled.disposal(by: Self.dev, today: Self.today) != nil)
        }
        let held = RetentionReviewTests.file(decisions: [try Self.decision("held", by: Self.dana, on: "2026-12-01", file: due)])
        #expect(held.disposal(by: Self.dev, today: Self.today) == .held("A made-up reason"))
        #expect((try? Self.decision("disposal_proposed", by: Self.dana, on: "2026-12-02", file: held)) == nil)
        let kept = RetentionReviewTests.file(born: "2014-03-27")
        #expect(kept.disposal(by: Self.dev, today: Self.today) == .notDue(DataProtectionClockTests.day("2039-03-27")))
        #expect((try? Self.decision("disposal_proposed", by: Self.dana, on: "2026-12-02", file: kept)) == nil)
        #expect((try? Self.decision("proposal_withdrawn", by: Self.dana, on: "2026-12-02", file: due)) == nil)
    }

    @Test("what outlives the file never tells a date of birth: the rule without dates, the review year alone")
    func noDateOfBirth() throws {
        let due = RetentionReviewTests.file()
        #expect(due.reviewRule == "A child's safeguarding file: date of birth plus 25 years")
        #expect(due.reviewOnWithoutBirth == "2020")
        let extended = RetentionReviewTests.file(decisions: [
            try Self.decision("extended", by: Self.dana, on: "2026-12-01", until: "2030-01-01", file: due)
        ])
        #expect(extended.reviewRule.hasPrefix("Kept longer by a lead's decision"))
        #expect(extended.reviewOnWithoutBirth == "2030-01-01")
        let adult = RetentionFile(
            id: UUID(), review: RetentionSchedule().review(kind: .adult, born: nil, lastContact: DataProtectionClockTests.day("2019-05-02")),
            decisions: [])
        #expect(adult.reviewOnWithoutBirth == "2025-05-02" && adult.reviewRule == "An adult's records: the last contact plus 6 years")
    }

    @Test("a disposal's audit detail reads back as the same record, and holds only words, ids and counts")
    func auditDetail() throws {
        var counts = DisposalCounts()
        counts.concerns = 2
        counts.addenda = 1
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let record = DisposalRecord(
            personID: UUID(), kind: .child, rule: "A child's safeguarding file: date of birth plus 25 years",
            proposedBy: DecisionBy(userID: Self.dana, at: at.addingTimeInterval(-3600)), disposedBy: DecisionBy(userID: Self.dev, at: at),
            counts: counts)
        let detail = AuditDetail(record.auditDetail).json
        let event = AuditEvent(
            sequence: 7, time: Int64(at.timeIntervalSince1970 * 1000), actor: Self.dev.uuidString.lowercased(), action: .fileDisposed,
            target: "person:\(record.personID.uuidString.lowercased())", detail: detail, previousHash: .zero, hash: .zero)
        #expect(DisposalRecord.certified(by: event) == record)
        #expect(record.pseudonym.hasPrefix("Child "))
        #expect(!detail.contains("review") && detail.utf8.count < 1024)
        var other = event
        other.action = .retentionReviewed
        #expect(DisposalRecord.certified(by: other) == nil)
    }

    @Test(
        "kept report facts stand at the start of their month in the organisation's zone, what followed moved with them to the hour",
        arguments: [
            // When it happened (UTC), the month's start (UTC) in London.
            ("2026-11-18T11:06:40Z", "2026-11-01T00:00:00Z"),
            ("2026-07-01T00:30:00Z", "2026-06-30T23:00:00Z"),
            ("2026-06-30T23:30:00Z", "2026-06-30T23:00:00Z"),
            ("2026-01-31T23:59:59Z", "2026-01-01T00:00:00Z"),
        ])
    func blurredTimes(happened: String, monthStart: String) throws {
        let times = DisposedFactTimes(timeZone: try #require(TimeZone(identifier: "Europe/London")))
        let format = ISO8601DateFormatter()
        let at = try #require(format.date(from: happened))
        let start = times.monthStart(of: at)
        #expect(start == format.date(from: monthStart))
        #expect(times.moved(at.addingTimeInterval(5 * 3600 + 1200), from: at, to: start) == start.addingTimeInterval(5 * 3600))
        #expect(times.moved(at.addingTimeInterval(-(2 * 3600 + 2000)), from: at, to: start) == start.addingTimeInterval(-3 * 3600))
        #expect(times.moved(nil, from: at, to: start) == nil)
    }
}
