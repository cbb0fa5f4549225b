import ConfidantCore
import Foundation
import Testing

@Suite("The records' closed vocabularies: the contract's words and the pages' labels")
struct RecordVocabularyTests {
    @Test("whom a record is about")
    func personKind() {
        #expect(PersonKind.allCases.map(\.rawValue) == ["child", "adult_at_risk", "adult"])
        #expect(PersonKind.allCases.map(\.label) == ["Child or young person", "Adult at risk", "Adult"])
    }

    @Test("who told")
    func disclosedBy() {
        #expect(DisclosedBy.allCases.map(\.rawValue) == ["person", "third_party", "staff_observation"])
        #expect(DisclosedBy.allCases.map(\.label) == ["The person themselves", "Someone else (a third party)", "I saw or heard it myself"])
    }

    @Test("the immediate risk, least urgent first")
    func immediateRisk() {
        #expect(RiskLevel.allCases.map(\.rawValue) == ["none", "concern", "significant_harm", "immediate_danger"])
        #expect(
            RiskLevel.allCases.map(\.label)
                == ["No immediate risk", "A concern", "Risk of significant harm", "In immediate danger"])
    }

    @Test(
        "risks compare by urgency",
        arguments: [
            (RiskLevel.none, RiskLevel.concern), (.concern, .significantHarm), (.significantHarm, .immediateDanger),
            (.none, .immediateDanger),
        ])
    func riskOrder(lower: RiskLevel, higher: RiskLevel) {
        #expect(lower < higher)
        #expect(!(higher < lower))
        #expect(!(lower < lower))
        #expect(max(lower, higher) == higher)
    }

    @Test("sorting risks gives the case order")
    func riskSort() {
        #expect([RiskLevel.immediateDanger, .none, .significantHarm, .concern].sorted() == RiskLevel.allCases)
    }

    @Test("what was said about confidentiality")
    func offer() {
        #expect(ConfidentialityOffered.allCases.map(\.rawValue) == ["limited", "absolute", "not_stated"])
        #expect(
            ConfidentialityOffered.allCases.map(\.label) == [
                "Limited confidentiality: I said I might need to share it to keep them safe",
                "I promised to keep it completely secret",
                "I did not say anything about confidentiality",
            ])
    }

    @Test("kinds of harm")
    func categories() {
        #expect(
            ConcernCategory.allCases.map(\.rawValue) == [
                "physical", "emotional", "sexual", "neglect", "self_harm", "exploitation", "domestic_abuse", "online_harm",
                "radicalisation", "other",
            ])
        #expect(
            ConcernCategory.allCases.map(\.label) == [
                "Physical abuse", "Emotional abuse", "Sexual abuse", "Neglect", "Self-harm", "Exploitation", "Domestic abuse",
                "Online harm", "Radicalisation", "Something else",
            ])
    }

    @Test("a lead's decision")
    func triageOutcome() {
        #expect(
            TriageOutcome.allCases.map(\.rawValue) == [
                "share", "monitor", "no_further_action", "referred_childrens_social_care", "referred_adult_social_care", "referred_police",
                "referred_lado", "early_help",
            ])
        #expect(TriageOutcome.allCases.prefix(3).map(\.label) == ["Share information", "Monitor, with a review date", "No further action"])
        #expect(TriageOutcome.allCases.filter(\.isReferral).count == 5)
    }

    @Test("how a relative relates")
    func relationship() {
        #expect(Relationship.allCases.map(\.rawValue) == ["parent_carer", "sibling", "household_member", "other"])
        #expect(Relationship.allCases.map(\.label) == ["Parent or carer", "Brother or sister", "Lives in the same household", "Other"])
    }

    @Test("each word reads back as its case, and an unknown word as nothing")
    func rawValuesReadBack() throws {
        for kind in PersonKind.allCases { #expect(PersonKind(rawValue: kind.rawValue) == kind) }
        for risk in RiskLevel.allCases { #expect(RiskLevel(rawValue: risk.rawValue) == risk) }
        for category in ConcernCategory.allCases { #expect(ConcernCategory(rawValue: category.rawValue) == category) }
        #expect(RiskLevel(rawValue: "Immediate_Danger") == nil)
        #expect(ConcernCategory(rawValue: "self-harm") == nil)
        #expect(Relationship(rawValue: "household") == nil)
        // JSON uses the same words.
        #expect(String(decoding: try JSONEncoder().encode([DisclosedBy.thirdParty]), as: UTF8.self) == #"["third_party"]"#)
        #expect(try JSONDecoder().decode([TriageOutcome].self, from: Data(#"["no_further_action"]"#.utf8)) == [.noFurtherAction])
    }
}
