import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

@Suite("Sign-in attempts are admitted by the database, one statement per counter")
struct SignInLimiterTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func keys(_ address: String) -> [SignInLimiter.Key] {
        [.init("account:kim", .account), .init("pair:kim@\(address)", .accountAtAddress), .init("address:\(address)", .address)]
    }

    @Test("a burst of 100 concurrent attempts lets exactly the five free ones through", arguments: TestDatabaseKind.available)
    func burst(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            let attempt = keys("198.51.100.7")
            let now = now
            let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<100 { group.addTask { try await limiter.admit(attempt, now: now) == nil } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == 5)
            // The refusals are counted, so the log can record the 1st, 10th… instead of every one.
            let refused = try await database.strings("SELECT CAST(refused AS TEXT) FROM sign_in_limits WHERE id = 'account:kim'")
            #expect(refused == ["95"])
        }
    }

    @Test("refusals worth a line in the log: the first, then each power of ten", arguments: [
        (1, true), (2, false), (9, false), (10, true), (11, false), (100, true), (1000, true), (1500, false),
    ])
    func loggedRefusals(refusals: Int, logged: Bool) {
        #expect(SignInLimiter.Refusal(wait: 1, refusals: refusals).isWorthLogging == logged)
    }

    @Test("being refused never lengthens the wait", arguments: TestDatabaseKind.available)
    func refusalsDoNotCount(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            let attempt = keys("198.51.100.7")
            for _ in 1...5 {
                let wait = try await limiter.admit(attempt, now: now)
                #expect(wait == nil)
            }
            for _ in 1...50 {
                let refusal = try await limiter.admit(attempt, now: now.addingTimeInterval(1))
                #expect(refusal?.wait == 1)
            }
            let after = try await limiter.admit(attempt, now: now.addingTimeInterval(2))
            #expect(after == nil)
        }
    }

    @Test("a guesser elsewhere keeps the real person out for at most a minute", arguments: TestDatabaseKind.available)
    func realPersonGetsIn(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            // Two hours of an attacker trying every ten seconds, from one address, then from many.
            var time = now
            for round in 0..<720 {
                _ = try await limiter.admit(keys("203.0.113.\(round < 360 ? 1 : round % 200)"), now: time)
                time = time.addingTimeInterval(10)
            }
            // The real person, from their own address, tries once a second: they are in within a minute.
            var waited = 0.0
            var admitted = false
            while waited <= 60, !admitted {
                let refusal = try await limiter.admit(keys("192.0.2.44"), now: time.addingTimeInterval(waited))
                admitted = refusal == nil
                if !admitted { waited += 1 }
            }
            #expect(admitted)
            #expect(waited <= 60)
        }
    }

    @Test("while the account is held back, a clean address's attempts count against nothing else", arguments: TestDatabaseKind.available)
    func accountRefusalFirst(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            for index in 0..<6 { _ = try await limiter.admit(keys("203.0.113.\(index)"), now: now) }
            // The account waits 2 s; the real person retries every tenth of a second for 6 s: the one attempt the
            // account admitted (at 2 s) is all their own counters hold.
            for tenth in 0..<60 { _ = try await limiter.admit(keys("192.0.2.44"), now: now.addingTimeInterval(Double(tenth) / 10)) }
            let own = try await database.strings("SELECT CAST(attempts AS TEXT) FROM sign_in_limits WHERE id LIKE '%192.0.2.44'")
            #expect(own == ["1", "1"])
        }
    }

    @Test("after a quiet day the count starts again, and a sign-in clears it", arguments: TestDatabaseKind.available)
    func forgetAndClear(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let limiter = SignInLimiter(database)
            let attempt = keys("198.51.100.7")
            for _ in 1...5 { _ = try await limiter.admit(attempt, now: now) }
            #expect(try await limiter.admit(attempt, now: now) != nil)
            #expect(try await limiter.admit(attempt, now: now.addingTimeInterval(25 * 3600)) == nil)
            for _ in 1...4 { _ = try await limiter.admit(attempt, now: now.addingTimeInterval(25 * 3600)) }
            try await limiter.clear(attempt.map(\.name))
            #expect(try await limiter.admit(attempt, now: now.addingTimeInterval(25 * 3600)) == nil)
        }
    }
}
