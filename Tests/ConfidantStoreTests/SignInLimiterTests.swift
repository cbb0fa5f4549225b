import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

@Suite("Sign-in attempts are admitted by the database, one statement per counter")
struct SignInLimiterTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// One attempt at kim's account from `address`.
    func attempt(_ limiter: SignInLimiter, from address: String, at time: Date) async throws -> SignInLimiter.Refusal? {
        try await limiter.admitSignIn(
            accountAtAddress: .init("pair:kim@\(address)", .accountAtAddress), account: .init("account:kim", .account),
            address: .init("address:\(address)", .address), now: time)
    }

    @Test("a burst of 100 concurrent attempts lets exactly the five free ones through", arguments: TestDatabaseKind.available)
    func burst(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            let now = now
            let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<100 { group.addTask { try await attempt(limiter, from: "198.51.100.7", at: now) == nil } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == 5)
        }
    }

    @Test("being refused never lengthens the wait", arguments: TestDatabaseKind.available)
    func refusalsDoNotCount(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            for _ in 1...5 {
                let refusal = try await attempt(limiter, from: "198.51.100.7", at: now)
                #expect(refusal == nil)
            }
            for _ in 1...50 {
                let refusal = try await attempt(limiter, from: "198.51.100.7", at: now.addingTimeInterval(1))
                #expect(refusal?.wait == 1)
            }
            let after = try await attempt(limiter, from: "198.51.100.7", at: now.addingTimeInterval(2))
            #expect(after == nil)
        }
    }

    @Test("a guesser elsewhere, from one address or many, never holds back the real person's own address", arguments: TestDatabaseKind.available)
    func realPersonGetsIn(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            var time = now
            for round in 0..<400 {
                _ = try await attempt(limiter, from: "203.0.113.\(round < 200 ? 1 : round % 100)", at: time)
                time = time.addingTimeInterval(1)
            }
            let refusal = try await attempt(limiter, from: "192.0.2.44", at: time)
            #expect(refusal == nil)
        }
    }

    @Test("an address that has failed at the account is held back by the account as a whole", arguments: TestDatabaseKind.available)
    func failingAddressesShareTheAccountsWait(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            // Six addresses fail twice each: the account's counter fills from their second tries.
            for index in 0..<6 {
                for _ in 0..<2 { _ = try await attempt(limiter, from: "203.0.113.\(index)", at: now) }
            }
            let again = try await attempt(limiter, from: "203.0.113.0", at: now)
            #expect(again != nil)
            #expect(try await attempt(limiter, from: "192.0.2.44", at: now) == nil)
        }
    }

    @Test(
        "refusals worth a line in the log: the first, then each power of ten",
        arguments: [
            (1, true), (2, false), (9, false), (10, true), (11, false), (100, true), (1000, true), (1500, false),
        ])
    func loggedRefusals(refusals: Int, logged: Bool) {
        #expect(SignInLimiter.Refusal(wait: 1, refusals: refusals).isWorthLogging == logged)
    }

    @Test("after a quiet day the count starts again, and a sign-in clears it", arguments: TestDatabaseKind.available)
    func forgetAndClear(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            for _ in 1...5 { _ = try await attempt(limiter, from: "198.51.100.7", at: now) }
            #expect(try await attempt(limiter, from: "198.51.100.7", at: now) != nil)
            let later = now.addingTimeInterval(25 * 3600)
            #expect(try await attempt(limiter, from: "198.51.100.7", at: later) == nil)
            for _ in 1...4 { _ = try await attempt(limiter, from: "198.51.100.7", at: later) }
            try await limiter.clear(["pair:kim@198.51.100.7", "account:kim"])
            #expect(try await attempt(limiter, from: "198.51.100.7", at: later) == nil)
        }
    }
}
