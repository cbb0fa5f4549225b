import FluentKit
import FluentSQL

extension Database {
    /// Locks one row until the caller's transaction ends, so that a check of its state and the change the
    /// check allows are one step: a second person's change waits, then reads what the first one wrote.
    ///
    /// PostgreSQL gets `SELECT … FOR UPDATE`, in READ COMMITTED, every later statement of the transaction sees
    /// the row as the winner committed it. SQLite has one connection and so one writer at a time already
    /// (`ConfidantDatabase`), and needs nothing more than the re-check inside the transaction. Must run
    /// inside a transaction: outside one, the lock ends with the statement.
    func lockForUpdate(_ table: String, id: some Encodable & Sendable, column: String = "id") async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        _ = try await sql.raw("SELECT 1 FROM \(ident: table) WHERE \(ident: column) = \(bind: id) FOR UPDATE").all()
    }
}
