import ConfidantCore
import Foundation
import Testing

@Suite("A transfer is decided share by share by the engine, and its receipt is tracked in working days")
struct TransferProposalTests {
    typealias Fixture = ShareComposerTests
    static let contact = ShareRecipient(kind: .partnerAgency, label: "Ada Receiver, Fictional Academy (School)", contactID: UUID())

    static func answers(
        concerns: Set<UUID>, statutory: Bool, consent: Consent, capacity: Bool = false, increaseRisk: Bool = false
    ) -> TransferAnswers {
        TransferAnswers(
            recipient: contact, concerns: concerns, reason: "Moving to Fictional Academy in January", statutoryTransfer: statutory,
            consent: consent, subjectHasCapacity: capacity, informingWouldIncreaseRisk: increaseRisk)
    }

    static func proposal(_ record: ShareCase, _ answers: TransferAnswers, by proposer: UserAccount = Fixture.lead) -> TransferProposal {
        TransferProposal.make(
            personID: record.person.id, cases: [record], answers: answers, recipient: contact, proposer: proposer,
            organisation: Fixture.organisation, now: Fixture.now)
    }

    @Test("a move to a new school is a statutory transfer: sent without consent, breaking the confidence, so the person is told")
    func statutory() throws {
        let record = Fixture.record()
        let transfer = Self.proposal(record, Self.answers(concerns: [record.concern.id], statutory: true, consent: .notSought))
        #expect(transfer.canSend && transfer.refused.isEmpty && transfer.shares.count == 1)
        let share = try #require(transfer.shares.first)
        #expect(share.decision.outcome == .permit && share.decision.lawfulBasis == .legalObligation)
        #expect(share.request.requester == .dsl && share.request.recipientKind == .partnerAgency && share.request.form == .identified)
        #expect(share.request.purpose == .safeguarding && share.request.recipientNeedToKnow && share.request.legalDuty)
        #expect(transfer.breaksConfidence && share.opensTasks == [.inform, .involve])
        // The whole record travels: every part, the household, the discloser and the files.
        #expect(share.snapshot.answers?.parts == Set(SharePart.allCases) && share.snapshot.discloserIncluded)
        #expect(share.snapshot.answers?.reason == "Transfer of the file: Moving to Fictional Academy in January")
        // Telling the person is withheld, with the reason recorded instead, when it would increase the risk (rule 7).
        let withheld = Self.proposal(record, Self.answers(concerns: [record.concern.id], statutory: true, consent: .notSought, increaseRisk: true))
        #expect(withheld.shares.first?.opensTasks == [.reasonNotInformed])
    }

    @Test("with consent no confidence is broken; a transfer the engine would not send cannot be sent, and says which record stops it")
    func consentAndRefusal() throws {
        let record = Fixture.record()
        let consented = Self.proposal(record, Self.answers(concerns: [record.concern.id], statutory: false, consent: .given, capacity: true))
        #expect(consented.canSend && !consented.breaksConfidence && consented.shares.first?.opensTasks == [])
        // No duty, no consent, a concern of low risk: the policy gives no basis to share, so nothing can go.
        var low = record
        low.concern.risk = RiskLevel.none
        let refused = Self.proposal(low, Self.answers(concerns: [low.concern.id], statutory: false, consent: .refused, capacity: true))
        #expect(!refused.canSend && refused.refused.map(\.concernID) == [low.concern.id])
        #expect(refused.refused.first?.decision.outcome == .deny)
        // Only a lead transfers; a proposal made by anyone else is decided as theirs, so the engine does not let it go alone.
        let byStaff = Self.proposal(record, Self.answers(concerns: [record.concern.id], statutory: true, consent: .notSought), by: Fixture.staff)
        #expect(!byStaff.canSend)
    }

    @Test("the form's problems: a named contact at another organisation, at least one of the file's records, a reason")
    func problems() {
        let record = Fixture.record()
        var answers = Self.answers(concerns: [record.concern.id], statutory: true, consent: .notSought)
        #expect(answers.problems(among: [record]).isEmpty)
        answers.recipient = nil
        answers.concerns = []
        answers.reason = "  "
        #expect(answers.problems(among: [record]).map(\.field) == ["recipient", "concerns", "reason"])
        answers.recipient = ShareRecipient(kind: .staff, label: "A colleague", userID: UUID())
        answers.concerns = [UUID()]
        answers.reason = String(repeating: "a", count: TransferAnswers.maximumReason + 1)
        #expect(answers.problems(among: [record]).map(\.field) == ["recipient", "concerns", "reason"])
    }

    static func day(_ text: String) -> Date { CalendarDay(text)!.start.addingTimeInterval(10 * 3600) }

    @Test(
        "receipt is due in working days: a Friday's transfer is due the next Friday, a Wednesday's the Wednesday after",
        arguments: [
            ("2026-12-04", 5, "2026-12-11"),  // Friday
            ("2026-12-02", 5, "2026-12-09"),  // Wednesday
            ("2026-12-05", 5, "2026-12-11"),  // Saturday: counted from the Monday
            ("2026-12-07", 1, "2026-12-08"),
            ("2026-12-07", 10, "2026-12-21"),
        ])
    func due(sent: String, days: Int, due: String) {
        let dueAt = TransferProgress.due(sentAt: Self.day(sent), workingDays: days, calendar: .weekdays)
        #expect(CalendarDay(containing: dueAt).iso == due)
    }

    @Test(
        "England and Wales's bank holidays by their rules, weekend ones moved to the next weekday",
        arguments: [
            (2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]),
            (2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]),
            // Christmas on a Sunday: Boxing Day keeps the Monday, Christmas moves to the Tuesday; New Year on a Saturday.
            (2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-05-30", "2022-08-29", "2022-12-26", "2022-12-27"]),
        ])
    func bankHolidays(year: Int, days: [String]) {
        #expect(WorkingCalendar.englandAndWales(year).map(\.iso).sorted() == days)
    }

    @Test(
        "a Christmas transfer is due after the holidays: bank holidays and the organisation's closed days are not working days",
        arguments: [
            ("england-and-wales", "", "2027-01-04"),
            ("england-and-wales", "2026-12-24, 2026-12-29,2026-12-30 2026-12-31", "2027-01-08"),
            ("none", "", "2026-12-30"),
        ])
    func christmas(holidays: String, closed: String, due: String) throws {
        let calendar = WorkingCalendar(
            bankHolidays: try #require(WorkingCalendar.BankHolidays(rawValue: holidays)), closedDays: try WorkingCalendar.closedDays(closed).get())
        let sent = Self.day("2026-12-23")
        #expect(CalendarDay(containing: TransferProgress.due(sentAt: sent, workingDays: 5, calendar: calendar)).iso == due)
        #expect(WorkingCalendar.closedDays("2026-12-24,Christmas") == .failure(ClosedDayProblem(word: "Christmas")))
    }

    @Test("sent, then opened, overdue once due unless confirmed, and confirmed whenever it was")
    func states() {
        let sent = Self.day("2026-12-07")
        let due = TransferProgress.due(sentAt: sent, workingDays: 5, calendar: .weekdays)
        var progress = TransferProgress(sentAt: sent, openedAt: nil, receiptAt: nil, dueAt: due)
        #expect(progress.state(now: sent) == .sent)
        progress.openedAt = sent.addingTimeInterval(3600)
        #expect(progress.state(now: sent.addingTimeInterval(7200)) == .opened)
        #expect(progress.state(now: due) == .overdue)
        progress.receiptAt = due.addingTimeInterval(86_400)
        #expect(progress.state(now: due.addingTimeInterval(90_000)) == .receiptConfirmed)
        #expect(TransferState.allCases.map(\.label) == ["Sent", "Opened", "Receipt confirmed", "Overdue"])
    }
}
