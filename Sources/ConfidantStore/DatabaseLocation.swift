import Foundation

/// Where Confidant keeps its data: an embedded SQLite file or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteInMemory
    case postgres(url: String)

    /// Reads `DATABASE_URL`: `postgres://…`, `postgresql://…`, `sqlite:PATH`, `sqlite://PATH`, or a plain file path.
    public init(parsing text: String) throws(StoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw .badDatabaseURL(text, "it is empty; give a SQLite file path or postgres://user@host:port/database")
        }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            guard let url = URL(string: trimmed), let host = url.host, !host.isEmpty else {
                throw .badDatabaseURL(Self.redacted(trimmed), "expected postgres://user:password@host:port/database")
            }
            guard url.path.count > 1 else {
                throw .badDatabaseURL(Self.redacted(trimmed), "the database name is missing after the host")
            }
            self = .postgres(url: trimmed)
            return
        }
        if lower == "sqlite::memory:" || lower == ":memory:" {
            self = .sqliteInMemory
            return
        }
        var path = trimmed
        if lower.hasPrefix("sqlite://") {
            path = String(trimmed.dropFirst("sqlite://".count))
        } else if lower.hasPrefix("sqlite:") {
            path = String(trimmed.dropFirst("sqlite:".count))
        } else if let scheme = lower.range(of: "://") {
            throw .badDatabaseURL(
                Self.redacted(trimmed),
                "the scheme \"\(lower[..<scheme.lowerBound])\" is not supported; use a SQLite file path or postgres://…"
            )
        }
        guard !path.isEmpty else { throw .badDatabaseURL(trimmed, "the SQLite file path is empty") }
        self = .sqliteFile(path: path)
    }

    /// A description safe for logs: a PostgreSQL password is never printed.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "SQLite file \(path)"
        case .sqliteInMemory: "SQLite in memory"
        case .postgres(let url): "PostgreSQL \(Self.redacted(url))"
        }
    }

    /// The URL with any password replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? "postgres://…"
    }
}
