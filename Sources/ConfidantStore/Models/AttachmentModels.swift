import FluentKit
import Foundation

/// The `attachments` table: a file's facts in the clear; its name, caption and key sealed (`AttachmentStore`).
final class AttachmentModel: Model, @unchecked Sendable {
    static let schema = "attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "owner_kind") var ownerKind: String
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    @Field(key: "removed_location") var removedLocation: Bool
    /// How many pieces the file was sealed in; the last is sealed as the last, so a missing one is noticed.
    @Field(key: "pieces") var pieces: Int
    /// False while an upload is arriving: such a row is never shown, and is removed if the upload fails.
    @Field(key: "complete") var complete: Bool
    @Field(key: "addendum") var addendum: Bool
    @Field(key: "key_id") var keyID: String
    @Field(key: "sealed_key") var sealedKey: String
    @Field(key: "sealed_details") var sealedDetails: String
    @Field(key: "added_by") var addedBy: UUID
    @Field(key: "added_at") var addedAt: Date

    init() {}
}

/// The `attachment_pieces` table: a file's bytes, a sealed piece a row (SQLite blob, PostgreSQL bytea).
final class AttachmentPieceModel: Model, @unchecked Sendable {
    static let schema = "attachment_pieces"

    @ID(key: .id) var id: UUID?
    @Field(key: "attachment_id") var attachmentID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "box") var box: Data

    init() {}
}
