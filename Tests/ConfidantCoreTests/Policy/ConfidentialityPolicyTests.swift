import Foundation
import Testing

@testable import ConfidantCore

@Suite struct ConfidentialityPolicyTests {
    /// The section headings of MCT's policy (shared/seed/confidentiality-policy.txt).
    static let headings: Set<String> = [
        "Policy statement", "Purpose of policy", "Aims of MCT's Confidentiality Policy",
        "Policy development", "Definition of confidentiality", "Limited confidentiality",
    ]

    @Test func everyRuleHasExactlyOneClauseAndEveryClauseRestsOnARealSection() {
        let policy = ConfidentialityPolicy.mct
        #expect(policy.clauses.count == PolicyRule.allCases.count)
        for rule in PolicyRule.allCases {
            #expect(policy.clause(for: rule).rule == rule)
        }
        for clause in policy.clauses {
            #expect(Self.headings.contains(clause.section), "clause \(clause.id) cites an unknown section \(clause.section)")
            #expect(!clause.statement.isEmpty && !clause.title.isEmpty)
        }
    }

    @Test func everyContractRuleIsCarriedByAClause() {
        let carried = Set(ConfidentialityPolicy.mct.clauses.flatMap(\.contractRules))
        #expect(carried == Set(1...11))
    }

    @Test func ruleBitsFollowDeclarationOrder() {
        #expect(PolicyRule.allCases.map(\.bitIndex) == Array(0..<PolicyRule.allCases.count))
        #expect(Obligation.allCases.map(\.bitIndex) == Array(0..<Obligation.allCases.count))
        #expect(NextStep.allCases.map(\.bitIndex) == Array(0..<NextStep.allCases.count))
    }

    @Test func policyRoundTripsThroughJSON() throws {
        let data = try ConfidentialityPolicy.mct.encodedJSON()
        let decoded = try ConfidentialityPolicy.decode(json: data)
        #expect(decoded == ConfidentialityPolicy.mct)
        #expect(decoded.clause(for: .breakingGrounds).id == "breaking-grounds")
    }

    @Test func policiesMissingARuleOrRepeatingOneOrAnIDAreRejected() {
        let clauses = ConfidentialityPolicy.mct.clauses
        #expect(throws: PolicyError.missingRule(.safetyFirst)) {
            try ConfidentialityPolicy(name: "n", version: "1", clauses: Array(clauses.dropFirst()))
        }
        var repeatedRule = clauses
        repeatedRule[1].rule = .safetyFirst
        #expect(throws: PolicyError.duplicateRule(.safetyFirst)) {
            try ConfidentialityPolicy(name: "n", version: "1", clauses: repeatedRule)
        }
        var repeatedID = clauses
        repeatedID[1].id = repeatedID[0].id
        #expect(throws: PolicyError.duplicateID("safety-first")) {
            try ConfidentialityPolicy(name: "n", version: "1", clauses: repeatedID)
        }
        var empty = clauses
        empty[2].statement = "  "
        #expect(throws: PolicyError.emptyField(clause: "dsl-always", field: "statement")) {
            try ConfidentialityPolicy(name: "n", version: "1", clauses: empty)
        }
    }

    @Test func decodingAnInvalidPolicyFailsWithTheReason() throws {
        let json = #"{"name":"n","version":"1","clauses":[]}"#
        do {
            _ = try ConfidentialityPolicy.decode(json: Data(json.utf8))
            Issue.record("an empty policy was accepted")
        } catch {
            #expect("\(error)".contains("no clause states the rule `safety_first`"))
        }
    }
}
