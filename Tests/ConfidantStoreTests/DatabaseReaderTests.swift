import ConfidantCore
import ConfidantTestSupport
import FluentKit
import SQLKit
import Testing

@testable import ConfidantStore

/// Reads outside a transaction go through `ConfidantDatabase.reader`: on SQLite, read-only connections beside the one
/// writer. They must see every committed write, never a transaction's half-done one, and refuse to write.
@Suite struct DatabaseReaderTests {
    static func count(_ database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw("SELECT COUNT(*) AS n FROM reader_probe").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(arguments: TestDatabaseKind.available)
    func aReaderSeesWhatIsCommittedAndNothingHalfDone(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            try await database.execute("CREATE TABLE reader_probe (n INTEGER NOT NULL)")
            try await database.execute("INSERT INTO reader_probe (n) VALUES (1)")
            #expect(try await Self.count(database.reader) == 1)
            // With a single SQLite connection this read would wait for the transaction that holds it: a reader
            // answers at once, from the state before the transaction.
            let seenDuring = try await database.database.transaction { db in
                guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
                try await sql.raw("INSERT INTO reader_probe (n) VALUES (2)").run()
                return try await Self.count(database.reader)
            }
            #expect(seenDuring == 1)
            #expect(try await Self.count(database.reader) == 2)
        }
    }

    @Test func aSQLiteReaderRefusesToWrite() async throws {
        try await withTestDatabase(.sqlite) { database in
            try await database.execute("CREATE TABLE reader_probe (n INTEGER NOT NULL)")
            let reader = try #require(database.reader as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await reader.raw("INSERT INTO reader_probe (n) VALUES (1)").run() }
            #expect(try await Self.count(database.database) == 0)
        }
    }

    @Test(arguments: TestDatabaseKind.available)
    func storesReadWhatTheyJustWrote(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            for number in 1...20 {
                let details = try AccountDetails(name: "Reader Probe \(number)", email: "probe\(number)@example.test")
                let account = try await users.create(details, role: .staff, passwordHash: nil, now: .now, by: "test")
                #expect(try await users.find(id: account.id)?.email == "probe\(number)@example.test")
            }
            #expect(try await users.count() == 20)
        }
    }
}
