import ConfidantCore
import FluentKit
import Foundation

/// Accounts: create, find, list, change role, disable.
public struct UserStore: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// How many accounts exist (zero means first-run setup is still to be done).
    public func count() async throws -> Int {
        try await UserModel.query(on: database.database).count()
    }

    /// Creates an account; the email must not be in use already.
    public func create(_ details: AccountDetails, role: UserRole, passwordHash: String?, now: Date) async throws -> UserAccount {
        try await Self.create(details, role: role, passwordHash: passwordHash, now: now, on: database.database)
    }

    static func create(
        _ details: AccountDetails, role: UserRole, passwordHash: String?, now: Date, on db: any Database
    ) async throws -> UserAccount {
        if try await UserModel.query(on: db).filter(\.$email == details.email).first() != nil {
            throw StoreError.duplicateEmail(details.email)
        }
        let model = UserModel(name: details.name, email: details.email, role: role, passwordHash: passwordHash, now: now)
        try await model.create(on: db)
        return model.account
    }

    /// Every account, by name.
    public func all() async throws -> [UserAccount] {
        try await UserModel.query(on: database.database).sort(\.$name).all().map(\.account)
    }

    /// The account with this id, if any.
    public func find(id: UUID) async throws -> UserAccount? {
        try await UserModel.find(id, on: database.database)?.account
    }

    /// The account with this email (compared in lower case), if any.
    public func find(email: String) async throws -> UserAccount? {
        try await UserModel.query(on: database.database).filter(\.$email == email.lowercased()).first()?.account
    }

    /// The account and its stored Bcrypt hash, for checking a sign-in.
    public func credentials(email: String) async throws -> (account: UserAccount, passwordHash: String?)? {
        guard let model = try await UserModel.query(on: database.database)
            .filter(\.$email == email.lowercased()).first() else { return nil }
        return (model.account, model.passwordHash)
    }

    /// Gives an account a new role; its sessions carry on with the new role from their next request.
    public func setRole(id: UUID, role: UserRole, now: Date) async throws -> UserAccount {
        guard let model = try await UserModel.find(id, on: database.database) else { throw StoreError.userNotFound(id.uuidString) }
        model.role = role.rawValue
        model.updatedAt = now
        try await model.save(on: database.database)
        return model.account
    }

    /// Disables or re-enables an account; disabling ends its sessions and API tokens in the same transaction.
    public func setDisabled(id: UUID, _ disabled: Bool, now: Date) async throws -> UserAccount {
        try await database.database.transaction { db in
            guard let model = try await UserModel.find(id, on: db) else { throw StoreError.userNotFound(id.uuidString) }
            model.disabled = disabled
            model.updatedAt = now
            try await model.save(on: db)
            if disabled {
                try await SessionModel.query(on: db).filter(\.$user.$id == id).delete()
                try await APITokenModel.query(on: db).filter(\.$user.$id == id).delete()
            }
            return model.account
        }
    }
}
