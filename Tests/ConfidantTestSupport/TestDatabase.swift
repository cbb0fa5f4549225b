import ConfidantCore
import ConfidantStore
import Foundation
import Logging
import Synchronization

/// The databases every store test runs against: SQLite always, PostgreSQL when the test command started one.
public enum TestDatabaseKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The URL of a PostgreSQL server the tests may create databases on (`scripts/test` sets it).
    public static var postgresAdminURL: String? { ProcessInfo.processInfo.environment["CONFIDANT_TEST_POSTGRES_URL"] }

    /// SQLite, and PostgreSQL when `CONFIDANT_TEST_POSTGRES_URL` is set.
    public static var available: [TestDatabaseKind] { postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgres] }
}

/// A fresh, migrated, empty database for one test, removed afterwards.
public func withTestDatabase<T>(
    _ kind: TestDatabaseKind, _ body: (ConfidantDatabase) async throws -> T
) async throws -> T {
    var logger = Logger(label: "confidant-test")
    logger.logLevel = .warning
    switch kind {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("confidant-test-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        return try await run(.sqliteFile(path: path), logger: logger, body)
    case .postgres:
        guard let admin = TestDatabaseKind.postgresAdminURL, var parts = URLComponents(string: admin) else {
            throw TestDatabaseError.postgresNotConfigured
        }
        let name = "confidant_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let adminDatabase = try ConfidantDatabase(location: .postgres(url: admin), logger: logger)
        try await adminDatabase.execute("CREATE DATABASE \(name)")
        parts.path = "/" + name
        defer {
            Task {
                try? await adminDatabase.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                await adminDatabase.shutdown()
            }
        }
        return try await run(.postgres(url: parts.string ?? admin), logger: logger, body)
    }
}

private func run<T>(
    _ location: DatabaseLocation, logger: Logger, _ body: (ConfidantDatabase) async throws -> T
) async throws -> T {
    // Every suite runs at once on a 2-core machine, so a burst that queues for a connection can wait
    // longer than a lone server would let it (a minute): fifty serial transactions were seen to take more.
    let database = try ConfidantDatabase(location: location, logger: logger, connectionWait: .minutes(5))
    do {
        try await database.migrate()
        let result = try await body(database)
        await database.shutdown()
        return result
    } catch {
        await database.shutdown()
        throw error
    }
}

/// The test environment lacks something a test needs.
public enum TestDatabaseError: Error, CustomStringConvertible {
    case postgresNotConfigured
    public var description: String { "CONFIDANT_TEST_POSTGRES_URL is not set; run the tests with ./scripts/test" }
}

/// A clock that tests move by hand.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(start) }

    /// The time now, as far as the code under test knows.
    public var now: Date { current.withLock { $0 } }

    /// Moves time forward.
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

extension ConfidantDatabase {
    /// An account made straight in the store for a test (no email, no approval), recorded as by the system.
    public func testAccount(_ name: String, _ email: String, role: UserRole, passwordHash: String?, now: Date) async throws -> UserAccount {
        try await UserStore(self).create(try AccountDetails(name: name, email: email), role: role, passwordHash: passwordHash, now: now, by: "system")
    }
}
