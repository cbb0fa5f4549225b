import Foundation
import Testing

@testable import ConfidantCore

@Suite struct PolicyDocumentTests {
    /// docs/policy.md, found from this file's path.
    static let committedURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/policy.md")

    @Test func committedPolicyDocumentIsUpToDate() throws {
        let committed = try String(contentsOf: Self.committedURL, encoding: .utf8)
        let rendered = PolicyDocument.markdown()
        #expect(committed == rendered, "docs/policy.md is out of date: run scripts/generate-policy-doc and commit the result")
    }

    @Test func documentListsEveryClauseEveryExampleAndEveryInvariant() {
        let document = PolicyDocument.markdown()
        for clause in ConfidentialityPolicy.mct.clauses {
            #expect(document.contains("### `\(clause.id)`: \(clause.title)"))
        }
        for example in WorkedExample.all {
            #expect(document.contains(ShareRequestEncoder.jsonLine(example.request, id: example.id)))
        }
        for invariant in DecisionInvariant.allCases {
            #expect(document.contains(invariant.statement))
        }
        #expect(document.contains("13,271,040 distinct requests"))
    }

    @Test func workedExamplesCoverEveryOutcomeAndEveryObligation() {
        let decisions = WorkedExample.all.map { DecisionEngine.decide($0.request) }
        #expect(Set(decisions.map(\.outcome)) == Set(ShareOutcome.allCases))
        let obligations = decisions.reduce(VocabularySet<Obligation>()) { $0.union($1.obligations) }
        #expect(obligations.count == Obligation.allCases.count)
        let bases = Set(decisions.map(\.lawfulBasis))
        #expect(bases == Set(LawfulBasis.allCases))
        #expect(Set(WorkedExample.all.map(\.id)).count == WorkedExample.all.count)
        let cited = decisions.reduce(VocabularySet<PolicyRule>()) { $0.union($1.reasons) }
        #expect(cited.count == PolicyRule.allCases.count, "every clause has a worked example citing it")
    }

    @Test func thousandsAreGrouped() {
        #expect(PolicyDocument.grouped(13_271_040) == "13,271,040")
        #expect(PolicyDocument.grouped(999) == "999")
        #expect(PolicyDocument.grouped(1000) == "1,000")
    }
}
