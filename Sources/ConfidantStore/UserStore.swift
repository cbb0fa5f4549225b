import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// Accounts: create, find, list, change role, disable.
public struct UserStore: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// How many accounts exist (zero means first-run setup is still to be done).
    public func count() async throws -> Int {
        try await UserModel.query(on: database.reader).count()
    }

    /// Creates an account, recorded in the audit log as done `by` an actor; the email must not be in use already.
    public func create(
        _ details: AccountDetails, role: UserRole, passwordHash: String?, now: Date, by actor: String
    ) async throws -> UserAccount {
        try await database.database.transaction { db in
            try await Self.create(details, role: role, passwordHash: passwordHash, now: now, by: actor, on: db)
        }
    }

    static func create(
        _ details: AccountDetails, role: UserRole, passwordHash: String?, now: Date, by actor: String?, awaiting: Bool = false,
        on db: any Database
    ) async throws -> UserAccount {
        if try await UserModel.query(on: db).filter(\.$email == details.email).first() != nil {
            throw StoreError.duplicateEmail(details.email)
        }
        let model = UserModel(name: details.name, email: details.email, role: role, passwordHash: passwordHash, now: now)
        model.awaitingApproval = awaiting
        do {
            try await model.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two requests adding the same address at once both pass the check above; the unique index
            // lets one in, and the other is told the same thing the check would have said.
            throw StoreError.duplicateEmail(details.email)
        }
        if role == .dsl, !awaiting { try await recordLead(now: now, on: db) }
        let account = try model.account
        try await AuditLogStore.append(
            .at(
                now, actor: actor ?? AuditName.user(account.id), .userCreated, target: AuditName.account(account.id),
                ["role": .string(role.rawValue)]), on: db)
        return account
    }

    /// Every account, by name.
    public func all() async throws -> [UserAccount] {
        try await UserModel.query(on: database.reader).sort(\.$name).all().map { try $0.account }
    }

    /// Every account's display name by id: how pages name the people in a record's history.
    public func names() async throws -> [UUID: String] {
        // Read by column: most pages of case content name their authors through this.
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        var names: [UUID: String] = [:]
        for row in try await sql.raw("SELECT id, name FROM users").all() {
            names[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self)
        }
        return names
    }

    /// The account with this id, if any.
    public func find(id: UUID) async throws -> UserAccount? {
        try await UserModel.find(id, on: database.reader)?.account
    }

    /// The account with this email (compared in lower case), if any.
    public func find(email: String) async throws -> UserAccount? {
        try await UserModel.query(on: database.reader).filter(\.$email == email.lowercased()).first()?.account
    }

    /// The account and its stored Bcrypt hash, for checking a sign-in.
    public func credentials(email: String) async throws -> (account: UserAccount, passwordHash: String?)? {
        guard
            let model = try await UserModel.query(on: database.reader)
                .filter(\.$email == email.lowercased()).first()
        else { return nil }
        return (try model.account, model.passwordHash)
    }

    /// Gives an account a new role in the caller's transaction; its sessions carry on with the new role from
    /// their next request. Only `AccessRequestStore` calls this, after deciding the role may apply.
    static func setRole(_ model: UserModel, role: UserRole, now: Date, by actor: String, on db: any Database) async throws -> UserAccount {
        let previous = model.role
        // An account made for a role that waited for approval already holds it: approving it changes nothing, and
        // the approval is logged by the caller, so no "changed from auditor to auditor" is written.
        guard previous != role.rawValue else {
            // The caller's other changes (the approval clears `awaitingApproval`) are still saved.
            model.updatedAt = now
            try await model.save(on: db)
            if role == .dsl { try await recordLead(now: now, on: db) }
            return try model.account
        }
        model.role = role.rawValue
        model.updatedAt = now
        try await model.save(on: db)
        if role == .dsl { try await recordLead(now: now, on: db) }
        try await AuditLogStore.append(
            .at(
                now, actor: actor, .roleChanged, target: AuditName.account(try model.requireID()),
                ["from": .string(previous), "to": .string(role.rawValue)]), on: db)
        return try model.account
    }

    /// Notes that the installation has had a lead, which ends its first administrator's one chance to name one.
    static func recordLead(now: Date, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw(
            """
            INSERT INTO installation_facts (id, recorded_at) VALUES ('has_had_dsl', \(bind: now)) ON CONFLICT (id) DO NOTHING
            """
        ).run()
    }

    /// Disables or re-enables an account; disabling ends its sessions and API tokens in the same transaction.
    public func setDisabled(id: UUID, _ disabled: Bool, now: Date, by actor: String) async throws -> UserAccount {
        try await database.database.transaction { db in
            guard let model = try await UserModel.find(id, on: db) else { throw StoreError.userNotFound(id.uuidString) }
            model.disabled = disabled
            model.updatedAt = now
            try await model.save(on: db)
            if disabled {
                try await SessionModel.query(on: db).filter(\.$user.$id == id).delete()
                try await APITokenModel.query(on: db).filter(\.$user.$id == id).delete()
            }
            try await AuditLogStore.append(
                .at(now, actor: actor, disabled ? .userDisabled : .userEnabled, target: AuditName.account(id)), on: db)
            return try model.account
        }
    }

    /// Sets whether the account's notices that are not urgent come in one email a day.
    public func setDailyDigest(id: UUID, _ digest: Bool, now: Date) async throws -> UserAccount {
        guard let model = try await UserModel.find(id, on: database.database) else { throw StoreError.userNotFound(id.uuidString) }
        model.dailyDigest = digest
        model.updatedAt = now
        try await model.save(on: database.database)
        return try model.account
    }
}
