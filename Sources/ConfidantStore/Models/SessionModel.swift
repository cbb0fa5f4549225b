import ConfidantCore
import FluentKit
import Foundation

/// The `sessions` table: signed-in browsers, shared by every app instance.
///
/// The id is the SHA-256 of the cookie's token, so a copy of the database cannot be used to sign in.
final class SessionModel: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "stage") var stage: String
    @OptionalField(key: "stepped_up_at") var steppedUpAt: Date?

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, stage: SessionStage, now: Date) {
        self.stage = stage.rawValue
        self.id = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
    }
}
