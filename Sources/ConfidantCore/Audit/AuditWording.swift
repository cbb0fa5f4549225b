import Foundation

/// The audit log in words a person reads: "Dana Lead opened a concern about Child 7F3A". The caller names the actor
/// and the target (an auditor sees pseudonyms for the people records are about, never their names); this says what
/// happened, one sentence per action, and turns an event's detail into labelled lines.
public enum AuditWording {
    /// What `actor` did to `target`, as a sentence without its full stop.
    public static func sentence(actor: String, action: AuditAction, target: String) -> String {
        switch action {
        case .signIn: "\(actor) signed in"
        case .signInFailed: "Someone failed to sign in as \(target)"
        case .signOut: "\(actor) signed out"
        case .userCreated: "\(actor) created the account of \(target)"
        case .roleChanged: "\(actor) changed the role of \(target)"
        case .userDisabled: "\(actor) disabled the account of \(target)"
        case .userEnabled: "\(actor) enabled the account of \(target)"
        case .caseRead: "\(actor) opened \(target)"
        case .recordCreated: "\(actor) recorded \(target)"
        case .addendumAdded: "\(actor) added to \(target)"
        case .attachmentAdded: "\(actor) attached a file to \(target)"
        case .breachReported: "\(actor) reported \(target) as a possible data breach"
        case .breachDecided: "\(actor) recorded a decision on \(target)"
        case .subjectAccessReceived: "\(actor) recorded \(target), a subject access request"
        case .subjectAccessUpdated: "\(actor) updated \(target), a subject access request"
        case .retentionReviewed: "\(actor) decided on the retention of \(target)"
        case .fileDisposed: "\(actor) disposed of the file of \(target)"
        case .fileTransferred: "\(actor) transferred the file of \(target) to another organisation"
        case .transferReceived: "The receiving organisation confirmed the receipt of the file of \(target)"
        case .transferOpened: "\(actor) opened the file of \(target) transferred to them"
        case .adviceDisposed: "\(actor) disposed of \(target) after its retention review"
        case .subjectAccessReleased: "\(actor) released the response to \(target), a subject access request"
        case .recordCorrected: "\(actor) corrected \(target)"
        case .triageDecision: "\(actor) made a triage decision on \(target)"
        case .shareCreated: "\(actor) proposed \(target)"
        case .shareViewed: "\(actor) viewed \(target)"
        case .export: "\(actor) exported \(target)"
        case .shareRevoked: "\(actor) revoked \(target)"
        case .taskCompleted: "\(actor) completed \(target)"
        case .policyAcknowledged: "\(actor) acknowledged \(target)"
        case .configurationChanged: "\(actor) changed the settings (\(target))"
        case .passwordSet: "\(actor) set a password for \(target)"
        case .passwordLinkIssued: "\(actor) sent a set-password link to \(target)"
        case .apiTokenIssued: "\(actor) issued an API token for \(target)"
        case .apiTokenRevoked: "\(actor) revoked an API token of \(target)"
        case .policyChanged: "\(actor) changed \(target)"
        case .policyPublished: "\(actor) published \(target)"
        case .policyReminderSent: "\(actor) reminded \(target) to acknowledge the policy"
        case .emailSent: "\(actor) sent an email to \(target)"
        case .roleRequested: "\(actor) asked for a role for \(target)"
        case .roleRequestDecided: "\(actor) decided the role request of \(target)"
        case .secondFactorEnrolled: "\(actor) set up a second factor"
        case .recoveryCodeUsed: "\(actor) used a recovery code"
        case .stepUp: "\(actor) confirmed it was them"
        case .duplicateCheck: "\(actor) checked for \(target)"
        case .auditKeyRotated: "\(actor) rotated the audit signing key"
        case .shareCodeIssued: "\(actor) sent an access code for \(target)"
        case .shareCodeFailed: "A wrong access code was given for \(target)"
        case .other(let word): "\(actor): \(AuditWording.words(word)) (\(target))"
        }
    }

    /// A stored word in words: "sign_in_failed" → "Sign in failed".
    public static func words(_ word: String) -> String {
        let spaced = word.replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }

    /// An event's detail (a JSON object) as labelled lines, keys in words and in the canonical (sorted) order; each
    /// string value goes through `describe`, so a record named in it can be shown as the page shows records. A detail
    /// that is not an object is given back whole under "Detail".
    public static func detailLines(_ detail: String, describe: (String) -> String = { $0 }) -> [(label: String, value: String)] {
        guard !detail.isEmpty, detail != "{}" else { return [] }
        guard let object = try? JSONDecoder().decode([String: DetailValue].self, from: Data(detail.utf8)) else { return [("Detail", detail)] }
        return object.keys.sorted().map { key in (words(key), object[key]?.text(describe) ?? "none") }
    }

    /// One value of a detail object, read strictly (a number is never taken for a yes or no).
    indirect enum DetailValue: Decodable {
        case text(String)
        case flag(Bool)
        case number(Int64)
        case decimal(Double)
        case list([DetailValue])
        case object([String: DetailValue])
        case none

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .none
            } else if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Int64.self) {
                self = .number(number)
            } else if let decimal = try? container.decode(Double.self) {
                self = .decimal(decimal)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let list = try? container.decode([DetailValue].self) {
                self = .list(list)
            } else {
                self = .object(try container.decode([String: DetailValue].self))
            }
        }

        func text(_ describe: (String) -> String) -> String {
            switch self {
            case .text(let text): text.isEmpty ? "none" : describe(text)
            case .flag(let flag): flag ? "yes" : "no"
            case .number(let number): String(number)
            case .decimal(let decimal): String(decimal)
            case .list(let values): values.isEmpty ? "none" : values.map { $0.text(describe) }.joined(separator: ", ")
            case .object(let fields):
                fields.keys.sorted().map { "\(AuditWording.words($0)): \(fields[$0]?.text(describe) ?? "none")" }.joined(separator: "; ")
            case .none: "none"
            }
        }
    }
}
