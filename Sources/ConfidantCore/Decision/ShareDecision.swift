/// The engine's answer to a ``ShareRequest``: the contract's decision, less the request's id.
///
/// A plain value of enums and bit sets: deciding allocates nothing, and equal decisions are
/// equal values (the JSON Lines writer caches each distinct decision's rendering).
public struct ShareDecision: Hashable, Sendable {
    /// Permit, escalate or deny.
    public var outcome: ShareOutcome
    /// On permit, the form asked for; nil on deny and escalate.
    public var form: ShareForm?
    /// Whether the share (on escalate, the share the DSL is asked to approve) breaks a confidence.
    public var breaksConfidence: Bool
    /// On permit, the basis relied on; `none` otherwise.
    public var lawfulBasis: LawfulBasis
    /// On permit, what must happen because of the share; empty otherwise.
    public var obligations: VocabularySet<Obligation>
    /// On deny and escalate, what the requester can do instead; empty on permit.
    public var nextSteps: VocabularySet<NextStep>
    /// The rules the decision rests on, never empty.
    public var reasons: VocabularySet<PolicyRule>
    /// The rule that settled the outcome; the explanation starts from it.
    public var decisiveRule: PolicyRule

    /// Creates a decision.
    public init(
        outcome: ShareOutcome,
        form: ShareForm?,
        breaksConfidence: Bool,
        lawfulBasis: LawfulBasis,
        obligations: VocabularySet<Obligation>,
        nextSteps: VocabularySet<NextStep>,
        reasons: VocabularySet<PolicyRule>,
        decisiveRule: PolicyRule
    ) {
        self.outcome = outcome
        self.form = form
        self.breaksConfidence = breaksConfidence
        self.lawfulBasis = lawfulBasis
        self.obligations = obligations
        self.nextSteps = nextSteps
        self.reasons = reasons
        self.decisiveRule = decisiveRule
    }

    /// One or two plain-language sentences a staff member can read without training.
    public var explanation: String { DecisionExplanation.text(for: self) }
}
