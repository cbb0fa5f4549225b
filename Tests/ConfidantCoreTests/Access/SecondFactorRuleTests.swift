import ConfidantCore
import Foundation
import Testing

@Suite("Who must prove a second factor, and how far a session has got")
struct SecondFactorRuleTests {
    @Test(
        "every role that reads all cases, changes who may, or sees the whole log must",
        arguments: [
            (UserRole.staff, false), (.dsl, true), (.deputyDSL, true), (.manager, true), (.admin, true), (.auditor, true), (.partner, false),
        ])
    func required(role: UserRole, required: Bool) {
        #expect(SecondFactorRule.isRequired(for: role) == required)
    }

    @Test("the table above covers every role")
    func everyRole() {
        #expect(UserRole.allCases.filter(SecondFactorRule.isRequired).count == 5)
        // Every lead needs it: they read everything.
        #expect(UserRole.allCases.filter(\.isSafeguardingLead).allSatisfy { SecondFactorRule.isRequired(for: $0) })
    }

    @Test("ten recovery codes, a five-minute step-up and ten minutes to type a code")
    func constants() {
        #expect(SecondFactorRule.recoveryCodeCount == 10)
        #expect(SecondFactorRule.stepUpLifetime == 300)
        #expect(SecondFactorRule.codeStageLifetime == 600)
        #expect(SecondFactorRule.stepUpLifetime < SecondFactorRule.codeStageLifetime)
    }

    @Test(
        "session stages are stored as the contract's words",
        arguments: [
            (SessionStage.signedIn, "signed_in"), (.needsCode, "needs_code"), (.needsEnrolment, "needs_enrolment"),
        ])
    func stages(stage: SessionStage, word: String) throws {
        #expect(stage.rawValue == word)
        #expect(SessionStage(rawValue: word) == stage)
        #expect(String(decoding: try JSONEncoder().encode(stage), as: UTF8.self) == "\"\(word)\"")
        #expect(try JSONDecoder().decode(SessionStage.self, from: Data("\"\(word)\"".utf8)) == stage)
    }

    @Test("an unknown stage is not read as any stage")
    func unknownStage() {
        #expect(SessionStage(rawValue: "signedIn") == nil)
        #expect(SessionStage(rawValue: "") == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SessionStage.self, from: Data("\"needs-code\"".utf8)) }
    }
}
