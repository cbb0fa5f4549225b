import ConfidantCore
import FluentKit
import Foundation

/// Counts failed sign-ins in the database, so that every app instance slows the same guesser.
public struct SignInThrottleStore: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// Seconds before `key` may try again under `backoff`; zero when it may try now.
    public func wait(key: String, backoff: SignInBackoff, now: Date) async throws -> TimeInterval {
        guard let model = try await SignInThrottleModel.find(key, on: database.database) else { return 0 }
        return backoff.wait(failures: model.failures, lastFailureAt: model.lastFailureAt, now: now)
    }

    /// Records one failed sign-in against `key`.
    public func recordFailure(key: String, backoff: SignInBackoff, now: Date) async throws {
        try await database.database.transaction { db in
            let model = try await SignInThrottleModel.find(key, on: db) ?? SignInThrottleModel(key: key, now: now)
            model.failures = backoff.failuresSoFar(model.failures, lastFailureAt: model.lastFailureAt, now: now) + 1
            model.lastFailureAt = now
            try await model.save(on: db)
        }
    }

    /// Forgets the failures of `key` after a successful sign-in.
    public func clear(key: String) async throws {
        try await SignInThrottleModel.query(on: database.database).filter(\.$id == key).delete()
    }
}
