import ConfidantCore
import Foundation
import Testing

@Suite("Inform and involve tasks")
struct InformTaskTests {
    @Test(
        "tasks follow the obligations: inform and involve, or the reason not informed, or none",
        arguments: [
            ([Obligation](), [InformTask.Kind]()),
            ([.recordDecision], []),
            ([.recordDecision, .informIndividual, .involveIndividual], [.inform, .involve]),
            ([.recordDecision, .recordReasonNotInformed], [.reasonNotInformed]),
        ])
    func kinds(obligations: [Obligation], expected: [InformTask.Kind]) {
        #expect(InformTask.kinds(for: obligations) == expected)
    }

    @Test("the engine's permit of a broken confidence opens inform and involve; a de-identified one opens none")
    func fromEngine() {
        let broken = DecisionEngine.decide(
            ShareRequest(
                subjectKind: .child, requester: .dsl, recipientKind: .partnerAgency, purpose: .safeguarding, form: .identified,
                consent: .refused, risk: .significantHarm, confidentialityOffered: .limited))
        #expect(broken.outcome == .permit)
        #expect(InformTask.kinds(for: Array(broken.obligations)) == [.inform, .involve])
        let advice = DecisionEngine.decide(
            ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .advice, form: .deidentified,
                consent: .notSought, risk: .concern, confidentialityOffered: .limited))
        #expect(InformTask.kinds(for: Array(advice.obligations)) == [])
    }

    @Test(
        "two working days skip the weekend",
        arguments: [
            // 2026-11-25 is a Wednesday, 2026-11-27 a Friday.
            ("2026-11-25T10:00:00Z", "2026-11-27T10:00:00Z"),
            ("2026-11-27T10:00:00Z", "2026-12-01T10:00:00Z"),
            ("2026-11-28T10:00:00Z", "2026-12-01T10:00:00Z"),
        ])
    func workingDays(from: String, to: String) throws {
        let start = try #require(ISO8601DateFormatter().date(from: from))
        #expect(WorkingCalendar.weekdays.adding(workingDays: 2, to: start) == ISO8601DateFormatter().date(from: to))
    }

    @Test("a task is open, due, overdue or done")
    func state() {
        let due = Date(timeIntervalSince1970: 1_795_000_000)
        var task = InformTask(id: UUID(), shareID: UUID(), concernID: UUID(), personID: UUID(), kind: .inform, dueAt: due)
        #expect(task.state(now: due.addingTimeInterval(-2 * 86_400)) == .open)
        #expect(task.state(now: due.addingTimeInterval(-3_600)) == .due)
        #expect(task.state(now: due) == .overdue)
        task.completedAt = due
        #expect(task.state(now: due.addingTimeInterval(86_400)) == .done)
    }
}
