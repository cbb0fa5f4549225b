import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix

/// An open connection pool to Confidant's database, with the migrations that shape it.
///
/// One instance serves a whole process; `shutdown()` must be called once when it stops.
public final class ConfidantDatabase: Sendable {
    public let location: DatabaseLocation
    let databases: Databases
    let databaseID: DatabaseID
    let logger: Logger
    /// SQLite gets one writing connection on one event loop: every write, the audit log's appends among them,
    /// then takes its turn, where two writing connections could fail each other with "database is locked".
    let sqliteEventLoop: (any EventLoop)?
    /// A SQLite file is also opened read-only once on each event loop (`reader`): WAL lets those connections read
    /// the last committed state while the writer works, so pages do not queue behind each other's statements.
    let readerID: DatabaseID?
    /// Reads and other events with no change of their own are appended many at once (one transaction, one sync).
    let auditGroupCommit: AuditGroupCommit

    /// Opens the database at `location`; a SQLite file's directory is created when missing.
    ///
    /// A burst of requests waits its turn for a connection for up to `connectionWait` rather than failing
    /// after the drivers' default ten seconds (seen on a loaded 2-core machine with 40 appends at once,
    /// each synced to disk).
    public init(location: DatabaseLocation, logger: Logger, connectionWait: TimeAmount = .seconds(60)) throws(StoreError) {
        self.location = location
        self.logger = logger
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        switch location {
        case .sqliteFile(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                } catch {
                    throw .cannotCreateDirectory(directory, error.localizedDescription)
                }
            }
            // SQLite has one writer: a burst of writes queues for it.
            databases.use(.sqlite(.file(path), connectionPoolTimeout: connectionWait, sqlLogLevel: .trace), as: .sqlite)
            databaseID = .sqlite
            // `mode=ro` makes each reader read-only in SQLite itself: a write sent to one by mistake fails loudly
            // ("attempt to write a readonly database") instead of racing the writer for the lock.
            let readOnly = URL(fileURLWithPath: path).absoluteString + "?mode=ro"
            databases.use(.sqlite(.file(readOnly), connectionPoolTimeout: connectionWait, sqlLogLevel: .trace), as: .sqliteReaders)
            readerID = .sqliteReaders
        case .sqliteInMemory:
            // An in-memory database is one connection's own: nothing else can read it, so it has no readers.
            databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
            databaseID = .sqlite
            readerID = nil
        case .postgres(let url):
            do {
                databases.use(
                    try .postgres(url: url, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: connectionWait, sqlLogLevel: .trace),
                    as: .psql)
            } catch {
                throw .badDatabaseURL(DatabaseLocation.redacted(url), "\(error)")
            }
            databaseID = .psql
            // PostgreSQL's pool already spreads reads over its connections.
            readerID = nil
        }
        self.databases = databases
        let sqliteEventLoop = databaseID == .sqlite ? MultiThreadedEventLoopGroup.singleton.next() : nil
        self.sqliteEventLoop = sqliteEventLoop
        let id = databaseID
        self.auditGroupCommit = AuditGroupCommit { [logger] in
            Self.handle(databases, id, logger: logger, sqliteEventLoop: sqliteEventLoop)
        }
    }

    /// A handle for queries; cheap to make, one per unit of work.
    package var database: any Database {
        Self.handle(databases, databaseID, logger: logger, sqliteEventLoop: sqliteEventLoop)
    }

    static func handle(
        _ databases: Databases, _ id: DatabaseID, logger: Logger, sqliteEventLoop: (any EventLoop)?
    ) -> any Database {
        let eventLoop = sqliteEventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
        guard let database = databases.database(id, logger: logger, on: eventLoop)
        else { preconditionFailure("init registered \(id); the lookup cannot fail") }
        return database
    }

    /// A handle for statements that only read, outside any transaction: one of SQLite's read-only connections, which
    /// see every committed write (a request's own writes included, once they return), or the pool on PostgreSQL.
    /// Never write through it, and never read through it what a transaction is about to change.
    package var reader: any Database {
        guard let readerID else { return database }
        guard let database = databases.database(readerID, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        else { preconditionFailure("init registered \(readerID); the lookup cannot fail") }
        return database
    }

    /// Whether this is PostgreSQL (some SQL differs).
    package var isPostgres: Bool { databaseID == .psql }

    /// Brings the schema up to date; safe to run at every start and from several instances in turn.
    public func migrate() async throws(StoreError) {
        try await checkReachable()
        let migrations = Migrations()
        for migration in Self.migrations { migrations.add(migration) }
        let migrator = Migrator(
            databases: databases, migrations: migrations, logger: logger,
            on: sqliteEventLoop ?? MultiThreadedEventLoopGroup.singleton.any(), migrationLogLevel: .debug)
        do {
            if case .sqliteFile = location, let sql = database as? any SQLDatabase {
                // WAL lets readers carry on while one writer appends (audit events, sessions).
                try await sql.raw("PRAGMA journal_mode=WAL").run()
                // 64 MB of pages kept in memory on the writer, where SQLite's default is 2 MB: the search
                // index's keys are random, so indexing or searching many people otherwise reads and spills a page
                // a row.
                try await sql.raw("PRAGMA cache_size=-65536").run()
                // Each reader keeps 32 MB; the pool keeps its connection open, so this holds for the process's life.
                if let readerID {
                    for eventLoop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
                        if let reader = databases.database(readerID, logger: logger, on: eventLoop) as? any SQLDatabase {
                            try await reader.raw("PRAGMA cache_size=-32768").run()
                        }
                    }
                }
            }
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
        } catch {
            throw .migrationFailed(String(describing: error))
        }
    }

    /// The ordered, append-only list of every migration Confidant has shipped: a shipped migration is never
    /// edited or removed, a change is a new one at the end (`MigrationListTests` holds the shipped names).
    package static let migrations: [any Migration] = [
        CreateAccounts(), CreateAuditLog(), CreateRecords(), CreateAdviceRequests(), CreateSharing(),
        CreateShareAccessCodes(), CreatePolicyVersions(), CreateSignInLimits(), CreateOutboxMessages(), AddLinkIssuer(),
        CreateAccessRequests(), CreateSecondFactors(), AddTokenExpiry(), CreateDuplicateReviews(), CreateInstallationKeys(),
        AddShareCodeLimits(), StoreConcernCategoriesAsList(), CreateReferralNotices(),
        CreateFormSubmissions(), AddTriageReferrals(), CreateKeptForms(), CreatePersonHistory(),
        AddPeopleDirectory(), CreateLeases(), AddTriageQueueOrder(), AddReportFacts(),
        AddPersonalOutcomes(), AddFirstTriage(), AddPersonSearchIndex(), AddShareInformsDSLAfter(),
        CreateAttachments(), CreateBodyMarks(), CreateSharePasses(), CreateBreaches(), CreateSubjectAccessRequests(), CreateRetentionDecisions(),
        CreateDisposedConcernFacts(), CreatePersonKeys(), CreateDisposedShareFacts(), CreateTransfers(), CreateTransferReceipts(),
        CreateAdviceRetention(), AddRecordLookupIndexes(),
    ]

    /// Answers whether the database answers a trivial query; used by start-up and `/health`.
    public func checkReachable() async throws(StoreError) {
        guard let sql = database as? any SQLDatabase else { return }
        do {
            try await sql.raw("SELECT 1").run()
        } catch {
            throw .databaseUnreachable(location.description, Self.reason(error))
        }
    }

    /// Closes every connection; call once at the end.
    public func shutdown() async {
        await databases.shutdownAsync()
    }

    /// A short reason for a connection failure, without PostgresNIO's long generic text.
    static func reason(_ error: any Error) -> String {
        let text = String(reflecting: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") {
            return "the connection was refused; is the server running on that host and port?"
        }
        if text.contains("authentication") || text.contains("password") || text.contains("28P01") {
            return "the server refused the user name or password"
        }
        if text.contains("3D000") {
            return "the database named in the URL does not exist"
        }
        if text.contains("unable to open database") || text.contains("SQLITE_CANTOPEN") {
            return "the SQLite file cannot be opened; check the path and permissions"
        }
        if text.contains("timeout") || text.contains("Timeout") {
            return "no answer within 10 seconds"
        }
        return String(text.prefix(200))
    }
}

extension ConfidantDatabase {
    /// Runs one SQL statement that returns nothing; for administration and tests, never with user input.
    package func execute(_ statement: String) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(SQLQueryString(statement)).run()
    }
}

extension ConfidantDatabase {
    /// The first column of each row of a query, as text; for tests and administration.
    package func strings(_ query: String) async throws -> [String] {
        guard let sql = database as? any SQLDatabase else { return [] }
        return try await sql.raw(SQLQueryString(query)).all().map { try $0.decode(column: $0.allColumns[0], as: String.self) }
    }
}

extension DatabaseID {
    /// SQLite's read-only connections beside its one writer (`ConfidantDatabase.reader`).
    static let sqliteReaders = DatabaseID(string: "sqlite-readers")
}
