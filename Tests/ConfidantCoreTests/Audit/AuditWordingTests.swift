import Foundation
import Testing

@testable import ConfidantCore

@Suite("The audit log in words")
struct AuditWordingTests {
    @Test(
        "each action reads as a sentence",
        arguments: [
            (AuditAction.caseRead, "Dana Lead opened a concern about Child 7F3A"),
            (.shareViewed, "Dana Lead viewed a concern about Child 7F3A"),
            (.signInFailed, "Someone failed to sign in as a concern about Child 7F3A"),
            (.other("brand_new"), "Dana Lead: Brand new (a concern about Child 7F3A)"),
        ])
    func sentences(action: AuditAction, sentence: String) {
        #expect(AuditWording.sentence(actor: "Dana Lead", action: action, target: "a concern about Child 7F3A") == sentence)
    }

    @Test("no action reads as a bare code")
    func everyAction() {
        for action in AuditAction.allCases {
            let sentence = AuditWording.sentence(actor: "A", action: action, target: "B")
            #expect(!sentence.contains("_"), "\(action)")
            #expect(sentence.contains("A") || sentence.contains("B"), "\(action)")
        }
    }

    @Test("a detail becomes labelled lines in the canonical order; yes and no are not numbers")
    func details() {
        let lines = AuditWording.detailLines(#"{"assigned_to":"u1","count":1,"enabled":true,"parts":["account","observations"]}"#) {
            $0 == "u1" ? "Dev Deputy" : $0
        }
        #expect(lines.map(\.label) == ["Assigned to", "Count", "Enabled", "Parts"])
        #expect(lines.map(\.value) == ["Dev Deputy", "1", "yes", "account, observations"])
        #expect(AuditWording.detailLines("{}").isEmpty)
        #expect(AuditWording.detailLines(#"{"alerts":[],"to":"Dana.Lead@example.org"}"#).map(\.value) == ["none", "Dana.Lead@example.org"])
        #expect(AuditWording.detailLines("not json").map(\.label) == ["Detail"])
    }

    @Test("a person's pseudonym is their kind and the start of their record's id")
    func pseudonym() {
        let id = UUID(uuidString: "7f3a0000-0000-4000-8000-000000000000")!
        #expect(PersonKind.child.pseudonym(for: id) == "Child 7F3A")
        #expect(PersonKind.adultAtRisk.pseudonym(for: id) == "Adult at risk 7F3A")
        #expect(PersonKind.parsePseudonym("adult at risk 7f3a")! == (.adultAtRisk, "7F3A"))
        #expect(PersonKind.parsePseudonym("Adult 7F3A")! == (.adult, "7F3A"))
        #expect(PersonKind.parsePseudonym("Child 7F3") == nil)
        #expect(PersonKind.parsePseudonym("Robin") == nil)
    }
}
