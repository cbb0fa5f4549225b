import Foundation

/// Why a person's file cannot be disposed of now (IRMS toolkit: a file is disposed of only after its review, never
/// under legal hold, and here only by a second lead after a first proposed it).
public enum DisposalRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Its review date has not come.
    case notDue(CalendarDay)
    /// It is under legal hold, for this reason.
    case held(String)
    /// No lead has proposed disposing of it (or the proposal was withdrawn, or the file kept longer since).
    case noProposal
    /// The lead who proposed it cannot also carry it out.
    case sameLead
    /// The lead did not confirm that disposal cannot be undone.
    case notConfirmed

    public var description: String {
        switch self {
        case .notDue(let day): "The file is kept until its review on \(day.spelledOut): it cannot be disposed of before."
        case .held(let reason): "The file is under legal hold (\(reason)): nothing of it can be disposed of until the hold is lifted."
        case .noProposal: "No lead has proposed disposing of this file: one lead proposes it, and another carries it out."
        case .sameLead: "You proposed disposing of this file: another safeguarding lead has to carry it out."
        case .notConfirmed: "Tick the box to confirm that disposal destroys the file and cannot be undone."
        }
    }
}

/// What a disposal destroyed, counted: kept in its audit event and on its certificate, never a word of the file.
public struct DisposalCounts: Sendable, Equatable, Codable {
    public var concerns = 0
    public var addenda = 0
    public var decisions = 0
    public var closures = 0
    public var shares = 0
    public var tasks = 0
    public var attachments = 0
    public var bodyMarks = 0
    public var detailVersions = 0
    public var subjectAccessRequests = 0
    public var retentionDecisions = 0
    public var familyLinks = 0

    public init() {}

    /// Each count with the words a certificate prints and the key its audit event uses, in that order.
    public var lines: [(key: String, words: String, count: Int)] {
        [
            ("concerns", "Concerns", concerns), ("addenda", "Addenda", addenda), ("decisions", "Triage decisions", decisions),
            ("closures", "Case closures", closures), ("shares", "Shares", shares), ("tasks", "Inform and involve tasks", tasks),
            ("attachments", "Attached files", attachments), ("body_marks", "Body-map marks", bodyMarks),
            ("detail_versions", "Earlier versions of their details", detailVersions),
            ("subject_access_requests", "Subject access requests", subjectAccessRequests),
            ("retention_decisions", "Retention decisions", retentionDecisions), ("family_links", "Family links", familyLinks),
        ]
    }
}

/// A disposal as its audit event certifies it: which file (by its pseudonym, never its name), under which rule, who
/// proposed it and who carried it out, when, and how much was destroyed. Not the review date: a child's is their
/// date of birth plus the schedule's years, and the audit log is kept for ever.
public struct DisposalRecord: Sendable, Equatable {
    public let personID: UUID
    public let kind: PersonKind
    /// The schedule's rule, without the person's dates.
    public let rule: String
    public let proposedBy: DecisionBy
    public let disposedBy: DecisionBy
    public let counts: DisposalCounts

    public init(
        personID: UUID, kind: PersonKind, rule: String, proposedBy: DecisionBy, disposedBy: DecisionBy, counts: DisposalCounts
    ) {
        self.personID = personID
        self.kind = kind
        self.rule = rule
        self.proposedBy = proposedBy
        self.disposedBy = disposedBy
        self.counts = counts
    }

    /// How the audit log names the disposed file ("Child 7F3A").
    public var pseudonym: String { kind.pseudonym(for: personID) }

    /// The event's detail: the facts of the certificate, each one a word, a day, an id or a count.
    public var auditDetail: [String: AuditDetail.Value] {
        var detail: [String: AuditDetail.Value] = [
            "kind": .string(kind.rawValue), "rule": .string(rule),
            "proposed_by": .string(proposedBy.userID.uuidString.lowercased()),
            "proposed_at": .int(Int64((proposedBy.at.timeIntervalSince1970 * 1000).rounded())),
        ]
        for line in counts.lines { detail[line.key] = .int(Int64(line.count)) }
        return detail
    }

    /// The record an audit event of a disposal certifies; nil when the event is not one, or lacks a fact.
    public static func certified(by event: AuditEvent) -> DisposalRecord? {
        guard event.action == .fileDisposed, event.target.hasPrefix("person:"),
            let personID = UUID(uuidString: String(event.target.dropFirst("person:".count))),
            let actor = UUID(uuidString: event.actor), let detail = AuditDetail(json: event.detail)?.fields,
            case .string(let kindWord)? = detail["kind"], let kind = PersonKind(rawValue: kindWord),
            case .string(let rule)? = detail["rule"],
            case .string(let proposer)? = detail["proposed_by"], let proposerID = UUID(uuidString: proposer),
            case .int(let proposedAt)? = detail["proposed_at"]
        else { return nil }
        var counts = DisposalCounts()
        func count(_ key: String) -> Int {
            if case .int(let value)? = detail[key] { return Int(value) }
            return 0
        }
        counts.concerns = count("concerns")
        counts.addenda = count("addenda")
        counts.decisions = count("decisions")
        counts.closures = count("closures")
        counts.shares = count("shares")
        counts.tasks = count("tasks")
        counts.attachments = count("attachments")
        counts.bodyMarks = count("body_marks")
        counts.detailVersions = count("detail_versions")
        counts.subjectAccessRequests = count("subject_access_requests")
        counts.retentionDecisions = count("retention_decisions")
        counts.familyLinks = count("family_links")
        return DisposalRecord(
            personID: personID, kind: kind, rule: rule,
            proposedBy: DecisionBy(userID: proposerID, at: Date(timeIntervalSince1970: Double(proposedAt) / 1000)),
            disposedBy: DecisionBy(userID: actor, at: Date(timeIntervalSince1970: Double(event.time) / 1000)), counts: counts)
    }
}

/// A disposal certificate: the disposal's record, its audit event, and an RFC 9162 inclusion proof that the event is
/// in the log, so that anyone holding a tree head of the same size (a signed checkpoint) can check it without
/// trusting Confidant.
public struct DisposalCertificate: Sendable, Equatable {
    public let record: DisposalRecord
    public let sequence: UInt64
    public let eventHash: AuditHash
    public let proof: AuditProof

    public init(record: DisposalRecord, sequence: UInt64, eventHash: AuditHash, proof: AuditProof) {
        self.record = record
        self.sequence = sequence
        self.eventHash = eventHash
        self.proof = proof
    }

    /// Whether the proof is for this event and leads from it to the tree head it names.
    public var verifies: Bool { proof.sequence == sequence && proof.leafHash == eventHash && proof.isValid }
}
