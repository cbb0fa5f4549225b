import FluentKit
import Foundation

/// The `sign_in_throttles` table: recent failed sign-ins per account and per network address.
final class SignInThrottleModel: Model, @unchecked Sendable {
    static let schema = "sign_in_throttles"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "failures") var failures: Int
    @Field(key: "last_failure_at") var lastFailureAt: Date

    init() {}

    init(key: String, now: Date) {
        self.id = key
        self.failures = 0
        self.lastFailureAt = now
    }
}
