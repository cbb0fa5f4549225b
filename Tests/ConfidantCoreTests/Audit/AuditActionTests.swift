import Testing

@testable import ConfidantCore

@Suite struct AuditActionTests {
    @Test(arguments: [
        (AuditAction.signIn, "sign_in"), (.signInFailed, "sign_in_failed"), (.signOut, "sign_out"),
        (.userCreated, "user_created"), (.roleChanged, "role_changed"), (.userDisabled, "user_disabled"),
        (.caseRead, "case_read"), (.recordCreated, "record_created"), (.addendumAdded, "addendum_added"),
        (.triageDecision, "triage_decision"), (.shareCreated, "share_created"), (.shareViewed, "share_viewed"),
        (.export, "export"), (.shareRevoked, "share_revoked"), (.taskCompleted, "task_completed"),
        (.policyAcknowledged, "policy_acknowledged"), (.configurationChanged, "configuration_changed"),
        (.userEnabled, "user_enabled"), (.passwordSet, "password_set"), (.passwordLinkIssued, "password_link_issued"),
        (.apiTokenIssued, "api_token_issued"), (.policyChanged, "policy_changed"),
        (.policyPublished, "policy_published"), (.policyReminderSent, "policy_reminder_sent"),
        (.auditKeyRotated, "audit_key_rotated"),
        (.shareCodeIssued, "share_code_issued"), (.shareCodeFailed, "share_code_failed"),
        (.recordCorrected, "record_corrected"), (.attachmentAdded, "attachment_added"), (.breachReported, "breach_reported"),
        (.breachDecided, "breach_decided"), (.subjectAccessReceived, "subject_access_received"),
        (.subjectAccessUpdated, "subject_access_updated"), (.subjectAccessReleased, "subject_access_released"),
        (.retentionReviewed, "retention_reviewed"), (.fileDisposed, "file_disposed"), (.fileTransferred, "file_transferred"),
        (.transferReceived, "transfer_received"), (.transferOpened, "transfer_opened"), (.adviceDisposed, "advice_disposed"),
    ])
    func knownActionsUseTheStoredWord(_ action: AuditAction, _ word: String) {
        #expect(action.rawValue == word)
        #expect(AuditAction(rawValue: word) == action)
        #expect(action.isKnown)
    }

    @Test func everyKnownActionIsListedOnceWithADistinctWord() {
        #expect(AuditAction.allCases.count == 48)
        #expect(Set(AuditAction.allCases.map(\.rawValue)).count == 48)
    }

    @Test func unknownWordIsKeptVerbatim() {
        let action = AuditAction(rawValue: "retention_review")
        #expect(action == .other("retention_review"))
        #expect(action.rawValue == "retention_review")
        #expect(!action.isKnown)
    }

    @Test func otherWithAKnownWordEqualsTheKnownCase() {
        #expect(AuditAction.other("sign_in") == .signIn)
        #expect(Set([AuditAction.other("sign_in"), .signIn]).count == 1)
    }
}
