import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

@Suite("Failed sign-ins")
struct SignInThrottleStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("five failures are free; the sixth makes the next attempt wait; success clears it",
          arguments: TestDatabaseKind.available)
    func backoff(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let throttles = SignInThrottleStore(database)
            for _ in 1...5 { try await throttles.recordFailure(key: "account:a@example.org", backoff: .account, now: now) }
            #expect(try await throttles.wait(key: "account:a@example.org", backoff: .account, now: now) == 0)
            try await throttles.recordFailure(key: "account:a@example.org", backoff: .account, now: now)
            #expect(try await throttles.wait(key: "account:a@example.org", backoff: .account, now: now) == 2)
            #expect(try await throttles.wait(key: "account:other@example.org", backoff: .account, now: now) == 0)
            try await throttles.clear(key: "account:a@example.org")
            #expect(try await throttles.wait(key: "account:a@example.org", backoff: .account, now: now) == 0)
        }
    }
}
