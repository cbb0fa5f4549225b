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
        let dueAt = TransferProgress.due(sentAt: Self.day(sent), workingDays: days)
        #expect(CalendarDay(containing: dueAt).iso == due)
    }

    @Test("sent, then opened, overdue once due unless confirmed, and confirmed whenever it was")
    func states() {
        let sent = Self.day("2026-12-07")
        let due = TransferProgress.due(sentAt: sent, workingDays: 5)
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
