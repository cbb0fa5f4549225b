import ConfidantCore
import Foundation
import Testing

@Suite("Advice requests as values")
struct AdviceRequestTests {
    @Test("a new request is unanswered; a question or answer may have 10,000 characters")
    func newRequest() {
        let id = UUID(), asker = UUID(), at = Date(timeIntervalSince1970: 1_795_000_000)
        let request = AdviceRequest(id: id, askerID: asker, question: "Is this safeguarding?", askedAt: at)
        #expect(request.id == id && request.askerID == asker && request.question == "Is this safeguarding?" && request.askedAt == at)
        #expect(request.answer == nil && request.answeredBy == nil && request.answeredAt == nil)
        #expect(AdviceRequest.maximumLength == 10_000)
        var answered = request
        answered.answer = "Yes."
        #expect(answered != request)
    }
}
