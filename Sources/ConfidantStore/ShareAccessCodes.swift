import ConfidantCore
import Crypto
import FluentKit
import Foundation

/// The `share_access_codes` table: one-time codes that let a partner contact without an account open a share.
final class ShareAccessCodeModel: Model, @unchecked Sendable {
    static let schema = "share_access_codes"

    @ID(key: .id) var id: UUID?
    @Field(key: "share_id") var shareID: UUID
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

/// Creates the one-time code and outbox tables.
struct CreateShareAccessCodes: AsyncMigration {
    var name: String { "2026-11-25-create-share-access-codes" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ShareAccessCodeModel.schema)
            .id()
            .field("share_id", .uuid, .required, .references(ShareModel.schema, "id"))
            .field("code_hash", .string, .required)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
        try await database.schema("outbox_emails")
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_emails").delete()
        try await database.schema(ShareAccessCodeModel.schema).delete()
    }
}

/// Why a one-time code could not be issued or used; deliberately vague towards the person asking.
public enum ShareCodeError: Error, Equatable {
    /// No such share, not open, not for a contact, or the contact has an account and must sign in.
    case notAvailable
    /// Too many codes asked for this share in the last hour.
    case tooManyCodes
    /// The code is wrong, used, expired, or tried too often.
    case invalidCode
}

extension ShareStore {
    /// How long a code works, how many tries it gets, and how many can be asked for an hour.
    static let codeLifetime: TimeInterval = 15 * 60
    static let codeAttempts = 5
    static let codesPerHour = 5

    /// Issues a one-time code for a share to a contact who has no account, and writes the email to the outbox.
    ///
    /// Only the code's hash is kept beside the share; the email (with the code) is in the outbox
    /// until the organisation's mail relay takes it.
    public func issueAccessCode(for shareID: UUID, link: String, now: Date) async throws -> OutboxEmail {
        try await database.database.transaction { db in
            guard let share = try await ShareModel.find(shareID, on: db), let contactID = share.recipientContactID,
                  Self.facts(share).isOpen(now: now),
                  let contact = try await AgencyContactModel.find(contactID, on: db)
            else { throw ShareCodeError.notAvailable }
            if try await UserModel.query(on: db).filter(\.$email == contact.email.lowercased()).first() != nil {
                throw ShareCodeError.notAvailable
            }
            let recent = try await ShareAccessCodeModel.query(on: db).filter(\.$shareID == shareID)
                .filter(\.$createdAt > now.addingTimeInterval(-3600)).count()
            guard recent < Self.codesPerHour else { throw ShareCodeError.tooManyCodes }
            var generator = SystemRandomNumberGenerator()
            let code = String(format: "%08d", Int.random(in: 0..<100_000_000, using: &generator))
            let model = ShareAccessCodeModel()
            model.id = UUID()
            model.shareID = shareID
            model.codeHash = Self.codeHash(code, shareID: shareID)
            model.attempts = 0
            model.createdAt = now
            model.expiresAt = now.addingTimeInterval(Self.codeLifetime)
            try await model.create(on: db)
            let email = OutboxEmail(
                recipient: contact.email, subject: "Information shared with you: your one-time code",
                body: "Your one-time code is \(code). It works once, for 15 minutes, at \(link).\n"
                    + "If you did not ask for it, you can ignore this email.")
            try await outbox.queue(email, now: now, on: db)
            return email
        }
    }

    /// Opens a share with a one-time code; the view is logged as the contact's before the share is returned.
    public func openWithAccessCode(_ shareID: UUID, code: String, now: Date) async throws -> Share {
        let result: Result<ShareModel, ShareCodeError> = try await database.database.transaction { db in
            guard let share = try await ShareModel.find(shareID, on: db), Self.facts(share).isOpen(now: now),
                  let contactID = share.recipientContactID,
                  let model = try await ShareAccessCodeModel.query(on: db).filter(\.$shareID == shareID)
                    .filter(\.$usedAt == nil).filter(\.$expiresAt > now).sort(\.$createdAt, .descending).first(),
                  model.attempts < Self.codeAttempts
            else { return .failure(.invalidCode) }
            guard SecretToken.constantTimeEquals(model.codeHash, Self.codeHash(code, shareID: shareID)) else {
                // The failed try is counted and committed, so guessing runs out after five.
                model.attempts += 1
                try await model.save(on: db)
                return .failure(.invalidCode)
            }
            model.usedAt = now
            try await model.save(on: db)
            try await AuditLogStore.append(
                .at(now, actor: "contact:\(Self.id(contactID))", .shareViewed, target: "share:\(Self.id(shareID))",
                    ["via": .string("one_time_code")]), on: db)
            return .success(share)
        }
        return try open(try result.get())
    }

    static func codeHash(_ code: String, shareID: UUID) -> String {
        SecretToken.hash("\(shareID.uuidString.lowercased()):\(code.filter(\.isNumber))")
    }
}
