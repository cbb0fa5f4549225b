/// The confidentiality decision engine: answers every ``ShareRequest`` with a ``ShareDecision``.
///
/// Deterministic and total: every combination of inputs gets an answer, computed by a
/// straight-line function over enums that allocates nothing. The engine first asks what the
/// policy allows (what a DSL could permit), then whether this requester may act on it alone.
/// The numbered rules are those of the contract (`confidant decide`); docs/policy.md lists
/// them with the clauses that state them and worked examples.
public enum DecisionEngine {
    /// Decides a proposed share.
    public static func decide(_ request: ShareRequest) -> ShareDecision {
        decide(request, suggestingAlternatives: true)
    }

    /// Decides a proposed share; without `suggestingAlternatives` next steps are not worked out,
    /// which is how the engine asks itself what a changed request would get without recursing.
    static func decide(_ request: ShareRequest, suggestingAlternatives: Bool) -> ShareDecision {
        // Rule 10 comes before everything: whatever the other rules say.
        var bars = Reasons()
        if request.recipientKind == .public || request.recipientIsAllegedPerpetrator {
            bars.insert(.neverShare)
        }
        if request.requester == .admin || request.requester == .auditor {
            bars.insert(.roleLimits)
        }
        if let decisive = bars.first {
            return denial(request, reasons: bars, decisive: decisive, suggesting: suggestingAlternatives)
        }
        let view = PolicyView(request)
        guard view.allowed else {
            return denial(request, reasons: view.reasons, decisive: view.decisive, suggesting: suggestingAlternatives)
        }
        return authorise(request, view: view, suggesting: suggestingAlternatives)
    }

    typealias Reasons = VocabularySet<PolicyRule>

    /// Applies who is asking to a share the policy allows: the DSL may make it; staff need the
    /// DSL for a broken confidence except in immediate danger (rule 6); managers and partner
    /// agency contacts act beyond the DSL only with the DSL's approval (role_limits).
    private static func authorise(_ request: ShareRequest, view: PolicyView, suggesting: Bool) -> ShareDecision {
        var obligations = VocabularySet<Obligation>(.recordDecision)
        var reasons = view.reasons.inserting(.recordDecisions)
        if view.breaks {
            // Rule 7: the person is told and involved, unless that would increase the risk or
            // prejudice an investigation; then the reason is recorded instead.
            if request.informingWithheld {
                obligations.insert(.recordReasonNotInformed)
                reasons.insert(.withholdInforming)
            } else {
                obligations.insert(.informIndividual)
                obligations.insert(.involveIndividual)
                reasons.insert(.informAndInvolve)
            }
        }
        if request.confidentialityOffered == .absolute {
            obligations.insert(.reviewPractice)
            reasons.insert(.absolutePromise)
        } else if request.confidentialityOffered == .notStated {
            reasons.insert(.explainLimits)
        }
        let emergency = request.risk == .immediateDanger && !request.dslApproved

        switch request.requester {
        case .dsl:
            break
        case .staff:
            if view.breaks && !request.dslApproved {
                guard emergency else {
                    return escalation(
                        request, view: view, reasons: view.reasons.inserting(.dslApproval),
                        decisive: .dslApproval, suggesting: suggesting)
                }
                obligations.insert(.informDSLAfter)
                reasons.insert(.emergency)
            }
        case .manager:
            if request.recipientKind != .dsl && request.form == .identified && !request.dslApproved {
                guard emergency else {
                    let decisive: PolicyRule = view.breaks ? .dslApproval : .roleLimits
                    return escalation(
                        request, view: view, reasons: view.reasons.inserting(.roleLimits),
                        decisive: decisive, suggesting: suggesting)
                }
                obligations.insert(.informDSLAfter)
                reasons.insert(.emergency)
                reasons.insert(.roleLimits)
            }
        case .partner:
            if request.recipientKind != .dsl {
                guard request.dslApproved else {
                    let decisive: PolicyRule = view.breaks ? .dslApproval : .roleLimits
                    return escalation(
                        request, view: view, reasons: view.reasons.inserting(.roleLimits),
                        decisive: decisive, suggesting: suggesting)
                }
                reasons.insert(.roleLimits)
            }
        case .admin, .auditor:
            // Barred before the policy view is taken; kept so that the switch is total.
            return denial(request, reasons: Reasons(.roleLimits), decisive: .roleLimits, suggesting: suggesting)
        }
        return ShareDecision(
            outcome: .permit, form: request.form, breaksConfidence: view.breaks,
            lawfulBasis: view.basis, obligations: obligations, nextSteps: [],
            reasons: reasons, decisiveRule: view.decisive
        )
    }

    /// An escalation: the DSL decides, so no form, basis or obligations (the DSL's decision carries them).
    private static func escalation(
        _ request: ShareRequest, view: PolicyView, reasons: Reasons, decisive: PolicyRule, suggesting: Bool
    ) -> ShareDecision {
        var steps = VocabularySet<NextStep>(.askDSL)
        if suggesting { steps = steps.union(alternatives(for: request)) }
        return ShareDecision(
            outcome: .escalate, form: nil, breaksConfidence: view.breaks, lawfulBasis: .none,
            obligations: [], nextSteps: steps, reasons: reasons, decisiveRule: decisive
        )
    }

    /// A denial: nothing is shared and no confidence is broken; next steps say what could be done instead.
    private static func denial(
        _ request: ShareRequest, reasons: Reasons, decisive: PolicyRule, suggesting: Bool
    ) -> ShareDecision {
        var steps = VocabularySet<NextStep>()
        if suggesting {
            // The DSL can always be told (rule 1), unless the DSL is the one the concern is about.
            let dslIsImplicated = request.recipientKind == .dsl && request.recipientIsAllegedPerpetrator
            if request.requester != .dsl && !dslIsImplicated { steps.insert(.askDSL) }
            steps = steps.union(alternatives(for: request))
            if request.requester == .dsl || request.recipientIsAllegedPerpetrator { steps.insert(.seekAdvice) }
        }
        return ShareDecision(
            outcome: .deny, form: nil, breaksConfidence: false, lawfulBasis: .none,
            obligations: [], nextSteps: steps, reasons: reasons, decisiveRule: decisive
        )
    }

    /// The changed requests that this requester could make at once: the same share de-identified,
    /// or the same share with consent (not offered where asking would increase the risk or
    /// prejudice an investigation, the same reasons that withhold informing under rule 7).
    private static func alternatives(for request: ShareRequest) -> VocabularySet<NextStep> {
        var steps = VocabularySet<NextStep>()
        if request.form == .identified,
            decide(request.with(form: .deidentified), suggestingAlternatives: false).outcome == .permit
        {
            steps.insert(.shareDeidentified)
        }
        if request.consent == .notSought, !request.informingWithheld,
            decide(request.with(consent: .given), suggestingAlternatives: false).outcome == .permit
        {
            steps.insert(.seekConsent)
        }
        return steps
    }
}
