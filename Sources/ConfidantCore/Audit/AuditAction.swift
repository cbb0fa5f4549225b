/// What an audit event records: one of the actions docs/audit.md lists, or a word a later version added.
///
/// The raw values are the words stored in the log and shown to auditors. The vocabulary
/// is closed for writing (the application only appends the named cases) but open for
/// reading: a log written by a newer version may hold an action this build does not
/// know, and it must still verify, so an unknown word is kept verbatim in `other`
/// and hashes exactly as it was stored.
public enum AuditAction: Hashable, Sendable, RawRepresentable, CaseIterable, CustomStringConvertible {
    /// A user signed in.
    case signIn
    /// Someone tried to sign in and was refused.
    case signInFailed
    /// A user signed out.
    case signOut
    /// An administrator created a user account.
    case userCreated
    /// A user's role changed.
    case roleChanged
    /// A user account was disabled.
    case userDisabled
    /// Case content was shown to someone (which record and which parts go in the detail).
    case caseRead
    /// A disclosure or concern was submitted.
    case recordCreated
    /// An addendum was added to a submitted record (records are never edited).
    case addendumAdded
    /// A person's details were corrected; the earlier values are kept in the record's history.
    case recordCorrected
    /// A DSL decided a concern at triage.
    case triageDecision
    /// Information was shared.
    case shareCreated
    /// A recipient opened a share.
    case shareViewed
    /// Something was exported.
    case export
    /// A share was revoked.
    case shareRevoked
    /// A task (e.g. inform or involve the person) was completed.
    case taskCompleted
    /// A user acknowledged the current version of the policy.
    case policyAcknowledged
    /// A setting changed.
    case configurationChanged
    /// A disabled user account was enabled again.
    case userEnabled
    /// Someone chose a password with a one-time link.
    case passwordSet
    /// A one-time set-password link was issued for an account.
    case passwordLinkIssued
    /// An API bearer token was issued for an account.
    case apiTokenIssued
    /// A policy version was drafted, edited, opened for consultation, commented on or put up for
    /// publication (the detail's `step` says which).
    case policyChanged
    /// A manager approved a policy version, which became the current one.
    case policyPublished
    /// Someone was reminded to read and acknowledge the current policy.
    case policyReminderSent
    /// An email left for the relay (the recipient, never the body).
    case emailSent
    /// An administrator asked for a role that reads cases, or for a partner account to be linked to an agency contact; it waits for a safeguarding
    /// lead.
    case roleRequested
    /// A safeguarding lead approved or refused a requested role (the detail says which).
    case roleRequestDecided
    /// Someone set up a second factor (an authenticator app) and was given recovery codes.
    case secondFactorEnrolled
    /// Someone signed in with one of their one-time recovery codes.
    case recoveryCodeUsed
    /// An API bearer token was revoked.
    case apiTokenRevoked
    /// Someone confirmed their password and second factor again before a sensitive action.
    case stepUp
    /// A new person looked like people already recorded that the recorder may not open; the leads were asked to review it (the detail names the
    /// records, the recorder saw none of them).
    case duplicateCheck
    /// The audit signing key was replaced; the detail names the previous and the new verifier key (docs/audit.md, "Rotating the signing key").
    case auditKeyRotated
    /// A one-time code to open a share was emailed to its contact (the detail names the requesting address, never the code).
    case shareCodeIssued
    /// A one-time code was entered wrongly, or refused because its address had guessed too often (the detail says which).
    case shareCodeFailed
    /// A file was attached to a concern or a person's record (the detail gives its SHA-256, size and kind, never its name).
    case attachmentAdded
    /// A possible personal data breach was reported to the register (the detail names a share it came from).
    case breachReported
    /// A decision on a breach was recorded: whether to tell the ICO, the people affected, or the Charity Commission.
    case breachDecided
    /// A subject access request was recorded against a person (UK GDPR Art. 15).
    case subjectAccessReceived
    /// A subject access request's clock was stopped, started again or extended, or its redactions were changed.
    case subjectAccessUpdated
    /// A subject access response was released: the detail holds the SHA-256 of exactly what was released.
    case subjectAccessReleased
    /// A lead decided on a person's file at its retention review: kept longer, put under legal hold, or the hold lifted.
    case retentionReviewed
    /// A person's file was disposed of by a second lead after its review: the detail counts what was destroyed.
    case fileDisposed
    /// A person's file was sent to another organisation as a signed, encrypted bundle: the detail names the transfer
    /// and the bundle's SHA-256.
    case fileTransferred
    /// The receiving organisation confirmed a transfer's receipt.
    case transferReceived
    /// The receiving contact opened a transfer's link with a one-time code.
    case transferOpened
    /// Advice about no named person was disposed of after its review, by a second lead.
    case adviceDisposed
    /// An action this build does not know, kept verbatim so that the event still verifies.
    case other(String)

    /// Every action this build appends (not `other`).
    public static let allCases: [AuditAction] = [
        .signIn, .signInFailed, .signOut, .userCreated, .roleChanged, .userDisabled,
        .caseRead, .recordCreated, .addendumAdded, .recordCorrected, .triageDecision, .shareCreated,
        .shareViewed, .export, .shareRevoked, .taskCompleted, .policyAcknowledged,
        .configurationChanged, .userEnabled, .passwordSet, .passwordLinkIssued, .apiTokenIssued,
        .policyChanged, .policyPublished, .policyReminderSent, .auditKeyRotated, .shareCodeIssued, .shareCodeFailed,
        .duplicateCheck, .attachmentAdded, .breachReported, .breachDecided,
        .subjectAccessReceived, .subjectAccessUpdated, .subjectAccessReleased, .retentionReviewed, .fileDisposed, .fileTransferred, .transferReceived,
        .transferOpened, .adviceDisposed,
        .stepUp,
        .apiTokenRevoked,
        .recoveryCodeUsed,
        .secondFactorEnrolled,
        .roleRequestDecided,
        .roleRequested,
        .emailSent,
    ]

    /// Reads a stored action word; never fails, since an unknown word becomes `other`.
    public init(rawValue: String) {
        switch rawValue {
        case "sign_in": self = .signIn
        case "sign_in_failed": self = .signInFailed
        case "sign_out": self = .signOut
        case "user_created": self = .userCreated
        case "role_changed": self = .roleChanged
        case "user_disabled": self = .userDisabled
        case "case_read": self = .caseRead
        case "record_created": self = .recordCreated
        case "addendum_added": self = .addendumAdded
        case "record_corrected": self = .recordCorrected
        case "triage_decision": self = .triageDecision
        case "share_created": self = .shareCreated
        case "share_viewed": self = .shareViewed
        case "export": self = .export
        case "share_revoked": self = .shareRevoked
        case "task_completed": self = .taskCompleted
        case "policy_acknowledged": self = .policyAcknowledged
        case "configuration_changed": self = .configurationChanged
        case "user_enabled": self = .userEnabled
        case "password_set": self = .passwordSet
        case "password_link_issued": self = .passwordLinkIssued
        case "api_token_issued": self = .apiTokenIssued
        case "policy_changed": self = .policyChanged
        case "policy_published": self = .policyPublished
        case "policy_reminder_sent": self = .policyReminderSent
        case "email_sent": self = .emailSent
        case "role_requested": self = .roleRequested
        case "role_request_decided": self = .roleRequestDecided
        case "second_factor_enrolled": self = .secondFactorEnrolled
        case "recovery_code_used": self = .recoveryCodeUsed
        case "api_token_revoked": self = .apiTokenRevoked
        case "step_up": self = .stepUp
        case "duplicate_check": self = .duplicateCheck
        case "audit_key_rotated": self = .auditKeyRotated
        case "share_code_issued": self = .shareCodeIssued
        case "share_code_failed": self = .shareCodeFailed
        case "attachment_added": self = .attachmentAdded
        case "breach_reported": self = .breachReported
        case "breach_decided": self = .breachDecided
        case "subject_access_received": self = .subjectAccessReceived
        case "subject_access_updated": self = .subjectAccessUpdated
        case "subject_access_released": self = .subjectAccessReleased
        case "retention_reviewed": self = .retentionReviewed
        case "file_disposed": self = .fileDisposed
        case "file_transferred": self = .fileTransferred
        case "transfer_received": self = .transferReceived
        case "transfer_opened": self = .transferOpened
        case "advice_disposed": self = .adviceDisposed
        default: self = .other(rawValue)
        }
    }

    /// The word stored in the log.
    public var rawValue: String {
        switch self {
        case .signIn: "sign_in"
        case .signInFailed: "sign_in_failed"
        case .signOut: "sign_out"
        case .userCreated: "user_created"
        case .roleChanged: "role_changed"
        case .userDisabled: "user_disabled"
        case .caseRead: "case_read"
        case .recordCreated: "record_created"
        case .addendumAdded: "addendum_added"
        case .recordCorrected: "record_corrected"
        case .triageDecision: "triage_decision"
        case .shareCreated: "share_created"
        case .shareViewed: "share_viewed"
        case .export: "export"
        case .shareRevoked: "share_revoked"
        case .taskCompleted: "task_completed"
        case .policyAcknowledged: "policy_acknowledged"
        case .configurationChanged: "configuration_changed"
        case .userEnabled: "user_enabled"
        case .passwordSet: "password_set"
        case .passwordLinkIssued: "password_link_issued"
        case .apiTokenIssued: "api_token_issued"
        case .policyChanged: "policy_changed"
        case .policyPublished: "policy_published"
        case .policyReminderSent: "policy_reminder_sent"
        case .emailSent: "email_sent"
        case .roleRequested: "role_requested"
        case .roleRequestDecided: "role_request_decided"
        case .secondFactorEnrolled: "second_factor_enrolled"
        case .recoveryCodeUsed: "recovery_code_used"
        case .apiTokenRevoked: "api_token_revoked"
        case .stepUp: "step_up"
        case .duplicateCheck: "duplicate_check"
        case .auditKeyRotated: "audit_key_rotated"
        case .shareCodeIssued: "share_code_issued"
        case .shareCodeFailed: "share_code_failed"
        case .attachmentAdded: "attachment_added"
        case .breachReported: "breach_reported"
        case .breachDecided: "breach_decided"
        case .subjectAccessReceived: "subject_access_received"
        case .subjectAccessUpdated: "subject_access_updated"
        case .subjectAccessReleased: "subject_access_released"
        case .retentionReviewed: "retention_reviewed"
        case .fileDisposed: "file_disposed"
        case .fileTransferred: "file_transferred"
        case .transferReceived: "transfer_received"
        case .transferOpened: "transfer_opened"
        case .adviceDisposed: "advice_disposed"
        case .other(let word): word
        }
    }

    /// Whether this build knows the action (false only for `other`).
    public var isKnown: Bool {
        if case .other = self { return false }
        return true
    }

    /// Whether the event means someone saw case content: what "who has seen this record" lists.
    ///
    /// A read by staff or a DSL, a partner agency opening a share, and an export all put the
    /// content in front of someone; a DSL sees them on every person and concern (docs/audit.md).
    public var revealsCaseContent: Bool {
        switch self {
        case .caseRead, .shareViewed, .export: true
        default: false
        }
    }

    /// The stored word.
    public var description: String { rawValue }

    /// Two actions are the same when they store the same word (so `.other("sign_in")` equals `.signIn`).
    public static func == (lhs: AuditAction, rhs: AuditAction) -> Bool {
        lhs.rawValue == rhs.rawValue
    }

    /// Hashes the stored word, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawValue)
    }
}
