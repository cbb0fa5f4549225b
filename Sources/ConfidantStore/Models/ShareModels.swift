import FluentKit
import Foundation

/// The `partner_agencies` table: the register of agencies the charity shares with.
final class PartnerAgencyModel: Model, @unchecked Sendable {
    static let schema = "partner_agencies"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "type") var type: String
    @Field(key: "agreement_reference") var agreementReference: String
    @Field(key: "agreement_review_date") var agreementReviewDate: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The `agency_contacts` table: named people at partner agencies.
final class AgencyContactModel: Model, @unchecked Sendable {
    static let schema = "agency_contacts"

    @ID(key: .id) var id: UUID?
    @Field(key: "agency_id") var agencyID: UUID
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The `shares` table: shares and decisions not to share. The snapshot is sealed and never rewritten;
/// what queues and lists sort by (status, recipients, times) is not sealed and names nobody.
final class ShareModel: Model, @unchecked Sendable {
    static let schema = "shares"

    @ID(key: .id) var id: UUID?
    @Field(key: "concern_id") var concernID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "proposer_id") var proposerID: UUID
    @Field(key: "status") var status: String
    @OptionalField(key: "recipient_user_id") var recipientUserID: UUID?
    @OptionalField(key: "recipient_contact_id") var recipientContactID: UUID?
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_snapshot") var sealedSnapshot: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "sealed_refusal") var sealedRefusal: String?
    /// A lead's approval (`ShareApproval`), sealed like the snapshot and beside it.
    @OptionalField(key: "sealed_approval") var sealedApproval: String?
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// Plain copies of two facts in the snapshot, for the reports (`AddReportFacts`); nil on shares made before it.
    @OptionalField(key: "engine_outcome") var engineOutcome: String?
    @OptionalField(key: "identified") var identified: Bool?
    /// Whether the snapshot's obligations include telling the lead afterwards; nil until known (`AddShareInformsDSLAfter`).
    @OptionalField(key: "informs_dsl_after") var informsDSLAfter: Bool?
    /// The transfer that sent it, for a share that went as part of a person's file.
    @OptionalField(key: "transfer_id") var transferID: UUID?

    init() {}
}

/// The `share_tasks` table: inform, involve and reason-not-informed tasks opened by shares that break a confidence.
final class ShareTaskModel: Model, @unchecked Sendable {
    static let schema = "share_tasks"

    @ID(key: .id) var id: UUID?
    @Field(key: "share_id") var shareID: UUID
    @OptionalField(key: "concern_id") var concernID: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "due_at") var dueAt: Date
    @OptionalField(key: "completed_by") var completedBy: UUID?
    @OptionalField(key: "completed_at") var completedAt: Date?
    @OptionalField(key: "method") var method: String?
    @OptionalField(key: "key_id") var keyID: String?
    @OptionalField(key: "sealed_note") var sealedNote: String?

    init() {}
}

/// A share an inform or involve task covers: the task of one person and one concern lists every share of it.
final class ShareTaskShareModel: Model, @unchecked Sendable {
    static let schema = "share_task_shares"

    @ID(key: .id) var id: UUID?
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "share_id") var shareID: UUID
    @Field(key: "added_at") var addedAt: Date

    init() {}
}
