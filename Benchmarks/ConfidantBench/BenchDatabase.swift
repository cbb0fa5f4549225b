import ConfidantStore
import Foundation
import Logging

/// The database a store benchmark runs against: the PostgreSQL URL given, or a new SQLite file removed afterwards.
struct BenchDatabase {
    let database: ConfidantDatabase
    let location: DatabaseLocation

    /// Opens and migrates it.
    static func open(_ url: String?) async throws -> BenchDatabase {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).sqlite").path
        let location: DatabaseLocation = try url.map { try DatabaseLocation(parsing: $0) } ?? .sqliteFile(path: path)
        let database = try ConfidantDatabase(location: location, logger: logger)
        try await database.migrate()
        return BenchDatabase(database: database, location: location)
    }

    /// Shuts it down and removes a SQLite file this benchmark made.
    func close() async {
        await database.shutdown()
        if case .sqliteFile(let path) = location {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}
