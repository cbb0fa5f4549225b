import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// A signed-in browser: who it is and the CSRF token its forms must carry.
public struct ActiveSession: Sendable, Equatable {
    public let user: UserAccount
    public let csrfToken: String
    public let lastSeenAt: Date
    /// How far sign-in has got: a password alone may still owe a second factor.
    public let stage: SessionStage
    /// When the person last confirmed their password and second factor again (step-up), if ever.
    public let steppedUpAt: Date?
    /// Whether a policy version is published that this person has not yet acknowledged (the induction gate),
    /// read in the same statement as the session.
    public var owesPolicyAcknowledgement: Bool = false
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

    /// Starts a session for an account; a fully signed-in one is recorded (with the address it came from)
    /// in the audit log, one still owing a second factor when it is completed.
    public func start(userID: UUID, now: Date, address: String, stage: SessionStage = .signedIn) async throws -> SessionCredentials {
        try await database.database.transaction { db in
            let credentials = SessionCredentials(token: SecretToken.generate(), csrfToken: SecretToken.generate())
            let model = SessionModel(
                tokenHash: SecretToken.hash(credentials.token), userID: userID, csrfToken: credentials.csrfToken, stage: stage, now: now)
            try await model.create(on: db)
            if stage == .signedIn { try await Self.logSignIn(userID, address: address, secondFactor: nil, now: now, on: db) }
            return credentials
        }
    }

    /// The second factor was proved (or set up): the session is fully signed in, and a new token
    /// replaces the one that only the password had earned.
    public func complete(token: String, secondFactor: String, now: Date, address: String) async throws -> SessionCredentials {
        try await database.database.transaction { db in
            guard let model = try await SessionModel.find(SecretToken.hash(token), on: db), model.stage != SessionStage.signedIn.rawValue
            else { throw StoreError.linkInvalid }
            let userID = model.$user.id
            try await model.delete(on: db)
            let credentials = SessionCredentials(token: SecretToken.generate(), csrfToken: SecretToken.generate())
            let fresh = SessionModel(
                tokenHash: SecretToken.hash(credentials.token), userID: userID, csrfToken: credentials.csrfToken, stage: .signedIn, now: now)
            fresh.steppedUpAt = now
            try await fresh.create(on: db)
            try await Self.logSignIn(userID, address: address, secondFactor: secondFactor, now: now, on: db)
            return credentials
        }
    }

    /// The person confirmed their password and second factor again, for a sensitive action.
    public func stepUp(token: String, now: Date) async throws {
        try await database.database.transaction { db in
            guard let model = try await SessionModel.find(SecretToken.hash(token), on: db) else { throw StoreError.linkInvalid }
            model.steppedUpAt = now
            try await model.save(on: db)
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(model.$user.id), .stepUp, target: AuditName.account(model.$user.id)), on: db)
        }
    }

    static func logSignIn(_ userID: UUID, address: String, secondFactor: String?, now: Date, on db: any Database) async throws {
        var detail: [String: AuditDetail.Value] = ["address": .string(String(address.prefix(64)))]
        if let secondFactor { detail["second_factor"] = .string(secondFactor) }
        try await AuditLogStore.append(.at(now, actor: AuditName.user(userID), .signIn, target: AuditName.account(userID), detail), on: db)
    }

    /// What a cookie token is at `now`.
    public enum Lookup: Sendable, Equatable {
        case live(ActiveSession)
        /// A fully signed-in session that has just ended (idle too long, or past its lifetime) of an account that can
        /// still sign in: the person, once signed in again, may get back what they were writing.
        case lapsed(userID: UUID)
        case none

        public var live: ActiveSession? {
            if case .live(let session) = self { return session }
            return nil
        }
    }

    /// The live session for a cookie token; nil (and the row removed) when idle too long, older than
    /// `lifetime` however busy, or the account is disabled.
    public func resolve(token: String, now: Date, idleTimeout: TimeInterval, lifetime: TimeInterval) async throws -> ActiveSession? {
        try await lookUp(token: token, now: now, idleTimeout: idleTimeout, lifetime: lifetime).live
    }

    /// What the cookie token is: a live session, one that has just lapsed (its row is removed now, so it lapses once),
    /// or nothing.
    public func lookUp(token: String, now: Date, idleTimeout: TimeInterval, lifetime: TimeInterval) async throws -> Lookup {
        // One statement: the session, its account and whether the account owes an acknowledgement of the published
        // policy. It runs before every signed-in request (docs/architecture.md, "What a request costs").
        guard let sql = database.reader as? any SQLDatabase, let writer = database.database as? any SQLDatabase else {
            throw StoreError.notSQL
        }
        let tokenHash = SecretToken.hash(token)
        guard
            let row = try await sql.raw(
                """
                SELECT s.csrf_token, s.created_at AS session_created_at, s.last_seen_at, s.stage, s.stepped_up_at,
                  u.id, u.name, u.email, u.role, CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password,
                  u.disabled, u.awaiting_approval, u.daily_digest, u.created_at, u.updated_at,
                  (SELECT COUNT(*) FROM policy_versions v WHERE v.status = \(bind: PolicyVersionStatus.published.rawValue)
                     AND NOT EXISTS (SELECT 1 FROM policy_acknowledgements a WHERE a.user_id = u.id
                       AND a.version_number >= COALESCE(v.acknowledgement_baseline, v.number))) AS owes_acknowledgement
                FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = \(bind: tokenHash)
                """
            ).first()
        else { return .none }
        let user = try UserAccount(
            id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            role: try UserRole.stored(try row.decode(column: "role", as: String.self), in: "users.role"),
            disabled: try row.decode(column: "disabled", as: Bool.self), hasPassword: try row.decode(column: "has_password", as: Int.self) == 1,
            awaitingApproval: try row.decode(column: "awaiting_approval", as: Bool.self),
            dailyDigest: try row.decode(column: "daily_digest", as: Bool.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
        let stage = try SessionStage.stored(try row.decode(column: "stage", as: String.self), in: "sessions.stage")
        let createdAt = try row.decode(column: "session_created_at", as: Date.self)
        var lastSeenAt = try row.decode(column: "last_seen_at", as: Date.self)
        // A session that only has the password gets a few minutes to finish signing in.
        let limit = stage == .signedIn ? lifetime : min(lifetime, SecondFactorRule.codeStageLifetime)
        if !user.canSignIn || now.timeIntervalSince(lastSeenAt) > idleTimeout || now.timeIntervalSince(createdAt) > limit {
            try await writer.raw("DELETE FROM sessions WHERE id = \(bind: tokenHash)").run()
            return user.canSignIn && stage == .signedIn ? .lapsed(userID: user.id) : .none
        }
        if now.timeIntervalSince(lastSeenAt) > Self.touchInterval {
            try await SessionModel.query(on: database.database).filter(\.$id == tokenHash).set(\.$lastSeenAt, to: now).update()
            lastSeenAt = now
        }
        var session = ActiveSession(
            user: user, csrfToken: try row.decode(column: "csrf_token", as: String.self), lastSeenAt: lastSeenAt, stage: stage,
            steppedUpAt: try row.decode(column: "stepped_up_at", as: Date?.self))
        session.owesPolicyAcknowledgement = try row.decode(column: "owes_acknowledgement", as: Int.self) > 0
        return .live(session)
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
        try await SessionModel.query(on: database.reader).filter(\.$user.$id == userID).count()
    }

    /// Removes every session idle since before `cutoff`, so that the table does not grow without end.
    public func removeIdle(before cutoff: Date) async throws {
        try await SessionModel.query(on: database.database).filter(\.$lastSeenAt < cutoff).delete()
    }
}
