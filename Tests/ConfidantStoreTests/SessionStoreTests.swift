import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

@Suite("Sessions in the store")
struct SessionStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("a busy session still ends at its absolute lifetime", arguments: TestDatabaseKind.available)
    func absoluteLifetime(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await database.testAccount("Ash", "ash@example.org", role: .dsl, passwordHash: "h", now: now)
            let sessions = SessionStore(database)
            let credentials = try await sessions.start(userID: user.id, now: now, address: "127.0.0.1")
            // Used every 20 minutes for 12 hours: never idle, yet it ends when the 12 hours are up.
            for step in 1...36 {
                let at = now.addingTimeInterval(Double(step) * 1200)
                #expect(try await sessions.resolve(token: credentials.token, now: at, idleTimeout: 1800, lifetime: 12 * 3600) != nil)
            }
            #expect(
                try await sessions.resolve(
                    token: credentials.token, now: now.addingTimeInterval(12 * 3600 + 60), idleTimeout: 1800, lifetime: 12 * 3600) == nil)
        }
    }

    @Test("a session resolves to its account until it has been idle too long", arguments: TestDatabaseKind.available)
    func idleTimeout(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await database.testAccount("Ash", "ash@example.org", role: .dsl, passwordHash: "h", now: now)
            let sessions = SessionStore(database)
            let credentials = try await sessions.start(userID: user.id, now: now, address: "127.0.0.1")
            #expect(credentials.token != credentials.csrfToken)

            let active = try await sessions.resolve(
                token: credentials.token, now: now.addingTimeInterval(600), idleTimeout: 1800, lifetime: 12 * 3600)
            #expect(active?.user.id == user.id)
            #expect(active?.csrfToken == credentials.csrfToken)
            // Being used moves the idle deadline on.
            #expect(
                try await sessions.resolve(token: credentials.token, now: now.addingTimeInterval(2300), idleTimeout: 1800, lifetime: 12 * 3600) != nil
            )
            #expect(
                try await sessions.resolve(token: credentials.token, now: now.addingTimeInterval(4200), idleTimeout: 1800, lifetime: 12 * 3600) == nil
            )
            // An idle session is gone for good, not just refused once.
            #expect(try await sessions.count(userID: user.id) == 0)
        }
    }

    @Test("a wrong or ended token resolves to nothing", arguments: TestDatabaseKind.available)
    func signOut(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await database.testAccount("Bo", "bo@example.org", role: .staff, passwordHash: "h", now: now)
            let sessions = SessionStore(database)
            let credentials = try await sessions.start(userID: user.id, now: now, address: "127.0.0.1")
            #expect(try await sessions.resolve(token: "not-a-token", now: now, idleTimeout: 1800, lifetime: 12 * 3600) == nil)
            try await sessions.end(token: credentials.token, now: now)
            #expect(try await sessions.resolve(token: credentials.token, now: now, idleTimeout: 1800, lifetime: 12 * 3600) == nil)
        }
    }

    @Test("the database holds only a hash of the session token", arguments: TestDatabaseKind.available)
    func tokenHashed(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await database.testAccount("Cy", "cy@example.org", role: .staff, passwordHash: "h", now: now)
            let credentials = try await SessionStore(database).start(userID: user.id, now: now, address: "127.0.0.1")
            let ids = try await database.strings("SELECT id FROM sessions")
            #expect(ids == [SecretToken.hash(credentials.token)])
            #expect(!ids.contains(credentials.token))
        }
    }

    @Test("idle sessions are swept out", arguments: TestDatabaseKind.available)
    func removeIdle(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await database.testAccount("Di", "di@example.org", role: .staff, passwordHash: "h", now: now)
            let sessions = SessionStore(database)
            _ = try await sessions.start(userID: user.id, now: now, address: "127.0.0.1")
            _ = try await sessions.start(userID: user.id, now: now.addingTimeInterval(3600), address: "127.0.0.1")
            try await sessions.removeIdle(before: now.addingTimeInterval(60))
            #expect(try await sessions.count(userID: user.id) == 1)
        }
    }
}
