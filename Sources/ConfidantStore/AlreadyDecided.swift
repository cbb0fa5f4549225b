import FluentKit
import Foundation

/// Someone else made this one-time decision first: who did, and when, so the person who lost the race
/// knows what happened instead of believing their own answer was saved.
///
/// Approvals and refusals of a share, inform tasks and advice answers are decided once (`docs/sharing.md`);
/// the store checks the state inside the transaction that changes it, with the row locked.
public struct AlreadyDecided: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the first person did.
    public enum Outcome: String, Sendable {
        case approved
        case refused
        case completed
        case answered
        /// A subject access response.
        case released
    }

    public let outcome: Outcome
    /// The display name of the account that decided ("someone" when the account is gone).
    public let by: String
    /// When it was decided (nil only for a row written before the time was kept).
    public let at: Date?

    public init(_ outcome: Outcome, by: String, at: Date?) {
        self.outcome = outcome
        self.by = by
        self.at = at
    }

    public var description: String { "Already decided: \(outcome.rawValue) by \(by)\(at.map { " at \($0)" } ?? "")." }

    /// The error for a row decided by `userID` at `at`, naming the account as it is known now.
    static func make(_ outcome: Outcome, by userID: UUID?, at: Date?, on db: any Database) async throws -> AlreadyDecided {
        let name = try await userID.asyncMap { try await UserModel.find($0, on: db)?.name } ?? nil
        return AlreadyDecided(outcome, by: name ?? "someone", at: at)
    }
}
