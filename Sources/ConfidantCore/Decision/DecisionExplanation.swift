/// Writes the plain-language explanation of a decision: what was decided and why, then what to do.
///
/// The Purpose of policy asks that the boundaries of confidentiality be easily understood by
/// everyone, so the words avoid legal terms: one sentence for the decision, one for what
/// happens next. The text depends on the decision alone, so equal decisions read the same.
public enum DecisionExplanation {
    /// The one or two sentences explaining a decision.
    public static func text(for decision: ShareDecision) -> String {
        let first = verdict(for: decision)
        let second: String
        switch decision.outcome {
        case .permit:
            second = duties(for: decision)
        case .escalate, .deny:
            second = instead(for: decision)
        }
        return second.isEmpty ? first : first + " " + second
    }

    /// The sentence saying what was decided and on which rule.
    static func verdict(for decision: ShareDecision) -> String {
        switch (decision.outcome, decision.decisiveRule) {
        case (.permit, .dslCircle):
            return "Telling the DSL about a safeguarding concern, or asking them for advice, is always allowed and breaks no confidence."
        case (.permit, .needToKnow):
            return "This colleague needs to know for their work with the person, so telling them stays inside the limits of confidentiality."
        case (.permit, .adviceWithoutNames):
            return "Asking a colleague for advice without naming anyone stays inside the limits of confidentiality."
        case (.permit, .limitedConfidentiality):
            return
                "Discussing the situation with another professional without identifying anyone is limited confidentiality and breaks no confidence."
        case (.permit, .consent):
            return "The person agreed to this share (or, for a child who cannot decide, a parent did), so it breaks no confidence."
        case (.permit, .purposeLimits):
            return "This share is not for safeguarding or advice, and it is allowed only because \(ground(decision.lawfulBasis))."
        case (.permit, _) where decision.breaksConfidence:
            return "This breaks a confidence, which the policy allows here because \(ground(decision.lawfulBasis))."
        case (.permit, _):
            return "This share is allowed because \(ground(decision.lawfulBasis))."
        case (.escalate, .roleLimits):
            return
                "Your role cannot make this share on its own authority, so only the DSL can approve it; nothing identifying is shared until they decide."
        case (.escalate, _):
            return "This would break a confidence, so only the DSL can approve it; nothing identifying is shared until they decide."
        case (.deny, .neverShare):
            return "Nothing about a person is ever shared with the public or with someone alleged to have caused the harm, with or without names."
        case (.deny, .roleLimits):
            return "Administrators and auditors never share case content."
        case (.deny, .absolutePromise):
            return
                "Absolute confidentiality was promised and no reason that overrides it applies, so nothing goes beyond the DSL, not even without names."
        case (.deny, .needToKnow):
            return "A colleague who does not need to know for their work with the person may only be asked for advice, without names."
        case (.deny, .adviceWithoutNames):
            return "Advice does not need names: without the person's consent, ask for it without identifying anyone."
        case (.deny, .purposeLimits):
            return
                "Sharing for a purpose other than safeguarding or advice needs the person's consent, a legal duty or the prevention of a serious crime, and none applies."
        case (.deny, .capacityRespected):
            return
                "An adult who can make this decision has refused, and only they are at risk, so their wishes are respected: nothing that identifies them is shared."
        case (.deny, .limitedConfidentiality):
            return
                "Only professionals may be told about a situation without names; a parent or carer needs the person's consent or a reason the policy accepts."
        case (.deny, _):
            return
                "Identifying the person without their consent would break a confidence, and none of the reasons the policy accepts (serious harm, others at risk, a serious crime, a legal duty) applies."
        }
    }

    /// Why a basis allows a share, in words.
    static func ground(_ basis: LawfulBasis) -> String {
        switch basis {
        case .consent: "the person agreed to it"
        case .safeguarding: "a child, an adult at risk or other people are at risk of serious harm"
        case .legalObligation: "the law requires it"
        case .crimePrevention: "it helps prevent or detect a serious crime"
        case .vitalInterests: "the person is in immediate danger and cannot decide for themselves"
        case .none: "no reason applies"
        }
    }

    /// The sentence listing what must happen after a permitted share.
    static func duties(for decision: ShareDecision) -> String {
        var parts: [String] = []
        for obligation in decision.obligations {
            switch obligation {
            case .recordDecision: parts.append("record the decision")
            case .informIndividual: parts.append("tell the person")
            case .involveIndividual: parts.append("involve them in what happens next")
            case .recordReasonNotInformed: parts.append("write down why the person is not being told, with the DSL's approval and a review date")
            case .informDSLAfter: parts.append("tell the DSL straight after")
            case .reviewPractice: parts.append("review with the DSL why absolute confidentiality was offered")
            }
        }
        if decision.reasons.contains(.explainLimits) {
            parts.append("explain the limits of confidentiality, which were not made clear at the outset")
        }
        return sentence(parts, conjunction: "and")
    }

    /// The sentence listing what the requester can do instead.
    static func instead(for decision: ShareDecision) -> String {
        let parts = decision.nextSteps.map { step -> String in
            switch step {
            case .askDSL: decision.outcome == .escalate ? "ask the DSL to decide" : "ask the DSL"
            case .shareDeidentified: "share it without identifying anyone"
            case .seekConsent: "ask the person for their consent"
            case .seekAdvice: "seek advice without naming anyone"
            }
        }
        guard !parts.isEmpty else { return "" }
        return "You can " + sentence(parts, conjunction: "or", capitalised: false)
    }

    /// Joins phrases into a list ending with the conjunction, as a sentence ending in a full stop.
    static func sentence(_ parts: [String], conjunction: String, capitalised: Bool = true) -> String {
        guard let last = parts.last else { return "" }
        var text = parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " \(conjunction) " + last
        if capitalised, let first = text.first {
            text = first.uppercased() + text.dropFirst()
        }
        return text + "."
    }
}
