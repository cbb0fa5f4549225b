import ConfidantCore
import FluentKit
import Foundation

/// The `people` table: whom records are about. Identifying details are sealed (AES-GCM).
final class PersonModel: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_details") var sealedDetails: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    /// In the directory every recorder can search (`Person.inDirectory`).
    @Field(key: "in_directory") var inDirectory: Bool
    /// The SHA-256 of the register's id for an imported person, so a later import finds them again.
    @OptionalField(key: "directory_key") var directoryKey: String?
    /// The data key this person's search terms were made under; nil before they were indexed (`PersonSearchIndex`).
    @OptionalField(key: "search_key_id") var searchKeyID: String?

    init() {}
}

/// The `person_links` table: parents and carers, siblings, household members.
final class PersonLinkModel: Model, @unchecked Sendable {
    static let schema = "person_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "linked_person_id") var linkedPersonID: UUID
    @Field(key: "relationship") var relationship: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The `concerns` table: disclosures and concerns. Narratives are sealed; what triage sorts and
/// managers count (status, risk, categories, times) is not, and names nobody.
final class ConcernModel: Model, @unchecked Sendable {
    static let schema = "concerns"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "status") var status: String
    @OptionalField(key: "conversation_at") var conversationAt: Date?
    @OptionalField(key: "disclosed_by") var disclosedBy: String?
    @OptionalField(key: "limits_explained") var limitsExplained: Bool?
    @OptionalField(key: "secrecy_requested") var secrecyRequested: Bool?
    @OptionalField(key: "offered") var offered: String?
    @Field(key: "category_list") var categories: [String]
    @OptionalField(key: "risk") var risk: String?
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_narrative") var sealedNarrative: String
    @OptionalField(key: "assigned_to") var assignedTo: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// For a concern that arrived in a transfer: the organisation it came from and who wrote it there.
    @OptionalField(key: "transferred_from") var transferredFrom: String?
    /// Its place in the triage queue once submitted (`Concern.triagePriority`), and whether it still waits for a decision.
    @OptionalField(key: "triage_priority") var triagePriority: Int?
    @Field(key: "awaiting_triage") var awaitingTriage: Bool
    /// Whether the person was asked what they want to happen; nil when not recorded (`AddPersonalOutcomes`).
    @OptionalField(key: "wishes_asked") var wishesAsked: Bool?
    /// When its first triage decision was made and what it was; nil until then (`AddFirstTriage`).
    @OptionalField(key: "first_triaged_at") var firstTriagedAt: Date?
    @OptionalField(key: "first_triage_outcome") var firstTriageOutcome: String?

    init() {}
}

/// The `addenda` table: corrections and later information; the concern itself never changes once submitted.
final class AddendumModel: Model, @unchecked Sendable {
    static let schema = "addenda"

    @ID(key: .id) var id: UUID?
    @Field(key: "concern_id") var concernID: UUID
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_text") var sealedText: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The `triage_decisions` table: a safeguarding lead's decision on a concern, with its reason.
final class TriageDecisionModel: Model, @unchecked Sendable {
    static let schema = "triage_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "concern_id") var concernID: UUID
    @Field(key: "decider_id") var deciderID: UUID
    @Field(key: "outcome") var outcome: String
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_reason") var sealedReason: String
    @OptionalField(key: "review_date") var reviewDate: String?
    @OptionalField(key: "referral_date") var referralDate: String?
    @OptionalField(key: "sealed_referral_reference") var sealedReferralReference: String?
    @Field(key: "decided_at") var decidedAt: Date

    init() {}
}

/// A person's details before one correction (`RecordStore.correctPerson`).
final class PersonHistoryModel: Model, @unchecked Sendable {
    static let schema = "person_history"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_details") var sealedDetails: String
    @Field(key: "changed_by") var changedBy: UUID
    @Field(key: "changed_at") var changedAt: Date

    init() {}
}

/// A concern's closure: whether what the person wanted was achieved, and their view, sealed.
final class CaseClosureModel: Model, @unchecked Sendable {
    static let schema = "case_closures"

    @ID(key: .id) var id: UUID?
    @Field(key: "concern_id") var concernID: UUID
    @Field(key: "closed_by") var closedBy: UUID
    @Field(key: "closed_at") var closedAt: Date
    @Field(key: "achieved") var achieved: String
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_view") var sealedView: String

    init() {}
}
