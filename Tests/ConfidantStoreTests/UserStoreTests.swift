import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

@Suite("Accounts in the store")
struct UserStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func details(_ name: String, _ email: String) throws -> AccountDetails {
        try AccountDetails(name: name, email: email)
    }

    @Test(
        "eight requests adding one address at once: one account is made, the others are told the address is taken",
        arguments: TestDatabaseKind.available)
    func concurrentDuplicate(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            let details = try details("Al Racer", "al@example.org")
            let now = now
            let outcomes = await withTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await users.create(details, role: .staff, passwordHash: nil, now: now, by: "system")
                            return "created"
                        } catch let error as StoreError where error == .duplicateEmail("al@example.org") {
                            return "taken"
                        } catch {
                            return "other: \(error)"
                        }
                    }
                }
                var all: [String] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == "created" }.count == 1, "\(outcomes)")
            #expect(outcomes.filter { $0 == "taken" }.count == 7, "\(outcomes)")
            #expect(try await users.count() == 1)
        }
    }

    @Test("an account is created, found by email in any case, and listed by name", arguments: TestDatabaseKind.available)
    func createFindList(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            #expect(try await users.count() == 0)
            let zed = try await users.create(try details("Zed Example", "Zed@Example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
            _ = try await users.create(try details("Amy Example", "amy@example.org"), role: .dsl, passwordHash: "hash", now: now, by: "system")
            #expect(zed.email == "zed@example.org")
            #expect(zed.hasPassword == false)
            #expect(try await users.find(email: "ZED@example.org")?.id == zed.id)
            #expect(try await users.find(id: zed.id)?.name == "Zed Example")
            #expect(try await users.all().map(\.name) == ["Amy Example", "Zed Example"])
            #expect(try await users.count() == 2)
        }
    }

    @Test("a second account with the same email is refused and nothing is written", arguments: TestDatabaseKind.available)
    func duplicateEmail(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            _ = try await users.create(try details("One", "same@example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
            await #expect(throws: StoreError.duplicateEmail("same@example.org")) {
                _ = try await users.create(try details("Two", "SAME@example.org"), role: .admin, passwordHash: nil, now: now, by: "system")
            }
            #expect(try await users.count() == 1)
        }
    }

    @Test("changing the role is kept; an unknown id is an error", arguments: TestDatabaseKind.available)
    func setRole(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            let user = try await users.create(try details("Sam", "sam@example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
            let requests = AccessRequestStore(database)
            let changed = try await requests.requestRole(.manager, for: user.id, by: nil, now: now.addingTimeInterval(5))
            #expect(changed == .granted(try #require(try await users.find(id: user.id))))
            #expect(try await users.find(id: user.id)?.role == .manager)
            #expect(try await users.find(id: user.id)?.updatedAt == now.addingTimeInterval(5))
            await #expect(throws: StoreError.self) { _ = try await requests.requestRole(.admin, for: UUID(), by: nil, now: now) }
        }
    }

    @Test("a bearer token ends at its expiry, is listed without its secret, and is revoked by its handle", arguments: TestDatabaseKind.available)
    func tokenLifecycle(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await UserStore(database).create(
                try details("Tia", "tia@example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
            let tokens = APITokenStore(database)
            let short = try await tokens.issue(userID: user.id, label: "nightly export", now: now, lifetime: 86_400, by: "system")
            let long = try await tokens.issue(userID: user.id, label: "case system", now: now, by: "system")
            #expect(try await tokens.account(for: short, now: now.addingTimeInterval(3600))?.id == user.id)
            #expect(try await tokens.account(for: short, now: now.addingTimeInterval(86_401)) == nil)
            let listed = try await tokens.tokens(of: user.id)
            #expect(Set(listed.map(\.label)) == ["nightly export", "case system"])
            #expect(!listed.contains { short.hasPrefix($0.handle) || long.hasPrefix($0.handle) })
            let handle = try #require(listed.first { $0.label == "case system" }?.handle)
            #expect(try await tokens.revoke(handle: handle, of: user.id, now: now, by: "system"))
            #expect(try await tokens.account(for: long, now: now) == nil)
            #expect(try await tokens.revoke(handle: handle, of: user.id, now: now, by: "system") == false)
        }
    }

    @Test("disabling an account ends its sessions and API tokens at once", arguments: TestDatabaseKind.available)
    func disableEndsSessions(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            let sessions = SessionStore(database)
            let tokens = APITokenStore(database)
            let user = try await users.create(try details("Kit", "kit@example.org"), role: .staff, passwordHash: "h", now: now, by: "system")
            let first = try await sessions.start(userID: user.id, now: now, address: "127.0.0.1")
            _ = try await sessions.start(userID: user.id, now: now, address: "127.0.0.1")
            let token = try await tokens.issue(userID: user.id, label: "test", now: now, by: "system")
            #expect(try await sessions.count(userID: user.id) == 2)
            #expect(try await tokens.account(for: token, now: now)?.id == user.id)

            let disabled = try await users.setDisabled(id: user.id, true, now: now, by: "system")
            #expect(disabled.disabled)
            #expect(try await sessions.count(userID: user.id) == 0)
            #expect(try await sessions.resolve(token: first.token, now: now, idleTimeout: 1800, lifetime: 12 * 3600) == nil)
            #expect(try await tokens.account(for: token, now: now) == nil)
            #expect(try await users.setDisabled(id: user.id, false, now: now, by: "system").disabled == false)
        }
    }

    @Test("migrating an up-to-date database again changes nothing", arguments: TestDatabaseKind.available)
    func migrateTwice(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            _ = try await UserStore(database).create(try details("Lee", "lee@example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
            try await database.migrate()
            #expect(try await UserStore(database).count() == 1)
        }
    }
}
