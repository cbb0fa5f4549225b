import FluentKit
import FluentSQL
import Foundation

/// The `policy_versions` table: the organisation's policy text and the clause data the engine uses, one row per version.
final class PolicyVersionModel: Model, @unchecked Sendable {
    static let schema = "policy_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "name") var name: String
    @Field(key: "label") var label: String
    @Field(key: "status") var status: String
    @Field(key: "source_text") var sourceText: String
    @Field(key: "clauses_json") var clausesJSON: String
    @OptionalField(key: "based_on") var basedOn: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "consultation_opened_at") var consultationOpenedAt: Date?
    @OptionalField(key: "publication_requested_by") var publicationRequestedBy: UUID?
    @OptionalField(key: "publication_requested_at") var publicationRequestedAt: Date?
    @OptionalField(key: "publication_refusal") var publicationRefusal: String?
    @OptionalField(key: "approved_by") var approvedBy: UUID?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "superseded_at") var supersededAt: Date?
    /// Acknowledgments of versions numbered from this one count for this version: its own number
    /// when its clauses changed, the previous baseline when only the text did. Set on publishing.
    @OptionalField(key: "acknowledgement_baseline") var acknowledgementBaseline: Int?

    init() {}
}

/// The `policy_consultees` table: the partner-agency contacts a consultation names (staff are all invited).
final class PolicyConsulteeModel: Model, @unchecked Sendable {
    static let schema = "policy_consultees"

    @ID(key: .id) var id: UUID?
    @Field(key: "version_id") var versionID: UUID
    @Field(key: "user_id") var userID: UUID

    init() {}
}

/// The `policy_comments` table: consultation comments on a section, with the owner's answer.
final class PolicyCommentModel: Model, @unchecked Sendable {
    static let schema = "policy_comments"

    @ID(key: .id) var id: UUID?
    @Field(key: "version_id") var versionID: UUID
    @Field(key: "section_id") var sectionID: String
    @Field(key: "section_heading") var sectionHeading: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}
}

/// The `policy_acknowledgements` table: who acknowledged which version, when, and whether they passed the check of understanding.
final class PolicyAcknowledgementModel: Model, @unchecked Sendable {
    static let schema = "policy_acknowledgements"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "version_id") var versionID: UUID
    @Field(key: "version_number") var versionNumber: Int
    @Field(key: "acknowledged_at") var acknowledgedAt: Date
    @Field(key: "understanding_passed") var understandingPassed: Bool

    init() {}
}

/// The `policy_reminders` table: reminders sent to people who had not acknowledged the current version.
final class PolicyReminderModel: Model, @unchecked Sendable {
    static let schema = "policy_reminders"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "version_id") var versionID: UUID
    @OptionalField(key: "sent_by") var sentBy: UUID?
    @Field(key: "sent_at") var sentAt: Date

    init() {}
}
