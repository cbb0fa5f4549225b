import ConfidantCore
import ConfidantStore
import Testing

@testable import ConfidantWeb

/// A queue's count on the leads' pages stops at `NoticeBoard.countedUpTo`, and the words say so.
@Suite struct QueueCountTests {
    @Test func countsBelowTheLimitAreExactAndFromItSayOrMore() {
        #expect(WebEnvironment.queueCount(0) == "0")
        #expect(WebEnvironment.queueCount(999) == "999")
        #expect(WebEnvironment.queueCount(NoticeBoard.countedUpTo) == "1,000 or more")
        #expect(WebEnvironment.countLimitShort == "1,000+")
    }

    @Test func thousandsAreGroupedWhateverTheLocale() {
        #expect(PolicyDocument.grouped(7) == "7")
        #expect(PolicyDocument.grouped(1_000) == "1,000")
        #expect(PolicyDocument.grouped(300_009) == "300,009")
        #expect(PolicyDocument.grouped(1_234_567) == "1,234,567")
    }

    @Test func theBadgeKnowsWhenAQueueStoppedCounting() {
        let small = NoticeBoard.LeadQueues(triage: 12, approvals: 1, advice: 0, overdueTasks: 0)
        #expect(!small.reachedCountLimit(for: .dsl) && small.total(for: .dsl) == 13)
        let large = NoticeBoard.LeadQueues(triage: NoticeBoard.countedUpTo, approvals: 1, advice: 0, overdueTasks: 0)
        #expect(large.reachedCountLimit(for: .deputyDSL))
        // Access requests count only for the DSL.
        let requests = NoticeBoard.LeadQueues(triage: 0, approvals: 0, advice: 0, overdueTasks: 0, accessRequests: NoticeBoard.countedUpTo)
        #expect(requests.reachedCountLimit(for: .dsl) && !requests.reachedCountLimit(for: .deputyDSL))
    }
}
