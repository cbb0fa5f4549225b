/// The facts of a proposed share as they are stored with it: a ``ShareRequest`` in a form that can be kept and re-decided.
///
/// Kept so that a safeguarding lead's approval re-runs the engine on exactly the facts the
/// proposer gave, with `dslApproved` set, and so that a refusal can be reconsidered later.
public struct ShareFacts: Codable, Sendable, Equatable {
    public var subjectKind: SubjectKind
    public var subjectHasCapacity: Bool
    public var requester: Requester
    public var recipientKind: RecipientKind
    public var recipientNeedToKnow: Bool
    public var recipientIsAllegedPerpetrator: Bool
    public var purpose: SharePurpose
    public var form: ShareForm
    public var consent: Consent
    public var risk: RiskLevel
    public var riskToOthers: Bool
    public var seriousCrime: Bool
    public var legalDuty: Bool
    public var informingWouldIncreaseRisk: Bool
    public var informingWouldPrejudiceInvestigation: Bool
    public var confidentialityOffered: ConfidentialityOffered
    public var dslApproved: Bool

    /// The facts of `request`.
    public init(_ request: ShareRequest) {
        subjectKind = request.subjectKind
        subjectHasCapacity = request.subjectHasCapacity
        requester = request.requester
        recipientKind = request.recipientKind
        recipientNeedToKnow = request.recipientNeedToKnow
        recipientIsAllegedPerpetrator = request.recipientIsAllegedPerpetrator
        purpose = request.purpose
        form = request.form
        consent = request.consent
        risk = request.risk
        riskToOthers = request.riskToOthers
        seriousCrime = request.seriousCrime
        legalDuty = request.legalDuty
        informingWouldIncreaseRisk = request.informingWouldIncreaseRisk
        informingWouldPrejudiceInvestigation = request.informingWouldPrejudiceInvestigation
        confidentialityOffered = request.confidentialityOffered
        dslApproved = request.dslApproved
    }

    /// The request these facts describe, for the engine.
    public var request: ShareRequest {
        ShareRequest(
            subjectKind: subjectKind, subjectHasCapacity: subjectHasCapacity, requester: requester, recipientKind: recipientKind,
            recipientNeedToKnow: recipientNeedToKnow, recipientIsAllegedPerpetrator: recipientIsAllegedPerpetrator,
            purpose: purpose, form: form, consent: consent, risk: risk, riskToOthers: riskToOthers, seriousCrime: seriousCrime,
            legalDuty: legalDuty, informingWouldIncreaseRisk: informingWouldIncreaseRisk,
            informingWouldPrejudiceInvestigation: informingWouldPrejudiceInvestigation,
            confidentialityOffered: confidentialityOffered, dslApproved: dslApproved)
    }
}
