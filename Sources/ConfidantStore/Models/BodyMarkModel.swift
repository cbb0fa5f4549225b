import FluentKit
import Foundation

/// The `body_marks` table: a mark's concern, person and day in the clear (for the person's combined map and its date
/// filter); where it is and what was seen sealed (`BodyMarkStore`).
final class BodyMarkModel: Model, @unchecked Sendable {
    static let schema = "body_marks"

    @ID(key: .id) var id: UUID?
    @Field(key: "concern_id") var concernID: UUID
    @Field(key: "person_id") var personID: UUID
    /// YYYY-MM-DD.
    @Field(key: "seen_on") var seenOn: String
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_mark") var sealedMark: String
    @Field(key: "added_by") var addedBy: UUID
    @Field(key: "added_at") var addedAt: Date

    init() {}
}
