import ConfidantStore
import ConfidantTestSupport
import Foundation
import Logging
import Testing

@Suite("DATABASE_URL")
struct DatabaseLocationTests {
    @Test(
        "SQLite paths and PostgreSQL URLs are recognised",
        arguments: [
            ("confidant-data/confidant.sqlite", DatabaseLocation.sqliteFile(path: "confidant-data/confidant.sqlite")),
            ("sqlite:///var/lib/confidant/db.sqlite", .sqliteFile(path: "/var/lib/confidant/db.sqlite")),
            ("sqlite:data.db", .sqliteFile(path: "data.db")),
            (":memory:", .sqliteInMemory),
            ("postgres://app:secret@db.internal:5432/confidant", .postgres(url: "postgres://app:secret@db.internal:5432/confidant")),
            ("postgresql://app@localhost/confidant", .postgres(url: "postgresql://app@localhost/confidant")),
        ])
    func parses(text: String, expected: DatabaseLocation) throws {
        #expect(try DatabaseLocation(parsing: text) == expected)
    }

    @Test(
        "unusable URLs are refused with a reason",
        arguments: [
            "", "   ", "mysql://root@localhost/confidant", "postgres://", "postgres://host-only", "sqlite://",
        ])
    func refuses(text: String) {
        #expect(throws: StoreError.self) { try DatabaseLocation(parsing: text) }
    }

    @Test("a password in a PostgreSQL URL is never printed")
    func passwordHidden() throws {
        let location = try DatabaseLocation(parsing: "postgres://app:hunter2hunter2@db:5432/confidant")
        #expect(!location.description.contains("hunter2"))
        #expect(location.description.contains("db:5432"))
    }

    @Test("an unreachable PostgreSQL server gives one clear error")
    func unreachable() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let database = try ConfidantDatabase(location: .postgres(url: "postgres://nobody@127.0.0.1:1/none"), logger: logger)
        do {
            try await database.migrate()
            Issue.record("migrate should have failed")
        } catch {
            #expect(error.description.contains("Cannot reach the database"))
            #expect(error.description.contains("refused"))
        }
        await database.shutdown()
    }
}
