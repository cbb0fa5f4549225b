import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// Why a request for a role could not be decided; each says what the lead can do.
public enum AccessRequestError: Error, Equatable, CustomStringConvertible {
    case notFound
    /// Someone decided it first: who (their name) and when.
    case alreadyDecided(by: String, at: Date, approved: Bool)
    /// The person who asked may not approve their own request.
    case ownRequest
    /// Only a designated safeguarding lead decides who may read cases.
    case notALead
    case reasonMissing

    public var description: String {
        switch self {
        case .notFound: "There is no such request."
        case .alreadyDecided(let name, let at, let approved):
            "Already decided: \(approved ? "approved" : "refused") by \(name) at \(at.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))) UTC."
        case .ownRequest: "You asked for this role yourself, so another safeguarding lead must decide."
        case .notALead: "Only the designated safeguarding lead decides who may read cases."
        case .reasonMissing: "Give a reason for the decision: it goes in the audit log."
        }
    }
}

/// Roles that read cases take effect only when a designated safeguarding lead, not the person who
/// asked, approves them: an administrator manages accounts but must never be able to read a case
/// through an account they control.
///
/// The one exception is a new installation's first lead, named once by its first administrator or
/// by whoever installed it (the command line, on the server, with its keys); that is recorded, and
/// never possible again.
public struct AccessRequestStore: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// Creates an account; with a role that reads cases it waits for approval and cannot sign in until then.
    public func createAccount(
        _ details: AccountDetails, role: UserRole, by requester: UserAccount?, now: Date
    ) async throws -> RoleGrant {
        let actor = requester.map { AuditName.user($0.id) } ?? AuditName.system
        return try await database.database.transaction { db in
            var grantNow = !role.readsCases
            if !grantNow { grantNow = try await Self.claimFirstLead(role, by: requester, now: now, on: db) }
            if grantNow {
                let account = try await UserStore.create(details, role: role, passwordHash: nil, now: now, by: actor, on: db)
                return .granted(account)
            }
            let account = try await UserStore.create(details, role: role, passwordHash: nil, now: now, by: actor, awaiting: true, on: db)
            return .waiting(try await Self.request(role, for: account, by: requester, actor: actor, now: now, on: db))
        }
    }

    /// Gives an existing account a role: at once when it reads no cases, otherwise as a request for a lead.
    public func requestRole(_ role: UserRole, for userID: UUID, by requester: UserAccount?, now: Date) async throws -> RoleGrant {
        let actor = requester.map { AuditName.user($0.id) } ?? AuditName.system
        return try await database.database.transaction { db in
            guard let model = try await UserModel.find(userID, on: db) else { throw StoreError.userNotFound(userID.uuidString) }
            var grantNow = !role.readsCases
            if !grantNow { grantNow = try await Self.claimFirstLead(role, by: requester, now: now, on: db) }
            if grantNow {
                return .granted(try await UserStore.setRole(model, role: role, now: now, by: actor, on: db))
            }
            return .waiting(try await Self.request(role, for: try model.account, by: requester, actor: actor, now: now, on: db))
        }
    }

    /// Requests waiting for a lead, oldest first.
    public func waiting() async throws -> [AccessRequest] {
        let models = try await AccessRequestModel.query(on: database.database).filter(\.$decidedAt == nil)
            .sort(\.$requestedAt).all()
        let users = try await UserModel.query(on: database.database).filter(\.$id ~~ models.map(\.userID)).all()
        let accounts = Dictionary(try users.map { user in (try user.requireID(), try user.account) }, uniquingKeysWith: { a, _ in a })
        return try models.compactMap { model in try accounts[model.userID].map { try Self.request(model, account: $0) } }
    }

    /// How many requests wait for a lead.
    public func waitingCount() async throws -> Int {
        try await AccessRequestModel.query(on: database.database).filter(\.$decidedAt == nil).count()
    }

    /// A lead approves or refuses a request, with a reason; one decision wins, whoever is second is told who was first.
    public func decide(_ id: UUID, approve: Bool, reason: String, by lead: UserAccount, now: Date) async throws -> AccessRequest {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard lead.role == .dsl, lead.canSignIn else { throw AccessRequestError.notALead }
        guard !reason.isEmpty, !reason.exceedsLimit(1000) else { throw AccessRequestError.reasonMissing }
        return try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            guard let model = try await AccessRequestModel.find(id, on: db) else { throw AccessRequestError.notFound }
            if model.requesterID == lead.id { throw AccessRequestError.ownRequest }
            // One conditional statement decides: two leads at once cannot both win.
            let won = try await sql.raw(
                """
                UPDATE access_requests SET decided_by = \(bind: lead.id), decided_at = \(bind: now), approved = \(bind: approve),
                  reason = \(bind: reason)
                WHERE id = \(bind: id) AND decided_at IS NULL RETURNING id
                """
            ).first()
            guard won != nil else {
                let decided = try await AccessRequestModel.find(id, on: db)
                let name = try await decided?.decidedBy.asyncMap { try await UserModel.find($0, on: db)?.name } ?? nil
                throw AccessRequestError.alreadyDecided(
                    by: name ?? "another lead", at: decided?.decidedAt ?? now, approved: decided?.approved ?? false)
            }
            guard let user = try await UserModel.find(model.userID, on: db) else { throw AccessRequestError.notFound }
            if approve {
                user.awaitingApproval = false
                _ = try await UserStore.setRole(
                    user, role: try UserRole.stored(model.role, in: "accounts.role"), now: now, by: AuditName.user(lead.id), on: db)
            }
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(lead.id), .roleRequestDecided, target: AuditName.account(model.userID),
                    ["role": .string(model.role), "approved": .bool(approve), "requested_by": .string(model.requestedBy)]), on: db)
            guard let decided = try await AccessRequestModel.find(id, on: db) else { throw AccessRequestError.notFound }
            return try Self.request(decided, account: try user.account)
        }
    }

    /// Claims the installation's one chance to name the first lead.
    ///
    /// Only a `dsl` role, asked for by the earliest administrator or on the command line, while no
    /// account has ever been a lead; the claim is an insert that only one transaction can make.
    static func claimFirstLead(_ role: UserRole, by requester: UserAccount?, now: Date, on db: any Database) async throws -> Bool {
        guard role == .dsl else { return false }
        if let requester {
            guard requester.role == .admin,
                let first = try await UserModel.query(on: db).filter(\.$role == UserRole.admin.rawValue).sort(\.$createdAt).first(),
                first.id == requester.id
            else { return false }
        }
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        let claimed =
            try await sql.raw(
                """
                INSERT INTO installation_facts (id, recorded_at) VALUES ('has_had_dsl', \(bind: now))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """
            ).first() != nil
        if claimed {
            try await AuditLogStore.append(
                .at(
                    now, actor: requester.map { AuditName.user($0.id) } ?? AuditName.system, .roleRequestDecided, target: "installation",
                    ["role": .string(role.rawValue), "approved": .bool(true), "first_lead": .bool(true)]),
                on: db)
        }
        return claimed
    }

    static func request(
        _ role: UserRole, for account: UserAccount, by requester: UserAccount?, actor: String, now: Date, on db: any Database
    ) async throws -> AccessRequest {
        // A newer request for the same account replaces one still waiting.
        try await AccessRequestModel.query(on: db).filter(\.$userID == account.id).filter(\.$decidedAt == nil).delete()
        let model = AccessRequestModel()
        model.id = UUID()
        model.userID = account.id
        model.role = role.rawValue
        model.requestedBy = actor
        model.requesterID = requester?.id
        model.requestedAt = now
        try await model.create(on: db)
        try await AuditLogStore.append(
            .at(now, actor: actor, .roleRequested, target: AuditName.account(account.id), ["role": .string(role.rawValue)]), on: db)
        return try request(model, account: account)
    }

    static func request(_ model: AccessRequestModel, account: UserAccount) throws -> AccessRequest {
        var decision: AccessRequest.Decision?
        if let by = model.decidedBy, let at = model.decidedAt {
            decision = .init(approved: model.approved ?? false, by: by, at: at, reason: model.reason ?? "")
        }
        return AccessRequest(
            id: try model.requireID(), account: account, role: try UserRole.stored(model.role, in: "accounts.role"), requestedBy: model.requestedBy,
            requesterID: model.requesterID, requestedAt: model.requestedAt, decision: decision)
    }
}

/// The `access_requests` table.
final class AccessRequestModel: Model, @unchecked Sendable {
    static let schema = "access_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "role") var role: String
    @Field(key: "requested_by") var requestedBy: String
    @OptionalField(key: "requester_id") var requesterID: UUID?
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "approved") var approved: Bool?
    @OptionalField(key: "reason") var reason: String?

    init() {}
}
