import Foundation

/// What a share sent, frozen when it was made: the exact text and fields, to whom, why, on what basis, and the decision's reasons.
///
/// Stored sealed and never updated (docs/sharing.md: "can never be changed"); an approval by a
/// safeguarding lead is recorded beside it (`ShareApproval`), not written into it.
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
    /// The request exactly as the engine saw it, so a lead's approval decides on the same facts with
    /// `dslApproved` set, and a refusal can be reconsidered later.
    public var facts: ShareRequest
    /// What the proposer answered, so a correction can go to the same recipient on the same answers; nil in
    /// snapshots frozen before answers were kept.
    public var answers: ShareAnswers?
    public var outcome: ShareOutcome
    public var breaksConfidence: Bool
    public var lawfulBasis: LawfulBasis
    /// The policy rules the decision rests on.
    public var reasons: [PolicyRule]
    /// What must happen because of the share.
    public var obligations: [Obligation]
    /// What the proposer could do instead, when the engine escalated or denied.
    public var nextSteps: [NextStep]
    /// The engine's plain-language explanation, written for the organisation (it may speak of the organisation's own
    /// duties, so a recipient is never shown it).
    public var explanation: String

    /// Creates a snapshot of `decision` on `facts` with the composed `sections`.
    public init(
        recipient: String, reason: String, consentBy: String, sections: [ShareSection], discloserIncluded: Bool,
        facts: ShareRequest, answers: ShareAnswers? = nil, decision: ShareDecision
    ) {
        self.recipient = recipient
        self.purpose = facts.purpose
        self.reason = reason
        self.form = facts.form
        self.sections = sections
        self.discloserIncluded = discloserIncluded
        self.consentBy = consentBy
        self.facts = facts
        self.answers = answers
        self.outcome = decision.outcome
        self.breaksConfidence = decision.breaksConfidence
        self.lawfulBasis = decision.lawfulBasis
        self.reasons = Array(decision.reasons)
        self.obligations = Array(decision.obligations)
        self.nextSteps = Array(decision.nextSteps)
        self.explanation = decision.explanation
    }

    enum CodingKeys: String, CodingKey {
        case recipient, purpose, reason, form, sections, discloserIncluded, consentBy, facts, answers, outcome, breaksConfidence
        case lawfulBasis, reasons, obligations, nextSteps, explanation
    }

    /// Reads a snapshot; those frozen before answers and next steps were kept have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        recipient = try container.decode(String.self, forKey: .recipient)
        purpose = try container.decode(SharePurpose.self, forKey: .purpose)
        reason = try container.decode(String.self, forKey: .reason)
        form = try container.decode(ShareForm.self, forKey: .form)
        sections = try container.decode([ShareSection].self, forKey: .sections)
        discloserIncluded = try container.decode(Bool.self, forKey: .discloserIncluded)
        consentBy = try container.decode(String.self, forKey: .consentBy)
        facts = try container.decode(ShareRequest.self, forKey: .facts)
        answers = try container.decodeIfPresent(ShareAnswers.self, forKey: .answers)
        outcome = try container.decode(ShareOutcome.self, forKey: .outcome)
        breaksConfidence = try container.decode(Bool.self, forKey: .breaksConfidence)
        lawfulBasis = try container.decode(LawfulBasis.self, forKey: .lawfulBasis)
        reasons = try container.decode([PolicyRule].self, forKey: .reasons)
        obligations = try container.decode([Obligation].self, forKey: .obligations)
        nextSteps = try container.decodeIfPresent([NextStep].self, forKey: .nextSteps) ?? []
        explanation = try container.decode(String.self, forKey: .explanation)
    }
}
