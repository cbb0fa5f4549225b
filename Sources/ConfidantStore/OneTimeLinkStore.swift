import ConfidantCore
import FluentKit
import Foundation

/// What a one-time link lets its holder do.
public enum OneTimeLinkPurpose: String, Sendable {
    /// Create the first administrator of a new installation.
    case firstAdministrator = "first_administrator"
    /// Choose a password for an account an administrator created or reset.
    case setPassword = "set_password"
}

/// A valid, unused one-time link.
public struct OneTimeLink: Sendable, Equatable {
    public let purpose: OneTimeLinkPurpose
    public let user: UserAccount?
    public let expiresAt: Date
}

/// One-time links for first-run setup and for choosing a password: no default passwords exist anywhere.
///
/// A set-password link is emailed to the account's own address and shown to nobody: an
/// administrator who could read it could choose a safeguarding lead's password and read every
/// case as them. Only the first administrator's link is printed, because no account exists yet.
public struct OneTimeLinkStore: Sendable {
    let database: ConfidantDatabase
    let outbox: MailOutbox

    public init(_ database: ConfidantDatabase, outbox: MailOutbox) {
        self.database = database
        self.outbox = outbox
    }

    /// Issues the first administrator's link and returns its token; earlier unused ones stop working.
    public func issueFirstAdministratorLink(now: Date, validFor: TimeInterval) async throws -> String {
        let token = SecretToken.generate()
        try await database.database.transaction { db in
            try await Self.replace(.firstAdministrator, userID: nil, token: token, now: now, validFor: validFor, by: AuditName.system, on: db)
        }
        return token
    }

    /// Emails a set-password link to the account's own address (earlier unused links stop working)
    /// and returns when it expires; `url` turns the token into the full link.
    public func sendSetPasswordLink(
        to userID: UUID, url: @escaping @Sendable (String) -> String, now: Date, validFor: TimeInterval, by actor: String
    ) async throws -> Date {
        try await database.database.transaction { db in
            guard let user = try await UserModel.find(userID, on: db) else { throw StoreError.userNotFound(userID.uuidString) }
            let token = SecretToken.generate()
            try await Self.replace(.setPassword, userID: userID, token: token, now: now, validFor: validFor, by: actor, on: db)
            let hours = Int((validFor / 3600).rounded())
            try await outbox.queue(
                OutboxEmail(
                    recipient: user.email, subject: "Choose your Confidant password",
                    body: "Hello \(user.name),\n\nOpen this link to choose your password for Confidant. It works once, "
                        + "for \(hours) hour\(hours == 1 ? "" : "s"), and only for you:\n\n\(url(token))\n\n"
                        + "If you did not expect this email, do not open the link; tell your safeguarding lead.\n"), now: now, on: db)
            return now.addingTimeInterval(validFor)
        }
    }

    /// Replaces the unused links of one purpose and account with a new one, recorded in the audit log.
    static func replace(
        _ purpose: OneTimeLinkPurpose, userID: UUID?, token: String, now: Date, validFor: TimeInterval, by actor: String,
        on db: any Database
    ) async throws {
        var earlier = OneTimeLinkModel.query(on: db).filter(\.$purpose == purpose.rawValue).filter(\.$usedAt == nil)
        earlier = userID.map { earlier.filter(\.$userID == $0) } ?? earlier.filter(\.$userID == nil)
        try await earlier.delete()
        let model = OneTimeLinkModel(
            tokenHash: SecretToken.hash(token), purpose: purpose, userID: userID, now: now, expiresAt: now.addingTimeInterval(validFor))
        model.issuedBy = actor
        try await model.create(on: db)
        try await AuditLogStore.append(
            .at(
                now, actor: actor, .passwordLinkIssued, target: userID.map(AuditName.account) ?? "installation",
                ["purpose": .string(purpose.rawValue), "sent_to": .string(userID == nil ? "console" : "account_email")]), on: db)
    }

    /// The link for a token when it exists, is unused and has not expired.
    public func find(token: String, now: Date) async throws -> OneTimeLink? {
        guard let model = try await Self.valid(token: token, now: now, on: database.database) else { return nil }
        let purpose = OneTimeLinkPurpose(rawValue: model.purpose)
        guard let purpose else { return nil }
        let user = try await model.userID.asyncMap { try await UserModel.find($0, on: database.database)?.account } ?? nil
        return OneTimeLink(purpose: purpose, user: user, expiresAt: model.expiresAt)
    }

    /// Creates the first administrator with a first-run link, in one transaction; refused once any account exists.
    public func createFirstAdministrator(
        token: String, details: AccountDetails, passwordHash: String, now: Date
    ) async throws -> UserAccount {
        try await database.database.transaction { db in
            guard let link = try await Self.lockedValid(token: token, now: now, on: db),
                link.purpose == OneTimeLinkPurpose.firstAdministrator.rawValue,
                try await UserModel.query(on: db).count() == 0
            else { throw StoreError.linkInvalid }
            let admin = try await UserStore.create(details, role: .admin, passwordHash: passwordHash, now: now, by: nil, on: db)
            link.usedAt = now
            try await link.save(on: db)
            return admin
        }
    }

    /// Sets an account's password with a set-password link, in one transaction; its other sessions end.
    public func setPassword(token: String, passwordHash: String, now: Date) async throws -> UserAccount {
        try await database.database.transaction { db in
            guard let link = try await Self.lockedValid(token: token, now: now, on: db),
                link.purpose == OneTimeLinkPurpose.setPassword.rawValue,
                let userID = link.userID,
                let user = try await UserModel.find(userID, on: db),
                !user.disabled
            else { throw StoreError.linkInvalid }
            user.passwordHash = passwordHash
            user.updatedAt = now
            try await user.save(on: db)
            try await SessionModel.query(on: db).filter(\.$user.$id == userID).delete()
            link.usedAt = now
            try await link.save(on: db)
            // The holder set the password; the log also names who asked for the link.
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(userID), .passwordSet, target: AuditName.account(userID),
                    ["link_issued_by": .string(link.issuedBy ?? AuditName.system)]), on: db)
            return try user.account
        }
    }

    /// The link's row when it is unused and unexpired, locked until the caller's transaction ends: two people
    /// using one link at the same moment cannot both use it, since the second finds it used.
    static func lockedValid(token: String, now: Date, on db: any Database) async throws -> OneTimeLinkModel? {
        try await db.lockForUpdate(OneTimeLinkModel.schema, id: SecretToken.hash(token))
        return try await valid(token: token, now: now, on: db)
    }

    static func valid(token: String, now: Date, on db: any Database) async throws -> OneTimeLinkModel? {
        guard let model = try await OneTimeLinkModel.find(SecretToken.hash(token), on: db),
            model.usedAt == nil, model.expiresAt > now
        else { return nil }
        return model
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
