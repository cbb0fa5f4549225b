import ArgumentParser
import ConfidantStore
import Foundation
import Logging

/// Where the data lives: shared by every command that opens the database.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "A SQLite file path or postgres://user:password@host:port/database (env: DATABASE_URL).",
            valueName: "url"))
    var databaseURL: String?

    /// The default home of the embedded database and key file, under the working directory.
    static let dataDirectory = "confidant-data"

    var location: DatabaseLocation {
        get throws {
            let text =
                databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"]
                ?? "\(Self.dataDirectory)/confidant.sqlite"
            return try DatabaseLocation(parsing: text)
        }
    }

    /// Refuses (exit status 2) when the database is a SQLite file that does not exist: a command that
    /// only reads, run from the wrong directory, must say so rather than check a new empty database.
    func requireExistingDatabase() throws {
        if case .sqliteFile(let path) = try location, !FileManager.default.fileExists(atPath: path) {
            throw ContractExit.unusable("there is no database at \(path); run this in the directory `confidant serve` runs in, or pass --database.")
        }
    }

    /// Opens the database and brings its schema up to date.
    func open(logger: Logger) async throws -> ConfidantDatabase {
        let database = try ConfidantDatabase(location: try location, logger: logger)
        do {
            try await database.migrate()
        } catch {
            await database.shutdown()
            throw error
        }
        return database
    }
}

/// The data-encryption key of an installation that already has one; a command never creates it.
struct DataKeyOptions: ParsableArguments {
    @Option(
        name: .customLong("key-file"),
        help: ArgumentHelp(
            "The data-encryption key file (env: CONFIDANT_KEY_FILE; default confidant-data/confidant.key).", valueName: "path"))
    var keyFile: String?

    var path: String { keyFile ?? ProcessInfo.processInfo.environment["CONFIDANT_KEY_FILE"] ?? "\(StoreOptions.dataDirectory)/confidant.key" }

    /// The key ring for `database`, checked as `serve` checks it: created only while nothing is sealed
    /// or signed, and otherwise a missing or different file is a clear failure, never a new key.
    func load(for database: ConfidantDatabase) async throws -> DataKeyRing {
        let auditPath = ProcessInfo.processInfo.environment["CONFIDANT_AUDIT_KEY_FILE"] ?? AuditKeyFile.defaultPath
        do {
            return try await InstallationKeys.prepare(dataKeyPath: path, auditKeyPath: auditPath, on: database, now: Date()).ring
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

/// A command's failure in one clear line; ArgumentParser prints it and exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` with an open database and always closes it afterwards.
func withDatabase<T>(_ options: StoreOptions, _ body: (ConfidantDatabase) async throws -> T) async throws -> T {
    var logger = Logger(label: "confidant")
    logger.logLevel = .warning
    let database = try await options.open(logger: logger)
    do {
        let result = try await body(database)
        await database.shutdown()
        return result
    } catch {
        await database.shutdown()
        throw error
    }
}
