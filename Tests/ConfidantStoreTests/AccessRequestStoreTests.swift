import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

@Suite("Roles that read cases wait for a safeguarding lead")
struct AccessRequestStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    struct People {
        let admin: UserAccount
        let lead: UserAccount
        let secondLead: UserAccount
        let staff: UserAccount
    }

    func people(_ database: ConfidantDatabase) async throws -> People {
        let users = UserStore(database)
        func make(_ name: String, _ role: UserRole, after seconds: Double) async throws -> UserAccount {
            try await users.create(
                try AccountDetails(name: name, email: name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.org"),
                role: role, passwordHash: "h", now: now.addingTimeInterval(seconds), by: "system")
        }
        return People(
            admin: try await make("Ada Admin", .admin, after: 0), lead: try await make("Dana Lead", .dsl, after: 1),
            secondLead: try await make("Dev Lead", .dsl, after: 2), staff: try await make("Sam Staff", .staff, after: 3))
    }

    @Test(
        "an administrator's request for a role that reads cases changes nothing until a lead approves",
        arguments: TestDatabaseKind.available, [UserRole.dsl, .deputyDSL, .auditor, .partner])
    func roleWaits(kind: TestDatabaseKind, role: UserRole) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let requests = AccessRequestStore(database)
            guard case .waiting(let request) = try await requests.requestRole(role, for: p.staff.id, by: p.admin, now: now) else {
                Issue.record("the role was granted without a lead"); return
            }
            #expect(try await UserStore(database).find(id: p.staff.id)?.role == .staff)
            #expect(try await requests.waiting().map(\.id) == [request.id])
            let decided = try await requests.decide(request.id, approve: true, reason: "Starts as deputy on Monday", by: p.lead, now: now)
            #expect(decided.decision?.approved == true)
            #expect(try await UserStore(database).find(id: p.staff.id)?.role == role)
            #expect(try await requests.waiting().isEmpty)
        }
    }

    @Test("a new account with a role that reads cases cannot sign in until approved; a refusal keeps it out", arguments: TestDatabaseKind.available)
    func newAccountWaits(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let requests = AccessRequestStore(database)
            guard
                case .waiting(let request) = try await requests.createAccount(
                    try AccountDetails(name: "Pat Partner", email: "pat@police.example"), role: .partner, by: p.admin, now: now)
            else {
                Issue.record("a partner account was made without a lead"); return
            }
            #expect(request.account.canSignIn == false)
            _ = try await requests.decide(request.id, approve: false, reason: "Not known to the police liaison team", by: p.lead, now: now)
            #expect(try await UserStore(database).find(id: request.account.id)?.canSignIn == false)
            // Approved, a new account can sign in; it already held the role, so no role change is logged.
            guard
                case .waiting(let second) = try await requests.createAccount(
                    try AccountDetails(name: "Aud Auditor", email: "aud@example.org"), role: .auditor, by: p.admin, now: now)
            else {
                Issue.record("an auditor account was made without a lead"); return
            }
            _ = try await requests.decide(second.id, approve: true, reason: "Our auditor", by: p.lead, now: now)
            #expect(try await UserStore(database).find(id: second.account.id)?.canSignIn == true)
            let changes = try await AuditLogStore(database).search(action: "role_changed", target: AuditName.account(second.account.id))
            #expect(changes.isEmpty)
        }
    }

    @Test("roles that read no cases apply at once", arguments: TestDatabaseKind.available)
    func plainRolesApply(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let grant = try await AccessRequestStore(database).requestRole(.manager, for: p.staff.id, by: p.admin, now: now)
            guard case .granted(let account) = grant else { Issue.record("manager should apply at once"); return }
            #expect(account.role == .manager)
        }
    }

    @Test("nobody approves their own request, and only a DSL decides", arguments: TestDatabaseKind.available)
    func separation(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let requests = AccessRequestStore(database)
            guard case .waiting(let request) = try await requests.requestRole(.auditor, for: p.staff.id, by: p.lead, now: now) else {
                Issue.record("expected a request"); return
            }
            await #expect(throws: AccessRequestError.ownRequest) {
                _ = try await requests.decide(request.id, approve: true, reason: "me", by: p.lead, now: now)
            }
            await #expect(throws: AccessRequestError.notALead) {
                _ = try await requests.decide(request.id, approve: true, reason: "me", by: p.admin, now: now)
            }
            await #expect(throws: AccessRequestError.reasonMissing) {
                _ = try await requests.decide(request.id, approve: true, reason: "  ", by: p.secondLead, now: now)
            }
            #expect(try await UserStore(database).find(id: p.staff.id)?.role == .staff)
        }
    }

    @Test("two leads deciding at once: exactly one decision counts, the other is told who was first", arguments: TestDatabaseKind.available)
    func concurrentDecisions(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let p = try await people(database)
            let requests = AccessRequestStore(database)
            guard case .waiting(let request) = try await requests.requestRole(.dsl, for: p.staff.id, by: p.admin, now: now) else {
                Issue.record("expected a request"); return
            }
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<10 {
                    let lead = index.isMultiple(of: 2) ? p.lead : p.secondLead
                    group.addTask {
                        do {
                            _ = try await requests.decide(request.id, approve: index.isMultiple(of: 2), reason: "race \(index)", by: lead, now: now)
                            return true
                        } catch AccessRequestError.alreadyDecided { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let decisions = try await AuditLogStore(database).events(from: 1, limit: 500).filter { $0.action == .roleRequestDecided }
            #expect(decisions.count == 1)
        }
    }

    @Test("a new installation's first administrator names the first lead once, and never again", arguments: TestDatabaseKind.available)
    func firstLeadOnce(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            let admin = try await users.create(
                try AccountDetails(name: "First Admin", email: "first@example.org"), role: .admin,
                passwordHash: "h", now: now, by: "system")
            let second = try await users.create(
                try AccountDetails(name: "Second Admin", email: "second@example.org"), role: .admin,
                passwordHash: "h", now: now.addingTimeInterval(1), by: AuditName.user(admin.id))
            let requests = AccessRequestStore(database)
            // Only the first administrator may use it.
            guard
                case .waiting = try await requests.createAccount(
                    try AccountDetails(name: "Lee Lead", email: "lee@example.org"), role: .dsl, by: second, now: now)
            else {
                Issue.record("a second administrator named a lead"); return
            }
            guard
                case .granted(let lead) = try await requests.createAccount(
                    try AccountDetails(name: "Dana Lead", email: "dana@example.org"), role: .dsl, by: admin, now: now)
            else {
                Issue.record("the first lead should be named by the first administrator"); return
            }
            // Moving the only lead away does not reopen the chance.
            _ = try await requests.requestRole(.staff, for: lead.id, by: admin, now: now)
            guard
                case .waiting = try await requests.createAccount(
                    try AccountDetails(name: "Eve Admin-Controlled", email: "eve@example.org"), role: .dsl, by: admin, now: now)
            else {
                Issue.record("an administrator named a second lead"); return
            }
            let events = try await AuditLogStore(database).events(from: 1, limit: 500).filter { $0.action == .roleRequestDecided }
            #expect(events.count == 1)
            #expect(events.first?.detail.contains("first_lead") == true)
        }
    }
}
