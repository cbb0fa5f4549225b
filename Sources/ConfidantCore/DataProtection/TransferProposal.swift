import Foundation

/// What a safeguarding lead answers on the transfer form: whom the file goes to, which of its records, and the facts the
/// engine weighs about the person's consent and about telling them.
public struct TransferAnswers: Sendable, Equatable {
    /// The named contact at the receiving organisation (a partner agency's contact).
    public var recipient: ShareRecipient?
    /// The submitted concerns chosen; the whole file is every one of them.
    public var concerns: Set<UUID>
    /// Why the file goes, in the lead's words (for example "moving to Riverside Academy in January").
    public var reason: String
    /// Whether the person is moving to the receiving school or college, so statutory guidance requires the transfer
    /// (KCSIE: the file follows the child, within five school days): the engine's `legal_duty`.
    public var statutoryTransfer: Bool
    public var consent: Consent
    public var consentBy: String
    public var subjectHasCapacity: Bool
    public var informingWouldIncreaseRisk: Bool
    public var informingWouldPrejudiceInvestigation: Bool

    /// Creates answers.
    public init(
        recipient: ShareRecipient?, concerns: Set<UUID>, reason: String, statutoryTransfer: Bool, consent: Consent, consentBy: String = "",
        subjectHasCapacity: Bool, informingWouldIncreaseRisk: Bool = false, informingWouldPrejudiceInvestigation: Bool = false
    ) {
        self.recipient = recipient
        self.concerns = concerns
        self.reason = reason
        self.statutoryTransfer = statutoryTransfer
        self.consent = consent
        self.consentBy = consentBy
        self.subjectHasCapacity = subjectHasCapacity
        self.informingWouldIncreaseRisk = informingWouldIncreaseRisk
        self.informingWouldPrejudiceInvestigation = informingWouldPrejudiceInvestigation
    }

    /// The longest reason.
    public static let maximumReason = 2_000

    /// What is wrong with the answers, field by field; empty when the engine can weigh them.
    public func problems(among cases: [ShareCase]) -> [RecordFieldError] {
        var errors: [RecordFieldError] = []
        if recipient == nil {
            errors.append(RecordFieldError(field: "recipient", message: "Choose the named contact at the organisation receiving the file"))
        } else if recipient?.kind != .partnerAgency || recipient?.contactID == nil {
            errors.append(RecordFieldError(field: "recipient", message: "A file is transferred to a named contact at another organisation"))
        }
        let known = Set(cases.map(\.concern.id))
        if concerns.isEmpty || !concerns.isSubset(of: known) {
            errors.append(RecordFieldError(field: "concerns", message: "Choose the records to transfer: the whole file, or some of its concerns"))
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { errors.append(RecordFieldError(field: "reason", message: "Say why the file is transferred")) }
        if trimmed.count > Self.maximumReason {
            errors.append(RecordFieldError(field: "reason", message: "Keep the reason to \(Self.maximumReason) characters"))
        }
        return errors
    }
}

/// A transfer of a person's file, decided: one share of each chosen concern, each weighed by the decision engine like
/// any other share, so a transfer is never a way around the policy (docs/data-protection.md, "Transfer").
///
/// How the clauses treat it: the receiver is a partner agency with a need to know, the purpose is safeguarding and the
/// form identified. Where the person moves to the receiving school or college, statutory guidance requires the file to
/// follow (the engine's legal duty), so it may be shared without consent; it then breaks a confidence, and the person
/// is told and involved unless that would increase the risk or harm an investigation (rule 7), through the inform
/// tasks each share opens. Without that duty, consent is what allows it. A concern the engine would not share cannot
/// travel in a transfer: the lead leaves it out or revisits the answers.
public struct TransferProposal: Sendable, Equatable {
    public let id: UUID
    public let personID: UUID
    public let proposerID: UUID
    public let recipient: ShareRecipient
    public let reason: String
    /// One decided share per chosen concern, in the order the concerns were submitted.
    public let shares: [ShareProposal]
    public let at: Date

    /// Decides the transfer of the chosen concerns among `cases` (the submitted concerns of `personID`'s file) on
    /// `answers`, which must have no problems.
    public static func make(
        id: UUID = UUID(), personID: UUID, cases: [ShareCase], answers: TransferAnswers, recipient: ShareRecipient, proposer: UserAccount,
        organisation: OrganisationContact, now: Date
    ) -> TransferProposal {
        let reason = answers.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let chosen = cases.filter { answers.concerns.contains($0.concern.id) }
            .sorted { ($0.concern.submittedAt ?? $0.concern.createdAt) < ($1.concern.submittedAt ?? $1.concern.createdAt) }
        let shares = chosen.map { record in
            ShareProposal.make(
                for: record, answers: shareAnswers(for: record, answers: answers, recipient: recipient, reason: reason), proposer: proposer,
                organisation: organisation, now: now)
        }
        return TransferProposal(
            id: id, personID: personID, proposerID: proposer.id, recipient: recipient, reason: reason, shares: shares,
            at: now)
    }

    /// The share answers of one concern in a transfer: everything the record holds, as the file holds it.
    static func shareAnswers(for record: ShareCase, answers: TransferAnswers, recipient: ShareRecipient, reason: String) -> ShareAnswers {
        ShareAnswers(
            recipient: recipient, purpose: .safeguarding, form: .identified, consent: answers.consent, consentBy: answers.consentBy,
            risk: record.concern.risk ?? .concern, subjectHasCapacity: answers.subjectHasCapacity, recipientNeedToKnow: true,
            legalDuty: answers.statutoryTransfer, informingWouldIncreaseRisk: answers.informingWouldIncreaseRisk,
            informingWouldPrejudiceInvestigation: answers.informingWouldPrejudiceInvestigation, reason: "Transfer of the file: \(reason)",
            parts: Set(SharePart.allCases), household: Set(record.household.map(\.person.id)), includeDiscloser: true,
            files: Set(record.attachments.map(\.id)))
    }

    /// The concerns' shares the engine would not send.
    public var refused: [ShareProposal] { shares.filter { $0.decision.outcome != .permit } }

    /// Whether it can be sent: every chosen concern may be shared.
    public var canSend: Bool { !shares.isEmpty && refused.isEmpty }

    /// Whether sending it breaks a confidence (any of its shares does).
    public var breaksConfidence: Bool { shares.contains { $0.decision.breaksConfidence } }
}

/// Where a sent transfer stands for its sender (KCSIE asks that receipt is confirmed).
public enum TransferState: String, Sendable, CaseIterable {
    case sent
    /// The receiving contact opened the link.
    case opened
    case receiptConfirmed = "receipt_confirmed"
    /// Not confirmed by its due day.
    case overdue

    /// As the sender's list says it.
    public var label: String {
        switch self {
        case .sent: "Sent"
        case .opened: "Opened"
        case .receiptConfirmed: "Receipt confirmed"
        case .overdue: "Overdue"
        }
    }
}

/// A sent transfer's progress: when it went, was opened, was confirmed, and by when receipt is due.
public struct TransferProgress: Sendable, Equatable {
    public var sentAt: Date
    public var openedAt: Date?
    public var receiptAt: Date?
    public var dueAt: Date

    public init(sentAt: Date, openedAt: Date?, receiptAt: Date?, dueAt: Date) {
        self.sentAt = sentAt
        self.openedAt = openedAt
        self.receiptAt = receiptAt
        self.dueAt = dueAt
    }

    /// Working days a receiver has to confirm receipt by default: KCSIE's five school days.
    public static let defaultWorkingDays = 5

    /// The due moment of a transfer sent at `sentAt`, in the organisation's working days.
    public static func due(sentAt: Date, workingDays: Int, calendar: WorkingCalendar) -> Date {
        calendar.adding(workingDays: workingDays, to: sentAt)
    }

    /// Where it stands at `now`: confirmed whenever it was, otherwise overdue once due, otherwise opened or sent.
    public func state(now: Date) -> TransferState {
        if receiptAt != nil { return .receiptConfirmed }
        if now >= dueAt { return .overdue }
        return openedAt == nil ? .sent : .opened
    }
}
