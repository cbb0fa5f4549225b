import FluentKit
import Foundation

/// The `retention_decisions` table: each lead's decision on a person's file at its review, in order. The step, the
/// new date and who decided are in the clear (the queue reads them); the reason is sealed, since it may name a court
/// case or an inquiry.
final class RetentionDecisionModel: Model, @unchecked Sendable {
    static let schema = "retention_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "step") var step: String
    @OptionalField(key: "until") var until: Date?
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_reason") var sealedReason: String
    @Field(key: "decided_by") var decidedBy: UUID
    @Field(key: "decided_at") var decidedAt: Date

    init() {}
}
