import Foundation

/// A proposed share, decided: the engine's request and answer, the exact content that leaves, the frozen snapshot and
/// the tasks it opens. One value from the share form to the store, so the preview, the record and the demo cannot
/// disagree (docs/sharing.md, "A share, end to end").
public struct ShareProposal: Sendable, Equatable {
    public let id: UUID
    public let concernID: UUID
    public let personID: UUID
    public let proposerID: UUID
    public let recipient: ShareRecipient
    public let request: ShareRequest
    public let decision: ShareDecision
    public let snapshot: ShareSnapshot
    /// Shared when the engine permits, waiting for a lead when it escalates, not shared when it denies or the proposer stops.
    public let status: ShareStatus
    public let at: Date

    /// Decides a share of `record` on `answers`, proposed by `proposer` at `now`.
    public static func make(
        id: UUID = UUID(), for record: ShareCase, answers: ShareAnswers, proposer: UserAccount, organisation: OrganisationContact,
        now: Date
    ) -> ShareProposal {
        let request = ShareRequest(
            subjectKind: record.person.kind, subjectHasCapacity: answers.subjectHasCapacity,
            requester: proposer.role.isSafeguardingLead ? .dsl : .staff, recipientKind: answers.recipient.kind,
            recipientNeedToKnow: answers.recipientNeedToKnow, recipientIsAllegedPerpetrator: answers.recipientIsAllegedPerpetrator,
            purpose: answers.purpose, form: answers.form, consent: answers.consent, risk: answers.risk, riskToOthers: answers.riskToOthers,
            seriousCrime: answers.seriousCrime, legalDuty: answers.legalDuty, informingWouldIncreaseRisk: answers.informingWouldIncreaseRisk,
            informingWouldPrejudiceInvestigation: answers.informingWouldPrejudiceInvestigation,
            confidentialityOffered: record.concern.offered ?? .notStated)
        let decision = DecisionEngine.decide(request)
        let sections = ShareComposer.compose(record, answers: answers, organisation: organisation, now: now)
        let snapshot = ShareSnapshot(
            recipient: answers.recipient.label, reason: answers.reason, consentBy: answers.consentBy, sections: sections,
            discloserIncluded: answers.includeDiscloser && !record.discloser.isEmpty, facts: request, answers: answers, decision: decision)
        return ShareProposal(
            id: id, concernID: record.concern.id, personID: record.person.id, proposerID: proposer.id, recipient: answers.recipient,
            request: request, decision: decision, snapshot: snapshot, status: Share.status(for: decision.outcome), at: now)
    }

    /// The same proposal kept as a decision not to share: the proposer stopped, and the record says why it was weighed.
    public func notShared() -> ShareProposal {
        ShareProposal(
            id: id, concernID: concernID, personID: personID, proposerID: proposerID, recipient: recipient, request: request,
            decision: decision, snapshot: snapshot, status: .notShared, at: at)
    }

    /// The tasks it opens when it is recorded: only a share sent now that breaks a confidence opens any (contract rule 7).
    public var opensTasks: [InformTask.Kind] {
        status == .shared ? InformTask.kinds(for: Array(decision.obligations)) : []
    }

    /// The share as recorded.
    public var share: Share {
        Share(
            id: id, concernID: concernID, personID: personID, proposerID: proposerID, status: status, recipientUserID: recipient.userID,
            recipientContactID: recipient.contactID, snapshot: snapshot, createdAt: at)
    }
}

/// A safeguarding lead's approval of an escalated share: who, when, why, and the engine's answer once approved.
///
/// Kept beside the frozen snapshot, never written into it, so the share page shows the final decision
/// ("Approved by Dana Lead on 3 March 2026: …") and the obligations it carries, not the escalation.
public struct ShareApproval: Codable, Sendable, Equatable {
    public var shareID: UUID
    public var leadID: UUID
    public var reason: String
    public var at: Date
    public var lawfulBasis: LawfulBasis
    public var obligations: [Obligation]
    public var breaksConfidence: Bool

    /// The tasks the approved share opens.
    public var opensTasks: [InformTask.Kind] { InformTask.kinds(for: obligations) }
}

/// Why a lead's decision on a share cannot be recorded as asked.
public enum ShareDecisionProblem: Error, Equatable, Sendable {
    /// Approvals and refusals both need a reason (docs/sharing.md: decisions are as explainable as shares).
    case reasonMissing
    case reasonTooLong(limit: Int)
    /// Only a share waiting for a lead can be decided.
    case notWaiting

    /// What the lead reads beside the reason field.
    public var message: String {
        switch self {
        case .reasonMissing: "Give the reason for your decision: it is kept with the share and shown to whoever reads it later."
        case .reasonTooLong(let limit): "Keep the reason to \(limit) characters."
        case .notWaiting: "Only a share waiting for a safeguarding lead's decision can be approved or refused."
        }
    }
}

extension Share {
    /// The longest reason a lead may give for approving or refusing.
    public static let maximumDecisionReason = 5_000

    /// A lead's reason, trimmed, or the problem with it.
    public static func decisionReason(_ text: String) throws(ShareDecisionProblem) -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .reasonMissing }
        guard reason.count <= maximumDecisionReason else { throw .reasonTooLong(limit: maximumDecisionReason) }
        return reason
    }

    /// This escalated share approved by `lead` at `at` for `reason`: the engine decides the same facts with the lead's approval.
    public func approved(by lead: UUID, reason: String, at: Date) throws(ShareDecisionProblem) -> ShareApproval {
        guard status == .awaitingApproval else { throw .notWaiting }
        let reason = try Self.decisionReason(reason)
        var facts = snapshot.facts
        facts.dslApproved = true
        let decision = DecisionEngine.decide(facts)
        return ShareApproval(
            shareID: id, leadID: lead, reason: reason, at: at, lawfulBasis: decision.lawfulBasis, obligations: Array(decision.obligations),
            breaksConfidence: decision.breaksConfidence)
    }
}
