/// A property every decision must have, whatever the request: the exhaustive test checks each
/// one for every request in the finite input space, and docs/policy.md lists them.
public enum DecisionInvariant: String, CaseIterable, Sendable {
    case neverPublicOrAllegedPerpetrator
    case onlyPermitCarriesFormAndObligations
    case permitShape
    case brokenConfidenceInformsOrRecordsReason
    case unbrokenConfidenceNeedsNoInforming
    case staffBreakNeedsDSLOrEmergency
    case adminAndAuditorNeverPermitted
    case deidentifiedNeverBreaks
    case denyNeverBreaks
    case consentNeverBreaks
    case breakingNeedsIdentifiedShareBeyondCircle
    case breakingBasis
    case absoluteOfferReviewed
    case absolutePromiseKept
    case dslAlwaysReachable
    case capableAdultsRefusalRespected
    case emergencyOnlyInImmediateDanger
    case partnerNeedsDSLApproval
    case escalateAsksDSL
    case shareDeidentifiedIsTrue
    case seekConsentIsTrue
    case reasonsNeverEmpty

    /// The invariant in words.
    public var statement: String {
        switch self {
        case .neverPublicOrAllegedPerpetrator:
            "Nothing is ever permitted or escalated to `public` or to an alleged perpetrator: the answer is `deny`."
        case .onlyPermitCarriesFormAndObligations:
            "`deny` and `escalate` carry no form, no obligations and lawful basis `none`."
        case .permitShape:
            "`permit` keeps the form asked for, carries `record_decision` and a lawful basis other than `none`, and no next steps."
        case .brokenConfidenceInformsOrRecordsReason:
            "Every permitted share that breaks a confidence carries both `inform_individual` and `involve_individual`, or `record_reason_not_informed` exactly when informing would increase risk or prejudice an investigation."
        case .unbrokenConfidenceNeedsNoInforming:
            "A permitted share that breaks no confidence carries none of `inform_individual`, `involve_individual`, `record_reason_not_informed`."
        case .staffBreakNeedsDSLOrEmergency:
            "A `staff` request that would break a confidence is `permit` only when a DSL approved it or in `immediate_danger`, and without approval it then carries `inform_dsl_after`."
        case .adminAndAuditorNeverPermitted:
            "`admin` and `auditor` requests are always denied."
        case .deidentifiedNeverBreaks:
            "A de-identified share never breaks a confidence."
        case .denyNeverBreaks:
            "`deny` never reports a broken confidence."
        case .consentNeverBreaks:
            "A share the person (or, for a child who cannot decide, a parent) consented to never breaks a confidence."
        case .breakingNeedsIdentifiedShareBeyondCircle:
            "Only an identified share to a partner agency or parent/carer, without valid consent, breaks a confidence."
        case .breakingBasis:
            "A permitted share that breaks a confidence rests on `legal_obligation`, `safeguarding`, `crime_prevention` or `vital_interests`; with a legal duty, on `legal_obligation`."
        case .absoluteOfferReviewed:
            "A permitted share carries `review_practice` exactly when absolute confidentiality was offered."
        case .absolutePromiseKept:
            "Where absolute confidentiality was offered and no ground of rule 5 holds, nothing beyond the DSL is permitted or escalated, not even de-identified."
        case .dslAlwaysReachable:
            "Passing a concern or a request for advice to the DSL is permitted, identified or not, breaks no confidence and rests on `safeguarding`, unless an administrator or auditor asks or the DSL is the alleged perpetrator."
        case .capableAdultsRefusalRespected:
            "An adult who can decide and refuses, with no risk to others, serious crime or legal duty, is never identified to a partner agency or parent/carer: `deny`."
        case .emergencyOnlyInImmediateDanger:
            "`inform_dsl_after` appears only in `immediate_danger`, without prior DSL approval, for staff or managers."
        case .partnerNeedsDSLApproval:
            "A partner agency contact's share to anyone but the DSL is permitted only with the DSL's approval."
        case .escalateAsksDSL:
            "`escalate` always names `ask_dsl`, and a DSL's own request is never escalated."
        case .shareDeidentifiedIsTrue:
            "`share_deidentified` is named only when the same request de-identified would be permitted."
        case .seekConsentIsTrue:
            "`seek_consent` is named only when consent was not sought and the same request with consent would be permitted."
        case .reasonsNeverEmpty:
            "Every decision cites at least one clause, and the clause of its deciding rule."
        }
    }

    /// Whether the invariant holds for a request and the engine's decision on it.
    public func holds(for request: ShareRequest, _ decision: ShareDecision) -> Bool {
        let permit = decision.outcome == .permit
        let beyondDSL = request.recipientKind != .dsl
        switch self {
        case .neverPublicOrAllegedPerpetrator:
            return !(request.recipientKind == .public || request.recipientIsAllegedPerpetrator) || decision.outcome == .deny
        case .onlyPermitCarriesFormAndObligations:
            return permit || (decision.form == nil && decision.obligations.isEmpty && decision.lawfulBasis == .none)
        case .permitShape:
            return !permit
                || (decision.form == request.form && decision.obligations.contains(.recordDecision)
                    && decision.lawfulBasis != .none && decision.nextSteps.isEmpty)
        case .brokenConfidenceInformsOrRecordsReason:
            guard permit && decision.breaksConfidence else { return true }
            let informs = decision.obligations.contains(.informIndividual) && decision.obligations.contains(.involveIndividual)
            let records = decision.obligations.contains(.recordReasonNotInformed)
            return informs != records && records == request.informingWithheld
        case .unbrokenConfidenceNeedsNoInforming:
            guard permit && !decision.breaksConfidence else { return true }
            return !decision.obligations.contains(.informIndividual) && !decision.obligations.contains(.involveIndividual)
                && !decision.obligations.contains(.recordReasonNotInformed)
        case .staffBreakNeedsDSLOrEmergency:
            guard request.requester == .staff && decision.breaksConfidence && permit else { return true }
            if request.dslApproved { return true }
            return request.risk == .immediateDanger && decision.obligations.contains(.informDSLAfter)
        case .adminAndAuditorNeverPermitted:
            return !(request.requester == .admin || request.requester == .auditor) || decision.outcome == .deny
        case .deidentifiedNeverBreaks:
            return request.form == .identified || !decision.breaksConfidence
        case .denyNeverBreaks:
            return decision.outcome != .deny || !decision.breaksConfidence
        case .consentNeverBreaks:
            let valid = request.consent == .given && (request.subjectKind == .child || request.subjectHasCapacity)
            return !valid || !decision.breaksConfidence
        case .breakingNeedsIdentifiedShareBeyondCircle:
            guard decision.breaksConfidence else { return true }
            let valid = request.consent == .given && (request.subjectKind == .child || request.subjectHasCapacity)
            return request.form == .identified && !valid
                && (request.recipientKind == .partnerAgency || request.recipientKind == .parentCarer)
        case .breakingBasis:
            guard permit && decision.breaksConfidence else { return true }
            if request.legalDuty { return decision.lawfulBasis == .legalObligation }
            switch decision.lawfulBasis {
            case .safeguarding, .crimePrevention, .vitalInterests: return true
            case .consent, .legalObligation, .none: return false
            }
        case .absoluteOfferReviewed:
            guard permit else { return true }
            return decision.obligations.contains(.reviewPractice) == (request.confidentialityOffered == .absolute)
        case .absolutePromiseKept:
            guard request.confidentialityOffered == .absolute && beyondDSL else { return true }
            let seriousRisk = request.risk == .significantHarm || request.risk == .immediateDanger
            let ground =
                (request.subjectKind != .adult && seriousRisk) || request.riskToOthers
                || request.seriousCrime || request.legalDuty
                || (request.subjectKind == .adult && request.risk == .immediateDanger)
            return ground || decision.outcome == .deny
        case .dslAlwaysReachable:
            guard
                request.recipientKind == .dsl && request.purpose != .other && !request.recipientIsAllegedPerpetrator
                    && request.requester != .admin && request.requester != .auditor
            else { return true }
            return permit && !decision.breaksConfidence && decision.lawfulBasis == .safeguarding
        case .capableAdultsRefusalRespected:
            guard
                request.subjectKind != .child && request.subjectHasCapacity && request.consent == .refused
                    && !request.riskToOthers && !request.seriousCrime && !request.legalDuty
                    && request.form == .identified
                    && (request.recipientKind == .partnerAgency || request.recipientKind == .parentCarer)
            else { return true }
            return decision.outcome == .deny
        case .emergencyOnlyInImmediateDanger:
            guard decision.obligations.contains(.informDSLAfter) else { return true }
            return request.risk == .immediateDanger && !request.dslApproved
                && (request.requester == .staff || request.requester == .manager)
        case .partnerNeedsDSLApproval:
            guard request.requester == .partner && beyondDSL && permit else { return true }
            return request.dslApproved
        case .escalateAsksDSL:
            guard decision.outcome == .escalate else { return true }
            return decision.nextSteps.contains(.askDSL) && request.requester != .dsl
        case .shareDeidentifiedIsTrue:
            guard decision.nextSteps.contains(.shareDeidentified) else { return true }
            return request.form == .identified
                && DecisionEngine.decide(request.with(form: .deidentified)).outcome == .permit
        case .seekConsentIsTrue:
            guard decision.nextSteps.contains(.seekConsent) else { return true }
            return request.consent == .notSought
                && DecisionEngine.decide(request.with(consent: .given)).outcome == .permit
        case .reasonsNeverEmpty:
            return !decision.reasons.isEmpty && decision.reasons.contains(decision.decisiveRule)
        }
    }
}
