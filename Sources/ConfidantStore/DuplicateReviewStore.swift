import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// A new person who may be someone already recorded, for a lead to look at.
public struct DuplicateReview: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let personID: UUID
    public let matches: [UUID]
    public let raisedBy: UUID
    public let raisedAt: Date
}

/// Possible duplicates that the person recording could not be told about.
///
/// Telling a staff member that a record they cannot open matches a name would confirm that a
/// child has a safeguarding record; so the recorder is told nothing, and the leads are asked instead.
public struct DuplicateReviewStore: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// Asks the leads to review `personID` against `matches`, in the caller's transaction (the one that
    /// records the person, so that a person is never kept without the review); the check is in the audit log.
    static func raise(_ personID: UUID, matches: [UUID], by recorder: UUID, now: Date, on db: any Database) async throws {
        guard !matches.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        let list = matches.map { $0.uuidString.lowercased() }
        try await sql.raw(
            """
            INSERT INTO duplicate_reviews (id, person_id, matches, raised_by, raised_at)
            VALUES (\(bind: UUID()), \(bind: personID), \(bind: list.joined(separator: " ")), \(bind: recorder), \(bind: now))
            """
        ).run()
        try await AuditLogStore.append(
            .at(
                now, actor: AuditName.user(recorder), .duplicateCheck, target: "person:\(personID.uuidString.lowercased())",
                ["possible_matches": .strings(Array(list.prefix(20))), "shown_to_recorder": .bool(false)]), on: db)
    }

    /// Reviews still open, oldest first.
    public func open() async throws -> [DuplicateReview] {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw(
            """
            SELECT id, person_id, matches, raised_by, raised_at FROM duplicate_reviews WHERE resolved_at IS NULL ORDER BY raised_at
            """
        ).all().map { row in
            DuplicateReview(
                id: try row.decode(column: "id", as: UUID.self), personID: try row.decode(column: "person_id", as: UUID.self),
                matches: try row.decode(column: "matches", as: String.self).split(separator: " ").compactMap { UUID(uuidString: String($0)) },
                raisedBy: try row.decode(column: "raised_by", as: UUID.self), raisedAt: try row.decode(column: "raised_at", as: Date.self))
        }
    }

    /// How many reviews are open.
    public func openCount() async throws -> Int {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw("SELECT COUNT(*) AS n FROM duplicate_reviews WHERE resolved_at IS NULL").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// A lead has looked at it; once only.
    public func resolve(_ id: UUID, by lead: UUID, now: Date) async throws -> Bool {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw(
            """
            UPDATE duplicate_reviews SET resolved_by = \(bind: lead), resolved_at = \(bind: now)
            WHERE id = \(bind: id) AND resolved_at IS NULL RETURNING id
            """
        ).first() != nil
    }
}
