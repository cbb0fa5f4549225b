/// What the policy allows for a request, before asking whether this requester may act alone:
/// in effect, what a DSL could permit.
struct PolicyView {
    /// Whether the policy allows the share at all.
    var allowed: Bool
    /// Whether the share breaks a confidence.
    var breaks: Bool
    /// The basis it would rest on (`none` when not allowed).
    var basis: LawfulBasis
    /// The rules the answer rests on.
    var reasons: VocabularySet<PolicyRule>
    /// The rule that settled it.
    var decisive: PolicyRule

    private init(allowed: Bool, breaks: Bool, basis: LawfulBasis, reasons: VocabularySet<PolicyRule>, decisive: PolicyRule) {
        self.allowed = allowed
        self.breaks = breaks
        self.basis = basis
        self.reasons = reasons
        self.decisive = decisive
    }

    private static func allow(
        breaks: Bool, basis: LawfulBasis, reasons: VocabularySet<PolicyRule>, decisive: PolicyRule
    ) -> PolicyView {
        PolicyView(allowed: true, breaks: breaks, basis: basis, reasons: reasons, decisive: decisive)
    }

    private static func refuse(_ reasons: VocabularySet<PolicyRule>, decisive: PolicyRule) -> PolicyView {
        PolicyView(allowed: false, breaks: false, basis: .none, reasons: reasons, decisive: decisive)
    }

    /// Works out the policy's answer for a request that no rule-10 bar stops.
    init(_ request: ShareRequest) {
        let facts = Facts(request)
        let promise: VocabularySet<PolicyRule> =
            request.confidentialityOffered == .absolute ? VocabularySet(.absolutePromise) : []

        switch request.recipientKind {
        case .dsl:
            // Rule 1: inside the limits explained at the outset; rests on safeguarding.
            // Rule 9: a promise of absolute confidentiality does not stop it.
            if request.purpose != .other {
                self = Self.allow(
                    breaks: false, basis: .safeguarding,
                    reasons: promise.inserting(.dslCircle), decisive: .dslCircle)
            } else {
                self = Self.otherPurpose(facts, reasons: promise.inserting(.dslCircle))
            }
            return
        case .public:
            // Rule 10 bars this before a policy view is taken; kept so that the switch is total.
            self = Self.refuse(VocabularySet(.neverShare), decisive: .neverShare)
            return
        case .staff, .partnerAgency, .parentCarer:
            break
        }

        // Rule 9: where no rule-5 ground holds, a promise of absolute confidentiality is kept:
        // nothing goes beyond the DSL, not even de-identified.
        if request.confidentialityOffered == .absolute && !facts.hasGround {
            self = Self.refuse(VocabularySet(.absolutePromise), decisive: .absolutePromise)
            return
        }

        switch (request.recipientKind, request.form) {
        case (.staff, _) where request.recipientNeedToKnow:
            // Rule 2: a colleague who needs to know for their work is inside the circle.
            if request.purpose != .other {
                self = Self.allow(
                    breaks: false, basis: .safeguarding,
                    reasons: promise.inserting(.needToKnow), decisive: .needToKnow)
            } else {
                self = Self.otherPurpose(facts, reasons: promise.inserting(.needToKnow))
            }
        case (.staff, .deidentified) where request.purpose == .advice:
            // Rule 2: anyone else on the staff may be asked for advice, de-identified.
            self = Self.allow(
                breaks: false, basis: .safeguarding,
                reasons: promise.inserting(.needToKnow).inserting(.adviceWithoutNames),
                decisive: .adviceWithoutNames)
        case (.staff, _):
            self = Self.refuse(VocabularySet(.needToKnow), decisive: .needToKnow)
        case (.partnerAgency, .deidentified):
            // Rule 3: limited confidentiality, for safeguarding or advice.
            if request.purpose != .other {
                self = Self.allow(
                    breaks: false, basis: .safeguarding,
                    reasons: promise.inserting(.limitedConfidentiality),
                    decisive: .limitedConfidentiality)
            } else {
                self = Self.otherPurpose(facts, reasons: promise)
            }
        case (.parentCarer, .deidentified):
            // Rule 3 covers professionals only: a parent or carer is told, even without names,
            // only with consent or on a ground that would allow identifying the person.
            if facts.validConsent {
                self = Self.allow(
                    breaks: false, basis: .consent,
                    reasons: promise.inserting(.consent), decisive: .consent)
            } else if facts.hasGround {
                self = Self.allow(
                    breaks: false, basis: facts.groundBasis,
                    reasons: promise.union(facts.groundReasons).inserting(.limitedConfidentiality),
                    decisive: .breakingGrounds)
            } else {
                self = Self.refuse(VocabularySet(.limitedConfidentiality), decisive: .limitedConfidentiality)
            }
        case (.partnerAgency, .identified), (.parentCarer, .identified):
            self = Self.identifiedBeyondCircle(request, facts, promise: promise)
        case (.dsl, _), (.public, _):
            // Handled above; kept so that the switch is total.
            self = Self.refuse(VocabularySet(.neverShare), decisive: .neverShare)
        }
    }

    /// Identifying the person outside the safeguarding circle: rules 4, 5, 8 and 11.
    private static func identifiedBeyondCircle(
        _ request: ShareRequest, _ facts: Facts, promise: VocabularySet<PolicyRule>
    ) -> PolicyView {
        // Rule 4: with consent, no confidence is broken.
        if facts.validConsent {
            return allow(breaks: false, basis: .consent, reasons: promise.inserting(.consent), decisive: .consent)
        }
        // Rule 8: an adult who can decide and refuses, with only themselves at risk.
        if facts.refusalRespected {
            return refuse(VocabularySet(.capacityRespected), decisive: .capacityRespected)
        }
        // Advice needs no names (rule 2, Policy statement): identifying someone to get it is not a reason.
        if request.purpose == .advice {
            return refuse(VocabularySet(.adviceWithoutNames), decisive: .adviceWithoutNames)
        }
        // Rule 5: the only grounds for breaking a confidence, and not otherwise.
        guard facts.hasGround else {
            if request.purpose == .other {
                return refuse(VocabularySet(.purposeLimits).inserting(.breakingGrounds), decisive: .purposeLimits)
            }
            return refuse(VocabularySet(.breakingGrounds), decisive: .breakingGrounds)
        }
        return allow(
            breaks: true, basis: facts.groundBasis,
            reasons: promise.union(facts.groundReasons).inserting(.dslApproval),
            decisive: .breakingGrounds)
    }

    /// A share inside the circle or de-identified, for a purpose other than safeguarding or
    /// advice: it needs consent, a legal duty or a serious crime (rule 11 picks the basis).
    private static func otherPurpose(_ facts: Facts, reasons: VocabularySet<PolicyRule>) -> PolicyView {
        var reasons = reasons.inserting(.purposeLimits)
        let grounds = (facts.validConsent ? 1 : 0) + (facts.request.legalDuty ? 1 : 0) + (facts.request.seriousCrime ? 1 : 0)
        if grounds > 1 { reasons.insert(.lawfulBasisOrder) }
        if facts.validConsent {
            return allow(breaks: false, basis: .consent, reasons: reasons.inserting(.consent), decisive: .purposeLimits)
        }
        if facts.request.legalDuty {
            return allow(breaks: false, basis: .legalObligation, reasons: reasons, decisive: .purposeLimits)
        }
        if facts.request.seriousCrime {
            return allow(breaks: false, basis: .crimePrevention, reasons: reasons, decisive: .purposeLimits)
        }
        return refuse(VocabularySet(.purposeLimits), decisive: .purposeLimits)
    }
}

/// The facts of a request that the rules turn on, worked out once.
private struct Facts {
    let request: ShareRequest
    /// Consent the engine can rely on: the person's own, or a parent's for a child who cannot
    /// decide. An adult who cannot decide cannot consent, and no one else can for them.
    let validConsent: Bool
    /// Rule 8: an adult (at risk or not) who can decide refuses, and no crime, legal duty or
    /// risk to others is in play.
    let refusalRespected: Bool
    /// Rule 5: risk of significant harm or immediate danger to a child or adult at risk, or others at risk.
    let safeguardingGround: Bool
    /// An adult in immediate danger who cannot decide, or whose consent cannot be obtained.
    let vitalGround: Bool

    init(_ request: ShareRequest) {
        self.request = request
        let canDecide = request.subjectKind == .child || request.subjectHasCapacity
        validConsent = request.consent == .given && canDecide
        refusalRespected =
            request.subjectKind != .child && request.subjectHasCapacity
            && request.consent == .refused
            && !request.riskToOthers && !request.seriousCrime && !request.legalDuty
        let seriousRisk = request.risk == .significantHarm || request.risk == .immediateDanger
        let harm = request.subjectKind != .adult && seriousRisk
        let vital =
            request.subjectKind == .adult && request.risk == .immediateDanger
            && (!request.subjectHasCapacity || request.consent == .cannotBeObtained)
        // Safeguarding and vital interests are grounds only for a safeguarding or advice purpose:
        // the DPA's safeguarding condition is a purpose. Rule 8 overrides them.
        let purposeAllows = request.purpose != .other
        safeguardingGround = purposeAllows && !refusalRespected && (harm || request.riskToOthers)
        vitalGround = purposeAllows && !refusalRespected && vital
    }

    /// Whether any rule-5 ground holds (which is what rule 9 asks).
    var hasGround: Bool {
        safeguardingGround || vitalGround || request.legalDuty || request.seriousCrime
    }

    /// Rule 11: where several grounds hold, legal obligation, then safeguarding, then crime
    /// prevention; vital interests only where nothing else holds.
    var groundBasis: LawfulBasis {
        if request.legalDuty { return .legalObligation }
        if safeguardingGround { return .safeguarding }
        if request.seriousCrime { return .crimePrevention }
        if vitalGround { return .vitalInterests }
        return .none
    }

    /// The rules a share on these grounds rests on.
    var groundReasons: VocabularySet<PolicyRule> {
        var reasons = VocabularySet<PolicyRule>(.breakingGrounds)
        if safeguardingGround || vitalGround { reasons.insert(.safetyFirst) }
        if vitalGround && groundBasis == .vitalInterests { reasons.insert(.vitalInterests) }
        let grounds =
            (request.legalDuty ? 1 : 0) + (safeguardingGround ? 1 : 0)
            + (request.seriousCrime ? 1 : 0) + (vitalGround ? 1 : 0)
        if grounds > 1 { reasons.insert(.lawfulBasisOrder) }
        return reasons
    }
}
