import Testing

@testable import ConfidantCore

/// Decides every request in the finite input space and checks every invariant on each.
@Suite struct DecisionInvariantTests {
    @Test func inputSpaceHasTheSizeOfEveryVocabularyTimesEveryFlag() {
        let vocabularies =
            PersonKind.allCases.count * Requester.allCases.count * RecipientKind.allCases.count
            * SharePurpose.allCases.count * ShareForm.allCases.count * Consent.allCases.count
            * RiskLevel.allCases.count * ConfidentialityOffered.allCases.count
        let flags = 1 << 9  // has_capacity, need_to_know, is_alleged_perpetrator, five risk flags, dsl_approved
        #expect(vocabularies * flags == PolicyDocument.inputSpaceSize)
        #expect(PolicyDocument.inputSpaceSize == 13_271_040)
    }

    @Test(arguments: ShareRequestSpace.slices)
    func everyInvariantHoldsForEveryRequest(requester: Requester, recipient: RecipientKind) {
        var checked = 0
        var failed: UInt32 = 0
        var failures: [(DecisionInvariant, ShareRequest)] = []
        let invariants = DecisionInvariant.allCases
        var distinct = Set<ShareDecision>()
        var previous: ShareDecision?
        ShareRequestSpace.forEach(requester: requester, recipient: recipient) { request in
            let decision = DecisionEngine.decide(request)
            checked += 1
            if decision != previous {
                distinct.insert(decision)
                previous = decision
            }
            for (index, invariant) in invariants.enumerated() where !invariant.holds(for: request, decision) {
                if failed & (1 << UInt32(index)) == 0 {
                    failed |= 1 << UInt32(index)
                    failures.append((invariant, request))
                }
            }
        }
        // Every slice holds the same share of the space: all of it is enumerated.
        #expect(checked * ShareRequestSpace.slices.count == PolicyDocument.inputSpaceSize)
        for (invariant, request) in failures {
            Issue.record("\(invariant.rawValue) fails for \(ShareRequestEncoder.jsonLine(request, id: "x")) → \(DecisionEngine.decide(request))")
        }
        #expect(failures.isEmpty)
        // Every distinct decision reads as one or two plain sentences.
        for decision in distinct {
            let text = decision.explanation
            let sentences = text.split(separator: ". ").count
            #expect(sentences >= 1 && sentences <= 2 && text.hasSuffix("."), "explanation \(text) for \(decision)")
        }
        #expect(!distinct.isEmpty)
    }
}
