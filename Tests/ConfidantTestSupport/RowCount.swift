import ConfidantStore
import FluentSQL

extension ConfidantDatabase {
    /// How many rows `table` holds (a test's own table name, never input): -1 when the database is not SQL.
    public func countRows(_ table: String) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return -1 }
        return try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Count.self)?.n ?? -1
    }

    struct Count: Decodable { let n: Int }
}
