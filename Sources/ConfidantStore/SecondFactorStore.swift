import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// Why a second factor could not be set up.
public enum SecondFactorError: Error, Equatable, CustomStringConvertible {
    /// A confirmed authenticator is already set up; it is replaced only after signing in with it or a recovery code.
    case alreadyEnrolled
    /// Nothing is waiting to be confirmed: start again.
    case nothingToConfirm

    public var description: String {
        switch self {
        case .alreadyEnrolled: "An authenticator app is already set up for this account."
        case .nothingToConfirm: "Start setting up the authenticator app again: the code it showed has not been asked for."
        }
    }
}

/// An account's authenticator secret as stored: sealed like case content, because whoever reads it
/// can make the account's codes.
public struct SecondFactor: Sendable, Equatable {
    public let secret: String
    public let confirmed: Bool
    /// The last 30-second step whose code was accepted: a code is never accepted twice.
    public let lastStep: Int64
}

/// Authenticator secrets and one-time recovery codes.
public struct SecondFactorStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher

    public init(_ database: ConfidantDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// The account's second factor, if one is set up or being set up.
    public func factor(of userID: UUID) async throws -> SecondFactor? {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        guard
            let row = try await sql.raw(
                """
                SELECT key_id, sealed_secret, confirmed, last_step FROM second_factors WHERE user_id = \(bind: userID)
                """
            ).first()
        else { return nil }
        let sealed = FieldCipher.Sealed(
            keyID: try row.decode(column: "key_id", as: String.self),
            box: try row.decode(column: "sealed_secret", as: String.self))
        return SecondFactor(
            secret: try cipher.open(String.self, sealed, binding: "second-factor:\(userID)"),
            confirmed: try row.decode(column: "confirmed", as: Bool.self), lastStep: try row.decode(column: "last_step", as: Int64.self))
    }

    /// Whether the account has a confirmed second factor.
    public func isEnrolled(_ userID: UUID) async throws -> Bool {
        try await factor(of: userID)?.confirmed == true
    }

    /// Keeps a new, unconfirmed secret for the account (replacing an unconfirmed one).
    public func begin(_ userID: UUID, secret: String, now: Date) async throws {
        let sealed = try cipher.seal(secret, binding: "second-factor:\(userID)")
        try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            let existing = try await sql.raw("SELECT confirmed FROM second_factors WHERE user_id = \(bind: userID)").first()
            if try existing?.decode(column: "confirmed", as: Bool.self) == true { throw SecondFactorError.alreadyEnrolled }
            try await sql.raw("DELETE FROM second_factors WHERE user_id = \(bind: userID)").run()
            try await sql.raw(
                """
                INSERT INTO second_factors (user_id, key_id, sealed_secret, confirmed, last_step, created_at)
                VALUES (\(bind: userID), \(bind: sealed.keyID), \(bind: sealed.box), \(bind: false), 0, \(bind: now))
                """
            ).run()
        }
    }

    /// Confirms the secret with the step of the first code the app showed, and stores the recovery codes' hashes.
    public func confirm(_ userID: UUID, step: Int64, recoveryCodes: [String], now: Date) async throws {
        try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            let confirmed = try await sql.raw(
                """
                UPDATE second_factors SET confirmed = \(bind: true), last_step = \(bind: step)
                WHERE user_id = \(bind: userID) AND confirmed = \(bind: false) RETURNING user_id
                """
            ).first()
            guard confirmed != nil else { throw SecondFactorError.nothingToConfirm }
            try await Self.replaceRecoveryCodes(userID, recoveryCodes, on: sql)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(userID), .secondFactorEnrolled, target: AuditName.account(userID),
                    ["recovery_codes": .int(Int64(recoveryCodes.count))]), on: db)
        }
    }

    /// Accepts the code of `step` once: true when no code of this or a later step was accepted before.
    public func use(step: Int64, of userID: UUID) async throws -> Bool {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw(
            """
            UPDATE second_factors SET last_step = \(bind: step)
            WHERE user_id = \(bind: userID) AND confirmed = \(bind: true) AND last_step < \(bind: step) RETURNING user_id
            """
        ).first() != nil
    }

    /// Uses one recovery code, once; recorded in the audit log.
    public func useRecoveryCode(_ code: String, of userID: UUID, now: Date) async throws -> Bool {
        try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            let used =
                try await sql.raw(
                    """
                    UPDATE recovery_codes SET used_at = \(bind: now)
                    WHERE id = \(bind: Self.hash(code, userID: userID)) AND user_id = \(bind: userID) AND used_at IS NULL RETURNING id
                    """
                ).first() != nil
            if used {
                let left =
                    try await sql.raw(
                        """
                        SELECT COUNT(*) AS left FROM recovery_codes WHERE user_id = \(bind: userID) AND used_at IS NULL
                        """
                    ).first()?.decode(column: "left", as: Int.self) ?? 0
                try await AuditLogStore.append(
                    .at(
                        now, actor: AuditName.user(userID), .recoveryCodeUsed, target: AuditName.account(userID),
                        ["codes_left": .int(Int64(left))]), on: db)
            }
            return used
        }
    }

    /// How many unused recovery codes the account has.
    public func recoveryCodesLeft(_ userID: UUID) async throws -> Int {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw(
            """
            SELECT COUNT(*) AS left FROM recovery_codes WHERE user_id = \(bind: userID) AND used_at IS NULL
            """
        ).first()?.decode(column: "left", as: Int.self) ?? 0
    }

    /// Removes the account's second factor (after signing in with a recovery code, to set up a new phone).
    public func remove(_ userID: UUID) async throws {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw("DELETE FROM second_factors WHERE user_id = \(bind: userID)").run()
    }

    static func replaceRecoveryCodes(_ userID: UUID, _ codes: [String], on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM recovery_codes WHERE user_id = \(bind: userID)").run()
        for code in codes {
            try await sql.raw("INSERT INTO recovery_codes (id, user_id) VALUES (\(bind: hash(code, userID: userID)), \(bind: userID))").run()
        }
    }

    /// A recovery code's stored form: a hash bound to its account, ignoring spaces, dashes and case.
    static func hash(_ code: String, userID: UUID) -> String {
        let normalised = code.lowercased().filter { $0.isLetter || $0.isNumber }
        return SecretToken.hash("\(userID.uuidString.lowercased()):\(normalised)")
    }
}
