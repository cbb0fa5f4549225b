import Testing

@testable import ConfidantCore

/// A request with the given changes from a plain one: staff, a child, a partner agency,
/// safeguarding, identified, consent refused, risk of significant harm, limited confidentiality.
func request(_ change: (inout ShareRequest) -> Void = { _ in }) -> ShareRequest {
    var request = ShareRequest(
        subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .safeguarding,
        form: .identified, consent: .refused, risk: .significantHarm, confidentialityOffered: .limited)
    change(&request)
    return request
}

/// The engine's decision on a request built with ``request(_:)``.
func decide(_ change: (inout ShareRequest) -> Void = { _ in }) -> ShareDecision {
    DecisionEngine.decide(request(change))
}

/// The flags that are grounds under rule 5 and lift rule 8.
enum GroundFlag: CaseIterable, Sendable {
    case riskToOthers, seriousCrime, legalDuty

    func set(_ request: inout ShareRequest) {
        switch self {
        case .riskToOthers: request.riskToOthers = true
        case .seriousCrime: request.seriousCrime = true
        case .legalDuty: request.legalDuty = true
        }
    }
}

@Suite struct DecisionEngineTests {
    // MARK: The contract's example

    @Test func contractExampleEscalatesWithAskDSLThenShareDeidentified() {
        let decision = decide()
        #expect(decision.outcome == .escalate)
        #expect(decision.form == nil)
        #expect(decision.breaksConfidence)
        #expect(decision.lawfulBasis == .none)
        #expect(decision.obligations.isEmpty)
        #expect(decision.nextSteps.elements == [.askDSL, .shareDeidentified])
        #expect(decision.reasons.contains(.breakingGrounds) && decision.reasons.contains(.dslApproval))
        #expect(!decision.explanation.isEmpty)
    }

    // MARK: Rule 1: the DSL

    @Test(arguments: Requester.allCases.filter { $0 != .admin && $0 != .auditor }, ShareForm.allCases)
    func passingAConcernToTheDSLIsPermittedAndBreaksNoConfidence(requester: Requester, form: ShareForm) {
        let decision = decide {
            $0.requester = requester; $0.recipientKind = .dsl; $0.form = form; $0.risk = .none
        }
        #expect(decision.outcome == .permit)
        #expect(decision.form == form)
        #expect(!decision.breaksConfidence)
        #expect(decision.lawfulBasis == .safeguarding)
        #expect(decision.obligations.elements == [.recordDecision])
        #expect(decision.reasons.contains(.dslCircle))
    }

    @Test func askingTheDSLForAdviceIsPermitted() {
        let decision = decide {
            $0.recipientKind = .dsl; $0.purpose = .advice; $0.consent = .notSought
        }
        #expect(decision.outcome == .permit)
        #expect(decision.lawfulBasis == .safeguarding)
    }

    @Test func anAdultsRefusalDoesNotStopTellingTheDSL() {
        let decision = decide {
            $0.subjectKind = .adult; $0.recipientKind = .dsl; $0.risk = .concern
        }
        #expect(decision.outcome == .permit)
        #expect(!decision.breaksConfidence)
    }

    // MARK: Rule 2: other staff

    @Test func aColleagueWhoNeedsToKnowMayBeToldIdentified() {
        let decision = decide {
            $0.recipientKind = .staff; $0.recipientNeedToKnow = true
        }
        #expect(decision.outcome == .permit)
        #expect(!decision.breaksConfidence)
        #expect(decision.lawfulBasis == .safeguarding)
        #expect(decision.reasons.contains(.needToKnow))
    }

    @Test func aColleagueWhoDoesNotNeedToKnowIsDeniedIdentifiedAndOfferedDeidentifiedAdvice() {
        let decision = decide {
            $0.recipientKind = .staff; $0.purpose = .advice
        }
        #expect(decision.outcome == .deny)
        #expect(decision.nextSteps.elements == [.askDSL, .shareDeidentified])
        #expect(decision.decisiveRule == .needToKnow)
    }

    @Test func aColleagueWhoDoesNotNeedToKnowMayGiveAdviceDeidentified() {
        let decision = decide {
            $0.recipientKind = .staff; $0.purpose = .advice; $0.form = .deidentified
        }
        #expect(decision.outcome == .permit)
        #expect(decision.form == .deidentified)
        #expect(decision.lawfulBasis == .safeguarding)
    }

    @Test func aColleagueWhoDoesNotNeedToKnowGetsNothingEvenWithConsentOutsideAdvice() {
        let identified = decide {
            $0.recipientKind = .staff; $0.consent = .given
        }
        let deidentifiedSafeguarding = decide {
            $0.recipientKind = .staff; $0.form = .deidentified
        }
        #expect(identified.outcome == .deny)
        #expect(deidentifiedSafeguarding.outcome == .deny)
        #expect(deidentifiedSafeguarding.nextSteps.elements == [.askDSL])
    }

    // MARK: Rule 3: limited confidentiality

    @Test(arguments: [SharePurpose.safeguarding, .advice], [Consent.refused, .notSought, .cannotBeObtained])
    func deidentifiedDiscussionWithAPartnerAgencyIsPermitted(purpose: SharePurpose, consent: Consent) {
        let decision = decide {
            $0.form = .deidentified; $0.purpose = purpose; $0.consent = consent; $0.risk = .concern
        }
        #expect(decision.outcome == .permit)
        #expect(!decision.breaksConfidence)
        #expect(decision.lawfulBasis == .safeguarding)
        #expect(decision.obligations.elements == [.recordDecision])
        #expect(decision.reasons.contains(.limitedConfidentiality))
    }

    // MARK: Rule 4: consent

    @Test(arguments: PersonKind.allCases)
    func identifyingWithConsentBreaksNoConfidenceAndRestsOnConsent(subject: PersonKind) {
        let decision = decide {
            $0.subjectKind = subject; $0.consent = .given; $0.risk = .concern
        }
        #expect(decision.outcome == .permit)
        #expect(!decision.breaksConfidence)
        #expect(decision.lawfulBasis == .consent)
        #expect(decision.obligations.elements == [.recordDecision])
    }

    @Test func aParentsConsentCountsForAChildWhoCannotDecide() {
        let decision = decide {
            $0.subjectHasCapacity = false; $0.consent = .given; $0.risk = .concern
        }
        #expect(decision.outcome == .permit)
        #expect(decision.lawfulBasis == .consent)
    }

    @Test func anAdultWhoCannotDecideCannotConsent() {
        let decision = decide {
            $0.subjectKind = .adult; $0.subjectHasCapacity = false; $0.consent = .given; $0.risk = .concern
        }
        #expect(decision.outcome == .deny)
        #expect(decision.decisiveRule == .breakingGrounds)
    }

    @Test(arguments: [RiskLevel.significantHarm, .immediateDanger])
    func consentMeansNoConfidenceIsBrokenWhateverTheRiskSoStaffNeedNoDSL(risk: RiskLevel) {
        let decision = decide {
            $0.consent = .given; $0.risk = risk
        }
        #expect(decision.outcome == .permit)
        #expect(!decision.breaksConfidence)
        #expect(decision.lawfulBasis == .consent)
        #expect(!decision.obligations.contains(.informDSLAfter))
    }

    @Test func consentWinsOverEveryOtherGroundAsTheBasis() {
        let decision = decide {
            $0.consent = .given; $0.legalDuty = true; $0.seriousCrime = true; $0.riskToOthers = true
        }
        #expect(decision.lawfulBasis == .consent)
        #expect(!decision.breaksConfidence)
    }

    // MARK: Rule 5: grounds for breaking a confidence

    @Test(arguments: [PersonKind.child, .adultAtRisk], [RiskLevel.significantHarm, .immediateDanger])
    func seriousRiskToAChildOrAdultAtRiskAllowsBreakingAConfidence(subject: PersonKind, risk: RiskLevel) {
        let decision = decide {
            $0.requester = .dsl; $0.subjectKind = subject; $0.risk = risk; $0.consent = .notSought
        }
        #expect(decision.outcome == .permit)
        #expect(decision.breaksConfidence)
        #expect(decision.lawfulBasis == .safeguarding)
        #expect(decision.obligations.elements == [.recordDecision, .informIndividual, .involveIndividual])
    }

    @Test(arguments: [RiskLevel.none, .concern])
    func aLesserRiskIsNoGround(risk: RiskLevel) {
        let decision = decide {
            $0.requester = .dsl; $0.risk = risk
        }
        #expect(decision.outcome == .deny)
        #expect(!decision.breaksConfidence)
        #expect(decision.decisiveRule == .breakingGrounds)
        #expect(decision.nextSteps.elements == [.shareDeidentified, .seekAdvice])
    }

    @Test func significantHarmToAnAdultNotAtRiskIsNoGround() {
        let decision = decide {
            $0.requester = .dsl; $0.subjectKind = .adult; $0.consent = .notSought
        }
        #expect(decision.outcome == .deny)
        #expect(decision.nextSteps.contains(.seekConsent))
    }

    @Test(arguments: [
        (GroundFlag.riskToOthers, LawfulBasis.safeguarding),
        (.seriousCrime, .crimePrevention),
        (.legalDuty, .legalObligation),
    ])
    func othersAtRiskSeriousCrimeAndLegalDutyAreGroundsWithTheirBasis(flag: GroundFlag, basis: LawfulBasis) {
        let decision = decide {
            $0.requester = .dsl; $0.subjectKind = .adult; $0.risk = .none; flag.set(&$0)
        }
        #expect(decision.outcome == .permit)
        #expect(decision.breaksConfidence)
        #expect(decision.lawfulBasis == basis)
    }

    @Test func anAdultInImmediateDangerWhoCannotDecideIsProtectedOnVitalInterests() {
        let decision = decide {
            $0.requester = .dsl; $0.subjectKind = .adult; $0.subjectHasCapacity = false
            $0.consent = .cannotBeObtained; $0.risk = .immediateDanger
        }
        #expect(decision.outcome == .permit)
        #expect(decision.lawfulBasis == .vitalInterests)
        #expect(decision.reasons.contains(.vitalInterests))
    }

    @Test func anAdultInImmediateDangerWhoCanBeAskedIsAskedFirst() {
        let decision = decide {
            $0.requester = .dsl; $0.subjectKind = .adult; $0.consent = .notSought; $0.risk = .immediateDanger
        }
        #expect(decision.outcome == .deny)
        #expect(decision.nextSteps.elements == [.shareDeidentified, .seekConsent, .seekAdvice])
    }

    // MARK: Rule 6: the DSL decides; emergencies

    @Test func staffBreakingAConfidenceIsEscalatedWithoutDSLApproval() {
        let decision = decide { $0.consent = .notSought }
        #expect(decision.outcome == .escalate)
        #expect(decision.breaksConfidence)
        #expect(decision.nextSteps.elements == [.askDSL, .shareDeidentified, .seekConsent])
    }

    @Test func staffMayBreakAConfidenceTheDSLApproved() {
        let decision = decide { $0.dslApproved = true }
        #expect(decision.outcome == .permit)
        #expect(decision.breaksConfidence)
        #expect(!decision.obligations.contains(.informDSLAfter))
    }

    @Test func inImmediateDangerStaffShareAtOnceAndTellTheDSLAfter() {
        let decision = decide { $0.risk = .immediateDanger }
        #expect(decision.outcome == .permit)
        #expect(decision.obligations.elements == [.recordDecision, .informIndividual, .involveIndividual, .informDSLAfter])
        #expect(decision.reasons.contains(.emergency))
    }

    @Test func immediateDangerWithDSLApprovalNeedsNoTellingAfter() {
        let decision = decide {
            $0.risk = .immediateDanger; $0.dslApproved = true
        }
        #expect(decision.outcome == .permit)
        #expect(!decision.obligations.contains(.informDSLAfter))
    }

    @Test func immediateDangerDoesNotLetStaffShareWhatThePolicyForbids() {
        let decision = decide {
            $0.subjectKind = .adult; $0.risk = .immediateDanger
        }
        #expect(decision.outcome == .deny)
        #expect(decision.decisiveRule == .capacityRespected)
    }

    // MARK: Rule 7: informing and involving

    @Test(arguments: [(true, false), (false, true), (true, true)])
    func informingIsWithheldOnlyForARecordedReason(increaseRisk: Bool, prejudice: Bool) {
        let decision = decide {
            $0.requester = .dsl; $0.informingWouldIncreaseRisk = increaseRisk
            $0.informingWouldPrejudiceInvestigation = prejudice
        }
        #expect(decision.outcome == .permit)
        #expect(decision.obligations.elements == [.recordDecision, .recordReasonNotInformed])
        #expect(decision.reasons.contains(.withholdInforming))
    }

    @Test func withheldInformingAlsoWithholdsTheSuggestionToSeekConsent() {
        let decision = decide {
            $0.consent = .notSought; $0.informingWouldIncreaseRisk = true
        }
        #expect(decision.outcome == .escalate)
        #expect(!decision.nextSteps.contains(.seekConsent))
    }

    // MARK: Rule 8: capacity and refusal

    @Test(arguments: [PersonKind.adult, .adultAtRisk], [RiskLevel.significantHarm, .immediateDanger])
    func anAdultWhoCanDecideAndRefusesIsRespectedWhenOnlyTheyAreAtRisk(subject: PersonKind, risk: RiskLevel) {
        let decision = decide {
            $0.requester = .dsl; $0.subjectKind = subject; $0.risk = risk
        }
        #expect(decision.outcome == .deny)
        #expect(decision.decisiveRule == .capacityRespected)
        #expect(decision.nextSteps.contains(.shareDeidentified))
    }

    @Test(arguments: GroundFlag.allCases)
    func anAdultsRefusalGivesWayToOthersAtRiskCrimeOrTheLaw(flag: GroundFlag) {
        let decision = decide {
            $0.requester = .dsl; $0.subjectKind = .adultAtRisk; flag.set(&$0)
        }
        #expect(decision.outcome == .permit)
        #expect(decision.breaksConfidence)
    }

    @Test func anAdultAtRiskWhoCannotDecideIsProtectedDespiteRefusing() {
        let decision = decide {
            $0.requester = .dsl; $0.subjectKind = .adultAtRisk; $0.subjectHasCapacity = false
        }
        #expect(decision.outcome == .permit)
        #expect(decision.lawfulBasis == .safeguarding)
    }

    @Test func aCompetentChildsRefusalDoesNotOutweighSignificantHarm() {
        let decision = decide {
            $0.requester = .dsl; $0.subjectHasCapacity = true
        }
        #expect(decision.outcome == .permit)
        #expect(decision.breaksConfidence)
    }

    // MARK: Rule 9: absolute confidentiality

    @Test func aPromiseOfAbsoluteConfidentialityDoesNotStopARuleFiveShareButIsReviewed() {
        let decision = decide {
            $0.requester = .dsl; $0.confidentialityOffered = .absolute
        }
        #expect(decision.outcome == .permit)
        #expect(decision.obligations.contains(.reviewPractice))
        #expect(decision.reasons.contains(.absolutePromise))
    }

    @Test func aPromiseOfAbsoluteConfidentialityDoesNotStopTellingTheDSL() {
        let decision = decide {
            $0.recipientKind = .dsl; $0.risk = .none; $0.confidentialityOffered = .absolute
        }
        #expect(decision.outcome == .permit)
        #expect(decision.obligations.elements == [.recordDecision, .reviewPractice])
    }

    @Test(arguments: RecipientKind.allCases.filter { $0 != .dsl && $0 != .public }, ShareForm.allCases)
    func withoutARuleFiveGroundAPromiseKeepsEverythingWithTheDSL(recipient: RecipientKind, form: ShareForm) {
        let decision = decide {
            $0.requester = .dsl; $0.recipientKind = recipient; $0.recipientNeedToKnow = true; $0.form = form
            $0.purpose = .advice; $0.consent = .given; $0.risk = .concern; $0.confidentialityOffered = .absolute
        }
        #expect(decision.outcome == .deny)
        #expect(decision.decisiveRule == .absolutePromise)
    }

    // MARK: Rule 10: never shared

    @Test(arguments: Requester.allCases, ShareForm.allCases)
    func nothingGoesToThePublic(requester: Requester, form: ShareForm) {
        let decision = decide {
            $0.requester = requester; $0.recipientKind = .public; $0.form = form; $0.consent = .given; $0.legalDuty = true
        }
        #expect(decision.outcome == .deny)
        #expect(decision.reasons.contains(.neverShare))
    }

    @Test(arguments: RecipientKind.allCases)
    func nothingGoesToAnAllegedPerpetratorNotEvenTheDSL(recipient: RecipientKind) {
        let decision = decide {
            $0.requester = .dsl; $0.recipientKind = recipient; $0.recipientIsAllegedPerpetrator = true; $0.risk = .immediateDanger
        }
        #expect(decision.outcome == .deny)
        #expect(decision.nextSteps.contains(.seekAdvice))
        #expect(decision.decisiveRule == .neverShare)
    }

    @Test func whenTheDSLIsTheAllegedPerpetratorStaffAreToldToSeekAdviceNotToAskTheDSL() {
        let decision = decide {
            $0.recipientKind = .dsl; $0.recipientIsAllegedPerpetrator = true
        }
        #expect(decision.nextSteps.elements == [.seekAdvice])
    }

    @Test(arguments: [Requester.admin, .auditor], RecipientKind.allCases)
    func administratorsAndAuditorsNeverShareCaseContent(requester: Requester, recipient: RecipientKind) {
        let decision = decide {
            $0.requester = requester; $0.recipientKind = recipient; $0.form = .deidentified; $0.consent = .given
        }
        #expect(decision.outcome == .deny)
        #expect(decision.reasons.contains(.roleLimits))
        #expect(decision.nextSteps.elements == [.askDSL])
    }

    // MARK: Rule 11: the order of lawful bases

    @Test func aLegalDutyComesBeforeSafeguardingAndCrimePrevention() {
        let decision = decide {
            $0.requester = .dsl; $0.legalDuty = true; $0.seriousCrime = true; $0.riskToOthers = true
        }
        #expect(decision.lawfulBasis == .legalObligation)
        #expect(decision.reasons.contains(.lawfulBasisOrder))
    }

    @Test func safeguardingComesBeforeCrimePrevention() {
        let decision = decide {
            $0.requester = .dsl; $0.seriousCrime = true
        }
        #expect(decision.lawfulBasis == .safeguarding)
    }

    // MARK: Roles: managers and partner agency contacts

    @Test func aManagersIdentifiedShareBeyondTheDSLIsEscalatedEvenWithConsent() {
        let decision = decide {
            $0.requester = .manager; $0.consent = .given
        }
        #expect(decision.outcome == .escalate)
        #expect(!decision.breaksConfidence)
        #expect(decision.decisiveRule == .roleLimits)
        #expect(decision.nextSteps.elements == [.askDSL, .shareDeidentified])
    }

    @Test func aManagerMayDiscussDeidentifiedAndActInAnEmergency() {
        let deidentified = decide {
            $0.requester = .manager; $0.form = .deidentified
        }
        let emergency = decide {
            $0.requester = .manager; $0.risk = .immediateDanger
        }
        #expect(deidentified.outcome == .permit)
        #expect(emergency.outcome == .permit)
        #expect(emergency.obligations.contains(.informDSLAfter))
    }

    @Test func aPartnerContactMayTellTheDSLButNeedsApprovalForAnythingElse() {
        let toDSL = decide {
            $0.requester = .partner; $0.recipientKind = .dsl
        }
        let onward = decide {
            $0.requester = .partner; $0.form = .deidentified
        }
        let approved = decide {
            $0.requester = .partner; $0.dslApproved = true
        }
        let emergency = decide {
            $0.requester = .partner; $0.risk = .immediateDanger
        }
        #expect(toDSL.outcome == .permit)
        #expect(onward.outcome == .escalate)
        #expect(!onward.breaksConfidence)
        #expect(approved.outcome == .permit)
        #expect(emergency.outcome == .escalate)
    }

    // MARK: Purpose

    @Test func identifyingSomeoneForAdviceIsDeniedWithoutConsent() {
        let decision = decide {
            $0.requester = .dsl; $0.purpose = .advice
        }
        #expect(decision.outcome == .deny)
        #expect(decision.decisiveRule == .adviceWithoutNames)
        #expect(decision.nextSteps.contains(.shareDeidentified))
    }

    @Test func anotherPurposeNeedsConsentALegalDutyOrASeriousCrime() {
        let bare = decide {
            $0.requester = .dsl; $0.purpose = .other; $0.consent = .notSought
        }
        let withDuty = decide {
            $0.requester = .dsl; $0.purpose = .other; $0.legalDuty = true
        }
        let withConsent = decide {
            $0.purpose = .other; $0.consent = .given; $0.risk = .none
        }
        #expect(bare.outcome == .deny)
        #expect(bare.decisiveRule == .purposeLimits)
        #expect(bare.nextSteps.contains(.seekConsent))
        #expect(withDuty.outcome == .permit)
        #expect(withDuty.lawfulBasis == .legalObligation)
        #expect(withConsent.outcome == .permit)
        #expect(withConsent.lawfulBasis == .consent)
    }

    // MARK: Parents and carers

    @Test func aParentMayBeToldOnARuleFiveGroundButNotWithoutOne() {
        let atRisk = decide {
            $0.requester = .dsl; $0.recipientKind = .parentCarer
        }
        let noGround = decide {
            $0.requester = .dsl; $0.recipientKind = .parentCarer; $0.risk = .concern; $0.form = .deidentified
        }
        #expect(atRisk.outcome == .permit)
        #expect(atRisk.breaksConfidence)
        #expect(noGround.outcome == .deny)
        #expect(noGround.decisiveRule == .limitedConfidentiality)
    }

    // MARK: Explanations

    @Test func explanationsAreOneOrTwoPlainSentences() {
        let decisions = [decide(), decide { $0.risk = .immediateDanger }, decide { $0.recipientKind = .public }]
        for decision in decisions {
            let sentences = decision.explanation.split(separator: ". ").count
            #expect(sentences >= 1 && sentences <= 2)
            #expect(decision.explanation.hasSuffix("."))
        }
        #expect(decide { $0.risk = .immediateDanger }.explanation.contains("tell the DSL straight after"))
    }

    @Test func limitsNotStatedAtTheOutsetAreCitedOnAPermit() {
        let decision = decide {
            $0.recipientKind = .dsl; $0.confidentialityOffered = .notStated
        }
        #expect(decision.reasons.contains(.explainLimits))
        #expect(decision.explanation.contains("explain the limits of confidentiality"))
    }

    @Test func decidingIsDeterministic() {
        let request = request {
            $0.risk = .immediateDanger; $0.informingWouldIncreaseRisk = true
        }
        #expect(DecisionEngine.decide(request) == DecisionEngine.decide(request))
    }
}
