import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import Testing

@Suite("One-time codes for partner contacts without an account")
struct ShareAccessCodesTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let fixtures = ShareStoreTests()
    static let link = "https://confidant.example.org/shares/x/code"

    /// A sent share to a contact who has no account, and the store.
    func sentShare(_ database: ConfidantDatabase) async throws -> (ShareStore, Share) {
        let f = try await fixtures.fixture(database)
        let shares = ShareStore(database, cipher: ShareStoreTests.cipher)
        let contact = try await fixtures.contact(shares, f, email: "nia@example.org")
        return (shares, try await shares.record(fixtures.proposal(f, by: f.lead, contact: contact.id)))
    }

    func code(_ email: OutboxEmail) throws -> String {
        try #require(email.body.firstMatch(of: /\d{8}/).map { String($0.output) })
    }

    func wrong(_ codes: [String]) -> String {
        (0..<100).map { String(format: "%08d", $0) }.first { !codes.contains($0) } ?? "99999999"
    }

    @Test("asking again leaves the first code working; each code works once", arguments: TestDatabaseKind.available)
    func everyLiveCodeWorks(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (shares, share) = try await sentShare(database)
            let first = try code(try await shares.issueAccessCode(for: share.id, link: Self.link, from: "198.51.100.1", now: now))
            let second = try code(try await shares.issueAccessCode(for: share.id, link: Self.link, from: "198.51.100.1", now: now))
            #expect(try await shares.openWithAccessCode(share.id, code: first, from: "198.51.100.1", now: now).share.id == share.id)
            #expect(try await shares.openWithAccessCode(share.id, code: second, from: "198.51.100.1", now: now).share.id == share.id)
            await #expect(throws: ShareCodeError.invalidCode) {
                _ = try await shares.openWithAccessCode(share.id, code: first, from: "198.51.100.1", now: now)
            }
            await #expect(throws: ShareCodeError.invalidCode, "codes expire after 15 minutes") {
                let late = try code(try await shares.issueAccessCode(for: share.id, link: Self.link, from: "198.51.100.1", now: now))
                _ = try await shares.openWithAccessCode(share.id, code: late, from: "198.51.100.1", now: now.addingTimeInterval(15 * 60 + 1))
            }
        }
    }

    @Test(
        "code requests are limited per address (small) and per contact (generous), and each issue is audited without the code",
        arguments: TestDatabaseKind.available)
    func requestLimits(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (shares, share) = try await sentShare(database)
            var codes: [String] = []
            for _ in 0..<5 { codes.append(try code(try await shares.issueAccessCode(for: share.id, link: Self.link, from: "203.0.113.9", now: now))) }
            await #expect(throws: ShareCodeError.tooManyCodes) {
                _ = try await shares.issueAccessCode(for: share.id, link: Self.link, from: "203.0.113.9", now: now)
            }
            // The contact, from their own address, still gets a code, and every earlier one still works.
            let own = try code(try await shares.issueAccessCode(for: share.id, link: Self.link, from: "198.51.100.1", now: now))
            #expect(try await shares.openWithAccessCode(share.id, code: own, from: "198.51.100.1", now: now).share.id == share.id)
            #expect(try await shares.openWithAccessCode(share.id, code: codes[0], from: "198.51.100.1", now: now).share.id == share.id)
            // Per contact, from any number of addresses, at most 20 an hour; the next hour starts again.
            for n in 0..<14 { _ = try await shares.issueAccessCode(for: share.id, link: Self.link, from: "192.0.2.\(n)", now: now) }
            await #expect(throws: ShareCodeError.tooManyCodes) {
                _ = try await shares.issueAccessCode(for: share.id, link: Self.link, from: "192.0.2.200", now: now)
            }
            _ = try await shares.issueAccessCode(for: share.id, link: Self.link, from: "192.0.2.200", now: now.addingTimeInterval(3601))

            let issued = try await AuditLogStore(database).search(action: "share_code_issued", target: "share:\(share.id.uuidString.lowercased())")
            #expect(issued.count == 21)
            #expect(issued.contains { $0.detail.contains("203.0.113.9") })
            let contactID = share.recipientContactID?.uuidString.lowercased() ?? ""
            #expect(
                issued.allSatisfy { event in
                    let detail = event.detail.replacingOccurrences(of: contactID, with: "")
                    return !codes.contains { detail.contains($0) } && !detail.contains(own)
                })
        }
    }

    @Test(
        "wrong guesses from one address stop that address only; the contact still opens the share from theirs",
        arguments: TestDatabaseKind.available)
    func guessesPerAddress(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (shares, share) = try await sentShare(database)
            let real = try code(try await shares.issueAccessCode(for: share.id, link: Self.link, from: "198.51.100.1", now: now))
            for _ in 0..<12 { _ = try? await shares.openWithAccessCode(share.id, code: wrong([real]), from: "203.0.113.66", now: now) }
            await #expect(throws: ShareCodeError.tooManyGuesses(seconds: 3600)) {
                _ = try await shares.openWithAccessCode(share.id, code: real, from: "203.0.113.66", now: now)
            }
            #expect(try await shares.openWithAccessCode(share.id, code: real, from: "198.51.100.1", now: now).share.id == share.id)
            let failures = try await AuditLogStore(database).search(action: "share_code_failed", target: "share:\(share.id.uuidString.lowercased())")
            #expect(failures.count == 13)
            #expect(failures.filter { $0.detail.contains("wrong_code") }.count == 10)
            #expect(failures.allSatisfy { $0.detail.contains("203.0.113.66") && !$0.detail.contains(real) })
            // An hour later the address may guess again.
            let next = try code(
                try await shares.issueAccessCode(for: share.id, link: Self.link, from: "198.51.100.1", now: now.addingTimeInterval(3600)))
            #expect(
                try await shares.openWithAccessCode(share.id, code: next, from: "203.0.113.66", now: now.addingTimeInterval(3600)).share.id
                    == share.id)
        }
    }

    @Test("a burst of 50 wrong guesses at once from one address counts at most the limit", arguments: TestDatabaseKind.available)
    func concurrentGuesses(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (shares, share) = try await sentShare(database)
            let real = try code(try await shares.issueAccessCode(for: share.id, link: Self.link, from: "198.51.100.1", now: now))
            let guess = wrong([real])
            let outcomes = try await withThrowingTaskGroup(of: ShareCodeError?.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        do {
                            _ = try await shares.openWithAccessCode(share.id, code: guess, from: "203.0.113.66", now: now)
                            return nil
                        } catch let error as ShareCodeError {
                            return error
                        }
                    }
                }
                return try await group.reduce(into: [ShareCodeError?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .invalidCode }.count == 10)
            #expect(outcomes.filter { $0 == .tooManyGuesses(seconds: 3600) }.count == 40)
            let failures = try await AuditLogStore(database).search(action: "share_code_failed")
            #expect(failures.filter { $0.detail.contains("wrong_code") }.count == 10)
            #expect(failures.count == 50)
            #expect(try await shares.openWithAccessCode(share.id, code: real, from: "198.51.100.1", now: now).share.id == share.id)
        }
    }
}
