import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("One-time links")
struct OneTimeLinkStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let cipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-test"))

    func stores(_ database: ConfidantDatabase) -> (links: OneTimeLinkStore, outbox: MailOutbox) {
        let outbox = MailOutbox(database, cipher: Self.cipher)
        return (OneTimeLinkStore(database, outbox: outbox), outbox)
    }

    /// Emails a set-password link and returns the token, read from the email as its holder would.
    func emailedToken(_ links: OneTimeLinkStore, _ outbox: MailOutbox, to user: UserAccount, by actor: String = "system") async throws -> String {
        let earlier = Set(try await outbox.messages().map(\.body))
        _ = try await links.sendSetPasswordLink(
            to: user.id, url: { "https://confidant.example/set-password/\($0)" }, now: now,
            validFor: 3600, by: actor)
        let email = try #require(try await outbox.messages().first { !earlier.contains($0.body) })
        #expect(email.recipient == user.email)
        let match = try #require(email.body.firstMatch(of: /set-password\/([A-Za-z0-9_\-]+)/))
        return String(match.output.1)
    }

    @Test("the first-run link creates one administrator, once", arguments: TestDatabaseKind.available)
    func firstAdministrator(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (links, _) = stores(database)
            let token = try await links.issueFirstAdministratorLink(now: now, validFor: 3600)
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
            let (links, _) = stores(database)
            let token = try await links.issueFirstAdministratorLink(now: now, validFor: 3600)
            _ = try await database.testAccount("Cli Admin", "cli@example.org", role: .admin, passwordHash: nil, now: now)
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
            let user = try await database.testAccount("Fay", "fay@example.org", role: .staff, passwordHash: nil, now: now)
            let (links, outbox) = stores(database)
            let old = try await emailedToken(links, outbox, to: user)
            let new = try await emailedToken(links, outbox, to: user)
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
            let user = try await database.testAccount("Gus", "gus@example.org", role: .staff, passwordHash: "old", now: now)
            let sessions = SessionStore(database)
            _ = try await sessions.start(userID: user.id, now: now, address: "127.0.0.1")
            let (links, outbox) = stores(database)
            let token = try await emailedToken(links, outbox, to: user)
            let updated = try await links.setPassword(token: token, passwordHash: "new", now: now)
            #expect(updated.hasPassword)
            #expect(try await UserStore(database).credentials(email: "gus@example.org")?.passwordHash == "new")
            #expect(try await sessions.count(userID: user.id) == 0)
            await #expect(throws: StoreError.linkInvalid) { _ = try await links.setPassword(token: token, passwordHash: "x", now: now) }
        }
    }

    @Test(
        "two people using one set-password link at once: one password is set, the other link use is refused",
        arguments: TestDatabaseKind.available)
    func concurrentUse(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let user = try await database.testAccount("Gus", "gus@example.org", role: .staff, passwordHash: nil, now: now)
            let (links, outbox) = stores(database)
            let token = try await emailedToken(links, outbox, to: user)
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
            let (links, outbox) = stores(database)
            let other = try await database.testAccount("Ida", "ida@example.org", role: .staff, passwordHash: nil, now: now)
            let token = try await emailedToken(links, outbox, to: other)
            // Even with no account left (so a first-run link would be accepted), a set-password link is not one.
            try await database.execute("UPDATE one_time_links SET user_id = NULL WHERE purpose = 'set_password'")
            try await database.execute("DELETE FROM users")
            await #expect(throws: StoreError.linkInvalid) {
                _ = try await links.createFirstAdministrator(
                    token: token, details: try AccountDetails(name: "Eve", email: "eve@example.org"), passwordHash: "h", now: now)
            }
        }
    }

    @Test("a set-password link goes only to the account's own address, sealed, and its use names who asked", arguments: TestDatabaseKind.available)
    func linkReachesOnlyItsHolder(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (links, outbox) = stores(database)
            let users = UserStore(database)
            let admin = try await users.create(
                try AccountDetails(name: "Ada Admin", email: "ada@example.org"), role: .admin, passwordHash: "h", now: now, by: "system")
            let lead = try await users.create(
                try AccountDetails(name: "Dana Lead", email: "dana@example.org"), role: .dsl, passwordHash: "h", now: now, by: "system")
            let token = try await emailedToken(links, outbox, to: lead, by: AuditName.user(admin.id))
            // What the database holds is sealed: neither the token nor the link is readable in it.
            let stored = try await database.strings("SELECT sealed_body FROM outbox_messages").joined()
            #expect(!stored.contains(token))
            #expect(!stored.contains("set-password"))
            _ = try await links.setPassword(token: token, passwordHash: "new", now: now)
            let events = try await AuditLogStore(database).events(from: 1, limit: 500)
            let set = try #require(events.last { $0.action == .passwordSet })
            #expect(set.actor == AuditName.user(lead.id))
            #expect(set.detail.contains(AuditName.user(admin.id)))
            let issued = try #require(events.last { $0.action == .passwordLinkIssued })
            #expect(issued.actor == AuditName.user(admin.id))
        }
    }
}
