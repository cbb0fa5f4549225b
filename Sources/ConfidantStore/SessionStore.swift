import ConfidantCore
import FluentKit
import Foundation

/// A signed-in browser: who it is and the CSRF token its forms must carry.
public struct ActiveSession: Sendable, Equatable {
    public let user: UserAccount
    public let csrfToken: String
    public let lastSeenAt: Date
}

/// What a browser is given when it signs in: the cookie's token (kept only as a hash) and its CSRF token.
public struct SessionCredentials: Sendable, Equatable {
    public let token: String
    public let csrfToken: String
}

/// Sessions in the database, so that any app instance behind a load balancer can serve any request.
public struct SessionStore: Sendable {
    let database: ConfidantDatabase
    /// A session seen this recently is not written again on every request.
    static let touchInterval: TimeInterval = 60

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// Starts a session for an account, recording the sign-in (and the address it came from) in the audit log.
    public func start(userID: UUID, now: Date, address: String) async throws -> SessionCredentials {
        try await database.database.transaction { db in
            try await Self.start(userID: userID, now: now, address: address, on: db)
        }
    }

    static func start(userID: UUID, now: Date, address: String, on db: any Database) async throws -> SessionCredentials {
        let credentials = SessionCredentials(token: SecretToken.generate(), csrfToken: SecretToken.generate())
        let model = SessionModel(
            tokenHash: SecretToken.hash(credentials.token), userID: userID, csrfToken: credentials.csrfToken, now: now)
        try await model.create(on: db)
        try await AuditLogStore.append(
            .at(now, actor: AuditName.user(userID), .signIn, target: AuditName.account(userID),
                ["address": .string(String(address.prefix(64)))]), on: db)
        return credentials
    }

    /// The live session for a cookie token; nil (and the row removed) when idle too long or the account is disabled.
    public func resolve(token: String, now: Date, idleTimeout: TimeInterval) async throws -> ActiveSession? {
        let db = database.database
        guard let model = try await SessionModel.query(on: db)
            .filter(\.$id == SecretToken.hash(token)).with(\.$user).first() else { return nil }
        let user = model.user.account
        if user.disabled || now.timeIntervalSince(model.lastSeenAt) > idleTimeout {
            try await model.delete(on: db)
            return nil
        }
        if now.timeIntervalSince(model.lastSeenAt) > Self.touchInterval {
            model.lastSeenAt = now
            try await model.save(on: db)
        }
        return ActiveSession(user: user, csrfToken: model.csrfToken, lastSeenAt: model.lastSeenAt)
    }

    /// Ends one session (sign-out), recorded in the audit log.
    public func end(token: String, now: Date) async throws {
        try await database.database.transaction { db in
            guard let model = try await SessionModel.find(SecretToken.hash(token), on: db) else { return }
            let userID = model.$user.id
            try await model.delete(on: db)
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(userID), .signOut, target: AuditName.account(userID)), on: db)
        }
    }

    /// How many sessions an account has open.
    public func count(userID: UUID) async throws -> Int {
        try await SessionModel.query(on: database.database).filter(\.$user.$id == userID).count()
    }

    /// Removes every session idle since before `cutoff`, so that the table does not grow without end.
    public func removeIdle(before cutoff: Date) async throws {
        try await SessionModel.query(on: database.database).filter(\.$lastSeenAt < cutoff).delete()
    }
}
