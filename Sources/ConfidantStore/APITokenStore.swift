import ConfidantCore
import FluentKit
import Foundation

/// Bearer tokens for the JSON API; shown once when issued, kept only as hashes.
public struct APITokenStore: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// Issues a token for an account and returns it; it is never shown again.
    public func issue(userID: UUID, label: String, now: Date, by actor: String) async throws -> String {
        let token = SecretToken.generate()
        try await database.database.transaction { db in
            try await APITokenModel(tokenHash: SecretToken.hash(token), userID: userID, label: label, now: now).create(on: db)
            try await AuditLogStore.append(
                .at(now, actor: actor, .apiTokenIssued, target: AuditName.account(userID),
                    ["label": .string(String(label.prefix(100)))]), on: db)
        }
        return token
    }

    /// The account a token belongs to, when the token exists and the account is not disabled.
    public func account(for token: String) async throws -> UserAccount? {
        guard let model = try await APITokenModel.query(on: database.database)
            .filter(\.$id == SecretToken.hash(token)).with(\.$user).first() else { return nil }
        let account = model.user.account
        return account.disabled ? nil : account
    }
}
