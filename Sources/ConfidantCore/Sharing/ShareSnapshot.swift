import Foundation

/// What a share sent, frozen when it was made: the exact text and fields, to whom, why, on what basis, and the decision's reasons.
///
/// Stored sealed and never updated (docs/sharing.md: "can never be changed"); an approval by a
/// safeguarding lead is recorded beside it, not written into it.
public struct ShareSnapshot: Codable, Sendable, Equatable {
    /// Who receives it, as shown (a colleague's or contact's name and agency).
    public var recipient: String
    public var purpose: SharePurpose
    /// What the person who proposed it wrote as the purpose and reason.
    public var reason: String
    public var form: ShareForm
    public var sections: [ShareSection]
    /// Whether the third-party discloser was chosen to be identified (recorded as the issue asks).
    public var discloserIncluded: Bool
    /// Who gave or refused consent, as written.
    public var consentBy: String
    /// The request exactly as the proposer gave it, so a lead's approval re-runs the engine on the
    /// same facts with `dslApproved` set, and a refusal can be reconsidered later.
    public var facts: ShareRequest
    public var outcome: ShareOutcome
    public var breaksConfidence: Bool
    public var lawfulBasis: LawfulBasis
    /// The policy rules the decision rests on, in the contract's words.
    public var reasons: [String]
    /// What must happen because of the share, in the contract's words.
    public var obligations: [String]
    /// The engine's plain-language explanation.
    public var explanation: String

    /// Creates a snapshot of `decision` on `facts` with the composed `sections`.
    public init(
        recipient: String, reason: String, consentBy: String, sections: [ShareSection], discloserIncluded: Bool,
        facts: ShareRequest, decision: ShareDecision
    ) {
        self.recipient = recipient
        self.purpose = facts.purpose
        self.reason = reason
        self.form = facts.form
        self.sections = sections
        self.discloserIncluded = discloserIncluded
        self.consentBy = consentBy
        self.facts = facts
        self.outcome = decision.outcome
        self.breaksConfidence = decision.breaksConfidence
        self.lawfulBasis = decision.lawfulBasis
        self.reasons = decision.reasons.map(\.rawValue)
        self.obligations = decision.obligations.map(\.rawValue)
        self.explanation = decision.explanation
    }
}
