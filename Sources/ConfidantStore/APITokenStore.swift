import ConfidantCore
import FluentKit
import Foundation

/// A bearer token as an operator may see it later: never the token itself.
public struct APITokenSummary: Sendable, Equatable {
    /// A short, non-secret handle for revoking it (the start of its hash).
    public let handle: String
    public let label: String
    public let createdAt: Date
    public let expiresAt: Date
}

/// Bearer tokens for the JSON API; shown once when issued, kept only as hashes, and ending by themselves.
public struct APITokenStore: Sendable {
    let database: ConfidantDatabase

    /// How long a token works unless asked otherwise: a forgotten integration's token stops by itself.
    public static let defaultLifetime: TimeInterval = 90 * 24 * 60 * 60

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// Issues a token for an account that works for `lifetime`, and returns it; it is never shown again.
    public func issue(userID: UUID, label: String, now: Date, lifetime: TimeInterval = defaultLifetime, by actor: String) async throws -> String {
        let token = SecretToken.generate()
        try await database.database.transaction { db in
            let model = APITokenModel(tokenHash: SecretToken.hash(token), userID: userID, label: label, now: now)
            model.expiresAt = now.addingTimeInterval(lifetime)
            try await model.create(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: actor, .apiTokenIssued, target: AuditName.account(userID),
                    ["label": .string(String(label.prefix(100))), "expires_in_days": .int(Int64(lifetime / 86_400))]), on: db)
        }
        return token
    }

    /// The account a token belongs to, when the token exists, has not expired, and the account may sign in.
    public func account(for token: String, now: Date) async throws -> UserAccount? {
        guard
            let model = try await APITokenModel.query(on: database.database)
                .filter(\.$id == SecretToken.hash(token)).with(\.$user).first()
        else { return nil }
        let account = try model.user.account
        guard account.canSignIn, (model.expiresAt ?? model.createdAt.addingTimeInterval(Self.defaultLifetime)) > now else { return nil }
        return account
    }

    /// The account's tokens, newest first.
    public func tokens(of userID: UUID) async throws -> [APITokenSummary] {
        try await APITokenModel.query(on: database.database).filter(\.$user.$id == userID).sort(\.$createdAt, .descending).all()
            .map { model in
                APITokenSummary(
                    handle: String((model.id ?? "").prefix(12)), label: model.label, createdAt: model.createdAt,
                    expiresAt: model.expiresAt ?? model.createdAt.addingTimeInterval(Self.defaultLifetime))
            }
    }

    /// Revokes the account's token with this handle at once; false when there is none.
    public func revoke(handle: String, of userID: UUID, now: Date, by actor: String) async throws -> Bool {
        guard handle.count >= 8, handle.allSatisfy(\.isHexDigit) else { return false }
        return try await database.database.transaction { db in
            let matches = try await APITokenModel.query(on: db).filter(\.$user.$id == userID).all()
                .filter { ($0.id ?? "").hasPrefix(handle.lowercased()) }
            guard matches.count == 1, let model = matches.first else { return false }
            try await model.delete(on: db)
            try await AuditLogStore.append(
                .at(now, actor: actor, .apiTokenRevoked, target: AuditName.account(userID), ["label": .string(String(model.label.prefix(100)))]),
                on: db)
            return true
        }
    }
}
