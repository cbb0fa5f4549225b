import Foundation

/// Something a person is told by email and on their home page, with no case content: what kind of thing waits, and a
/// link to where they (signed in, or with a one-time code) can see it. The subject and body name nobody.
public struct Notice: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A partner or colleague: something was shared with them.
        case sharedWithYou = "shared_with_you"
        /// Leads: a concern recorded in immediate danger, or with an absolute promise of confidentiality.
        case urgentConcern = "urgent_concern"
        /// Leads: a share waits for their approval.
        case shareAwaitingApproval = "share_awaiting_approval"
        /// Leads: a colleague asked for advice.
        case adviceQuestion = "advice_question"
        /// Leads: an inform or involve task is past its due date.
        case taskOverdue = "task_overdue"
        /// Leads: a concern has waited for triage longer than the organisation allows.
        case triageWaiting = "triage_waiting"
        /// Staff: a lead approved the share they proposed.
        case shareApproved = "share_approved"
        /// Staff: a lead refused the share they proposed.
        case shareRefused = "share_refused"
        /// Staff: a lead answered their advice question.
        case adviceAnswered = "advice_answered"
        /// Leads: someone reported a possible personal data breach; the 72 hours are running.
        case possibleBreach = "possible_breach"
        /// Leads: a subject access request is due within a week.
        case subjectAccessDueSoon = "subject_access_due_soon"
        /// Leads: a subject access request is past its due date.
        case subjectAccessOverdue = "subject_access_overdue"
        /// Leads: another lead proposed disposing of a file, which a second lead carries out.
        case disposalProposed = "disposal_proposed"
        /// A transferred file's receipt was not confirmed by its due day.
        case transferOverdue = "transfer_overdue"

        /// The email's subject: what waits, never whom it is about.
        public var subject: String {
            switch self {
            case .sharedWithYou: "Something has been shared with you"
            case .urgentConcern: "Urgent: a concern needs a safeguarding lead now"
            case .shareAwaitingApproval: "A share is waiting for your decision"
            case .adviceQuestion: "A colleague has asked for advice"
            case .taskOverdue: "An inform or involve task is overdue"
            case .triageWaiting: "A concern is still waiting for triage"
            case .shareApproved: "Your share was approved"
            case .shareRefused: "Your share was refused"
            case .adviceAnswered: "Your advice question was answered"
            case .possibleBreach: "A possible data breach was reported: 72 hours to decide whether to tell the ICO"
            case .subjectAccessDueSoon: "A subject access request is due within a week"
            case .subjectAccessOverdue: "A subject access request is overdue"
            case .disposalProposed: "A file is proposed for disposal: a second safeguarding lead decides"
            case .transferOverdue: "A transferred file's receipt has not been confirmed in time"
            }
        }
    }

    public var kind: Kind
    /// What it is about, as the audit log names it ("share:…", "concern:…"): keeps one notice per thing per person.
    public var target: String
    /// The page that shows it, on this installation.
    public var path: String
    /// Urgent notices go at once even to those who chose a daily digest.
    public var urgent: Bool

    /// Creates a notice.
    public init(_ kind: Kind, target: String, path: String, urgent: Bool = false) {
        self.kind = kind
        self.target = target
        self.path = path
        self.urgent = urgent
    }

    /// The email's body, with the full link.
    public func body(link: String) -> String {
        var lines = ["\(kind.subject).", "", "Open it here (you will be asked to sign in): \(link)", ""]
        if kind == .sharedWithYou {
            lines[2] = "Open it here: \(link)"
            lines.append("If you have no account, that page sends a one-time code to this address.")
        }
        lines.append("This email carries no details on purpose: what was recorded stays in Confidant.")
        return lines.joined(separator: "\n")
    }

    /// One email for a day's notices: a count per kind and a link to each page, still without content.
    public static func digest(_ notices: [Notice], link: (String) -> String) -> (subject: String, body: String) {
        var lines = ["What has waited for you in Confidant since the last summary:", ""]
        for kind in Kind.allCases {
            let ofKind = notices.filter { $0.kind == kind }
            guard let first = ofKind.first else { continue }
            let path = Set(ofKind.map(\.path)).count == 1 ? first.path : "/home"
            lines.append("- \(kind.subject) (\(ofKind.count)): \(link(path))")
        }
        lines += ["", "You chose one summary a day; change that on your home page in Confidant."]
        return ("Your daily summary from Confidant", lines.joined(separator: "\n"))
    }
}
