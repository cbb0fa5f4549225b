import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

@Suite("One-time links")
struct OneTimeLinkStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("the first-run link creates one administrator, once", arguments: TestDatabaseKind.available)
    func firstAdministrator(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let links = OneTimeLinkStore(database)
            let token = try await links.issue(.firstAdministrator, userID: nil, now: now, validFor: 3600, by: "system")
            #expect(try await links.find(token: token, now: now)?.purpose == .firstAdministrator)
            let admin = try await links.createFirstAdministrator(
                token: token, details: try AccountDetails(name: "Ada Admin", email: "ada@example.org"), passwordHash: "h", now: now)
            #expect(admin.role == .admin)
            #expect(admin.hasPassword)
            #expect(try await links.find(token: token, now: now) == nil)
            await #expect(throws: StoreError.linkInvalid) {
                _ = try await links.createFirstAdministrator(
                    token: token, details: try AccountDetails(name: "Eve", email: "eve@example.org"), passwordHash: "h", now: now)
            }
            #expect(try await UserStore(database).count() == 1)
        }
    }

    @Test("a first-run link stops working once any account exists", arguments: TestDatabaseKind.available)
    func firstAdministratorOnlyWhenEmpty(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let links = OneTimeLinkStore(database)
            let token = try await links.issue(.firstAdministrator, userID: nil, now: now, validFor: 3600, by: "system")
            _ = try await UserStore(database).create(
                try AccountDetails(name: "Cli Admin", email: "cli@example.org"), role: .admin, passwordHash: nil, now: now, by: "system")
            await #expect(throws: StoreError.linkInvalid) {
                _ = try await links.createFirstAdministrator(
                    token: token, details: try AccountDetails(name: "Eve", email: "eve@example.org"), passwordHash: "h", now: now)
            }
            #expect(try await UserStore(database).count() == 1)
        }
    }

    @Test("links expire, and a new one replaces the old", arguments: TestDatabaseKind.available)
    func expiryAndReplacement(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await UserStore(database).create(
                try AccountDetails(name: "Fay", email: "fay@example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
            let links = OneTimeLinkStore(database)
            let old = try await links.issue(.setPassword, userID: user.id, now: now, validFor: 3600, by: "system")
            let new = try await links.issue(.setPassword, userID: user.id, now: now, validFor: 3600, by: "system")
            #expect(try await links.find(token: old, now: now) == nil)
            #expect(try await links.find(token: new, now: now)?.user?.id == user.id)
            #expect(try await links.find(token: new, now: now.addingTimeInterval(3601)) == nil)
            await #expect(throws: StoreError.linkInvalid) {
                _ = try await links.setPassword(token: new, passwordHash: "h", now: now.addingTimeInterval(3601))
            }
        }
    }

    @Test("setting a password works once and ends the account's other sessions", arguments: TestDatabaseKind.available)
    func setPassword(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await UserStore(database).create(
                try AccountDetails(name: "Gus", email: "gus@example.org"), role: .staff, passwordHash: "old", now: now, by: "system")
            let sessions = SessionStore(database)
            _ = try await sessions.start(userID: user.id, now: now, address: "127.0.0.1")
            let links = OneTimeLinkStore(database)
            let token = try await links.issue(.setPassword, userID: user.id, now: now, validFor: 3600, by: "system")
            let updated = try await links.setPassword(token: token, passwordHash: "new", now: now)
            #expect(updated.hasPassword)
            #expect(try await UserStore(database).credentials(email: "gus@example.org")?.passwordHash == "new")
            #expect(try await sessions.count(userID: user.id) == 0)
            await #expect(throws: StoreError.linkInvalid) { _ = try await links.setPassword(token: token, passwordHash: "x", now: now) }
        }
    }

    @Test("two people using one set-password link at once: one password is set, the other link use is refused",
          arguments: TestDatabaseKind.available)
    func concurrentUse(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await UserStore(database).create(
                try AccountDetails(name: "Gus", email: "gus@example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
            let links = OneTimeLinkStore(database)
            let token = try await links.issue(.setPassword, userID: user.id, now: now, validFor: 3600, by: "system")
            let hashes = (0..<6).map { "hash-\($0)" }
            let set = try await withThrowingTaskGroup(of: String?.self) { group in
                for hash in hashes {
                    group.addTask {
                        do {
                            _ = try await links.setPassword(token: token, passwordHash: hash, now: now)
                            return hash
                        } catch StoreError.linkInvalid {
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { if let hash = $1 { $0.append(hash) } }
            }
            #expect(set.count == 1)
            #expect(try await UserStore(database).credentials(email: "gus@example.org")?.passwordHash == set.first)
            #expect(try await AuditLogStore(database).search(action: "password_set").count == 1)
        }
    }

    @Test("a set-password link cannot create an administrator", arguments: TestDatabaseKind.available)
    func purposeChecked(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let links = OneTimeLinkStore(database)
            let token = try await links.issue(.setPassword, userID: nil, now: now, validFor: 3600, by: "system")
            await #expect(throws: StoreError.linkInvalid) {
                _ = try await links.createFirstAdministrator(
                    token: token, details: try AccountDetails(name: "Eve", email: "eve@example.org"), passwordHash: "h", now: now)
            }
        }
    }
}
