import ConfidantCore
import Crypto
import FluentKit
import FluentSQL
import Foundation

/// One-use form tokens: a form is acted on once, however often it is sent (the back button, a double click, a retry
/// after a network error), and every later send is shown what the first one made.
public struct FormSubmissionStore: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) {
        self.database = database
    }

    /// How long a token is remembered: longer than any page stays open (sessions end after 12 hours at most).
    public static let memory: TimeInterval = 24 * 3600

    /// What a submission of a token finds.
    public enum Claim: Sendable, Equatable {
        /// Nobody sent it before: go ahead.
        case first
        /// It was sent before and made what is at this address.
        case done(location: String)
        /// The first send is still being handled.
        case inProgress
    }

    /// Claims `token` for `user`: the first caller wins, in the database, so two sends at the same moment on two
    /// instances cannot both go ahead.
    public func claim(_ token: String, user: UUID, now: Date) async throws -> Claim {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let hash = Self.hash(token, user: user)
        let inserted = try await sql.raw(
            """
            INSERT INTO form_submissions (token_hash, user_id, location, created_at)
            VALUES (\(bind: hash), \(bind: user), NULL, \(bind: now))
            ON CONFLICT (token_hash) DO NOTHING RETURNING token_hash
            """
        ).first()
        if inserted != nil { return .first }
        let row = try await sql.raw("SELECT location FROM form_submissions WHERE token_hash = \(bind: hash)").first()
        guard let location = try row?.decode(column: "location", as: String?.self) else { return .inProgress }
        return .done(location: location)
    }

    /// Forgets tokens older than `memory`, so the table stays small (the background sweep calls it, not each form post).
    public func forgetOld(now: Date) async throws {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw("DELETE FROM form_submissions WHERE created_at < \(bind: now.addingTimeInterval(-Self.memory))").run()
    }

    /// The first send made what is at `location`.
    public func finish(_ token: String, user: UUID, location: String) async throws {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw(
            "UPDATE form_submissions SET location = \(bind: location) WHERE token_hash = \(bind: Self.hash(token, user: user))"
        ).run()
    }

    /// The first send made nothing (the form was shown again with its mistakes): the token may be sent again.
    public func release(_ token: String, user: UUID) async throws {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw(
            "DELETE FROM form_submissions WHERE token_hash = \(bind: Self.hash(token, user: user)) AND location IS NULL"
        ).run()
    }

    /// Tokens are kept hashed with the account, so one person's token means nothing for another's.
    static func hash(_ token: String, user: UUID) -> String {
        SHA256.hash(data: Data("\(user.uuidString.lowercased()):\(token)".utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
