import FluentKit
import Foundation
import SQLKit

// Concerns and people are read on every page of case content. Fluent fills a model from a row by listing the model's
// properties through `Mirror`, several times a row and again to build each query, which measured as a fifth of a case
// page's CPU (docs/benchmarks.md). These read the same columns into the same models by name. The models they make
// are for reading: they are not saved (Fluent would take them for new rows). `RecordRowTests` checks that a model
// read here encodes exactly as Fluent's own reading of the same row, so a column added to a model and forgotten here
// fails a test.

extension ConcernModel {
    /// Every column of the `concerns` table that the model holds, for `SELECT`.
    static let columns: SQLQueryString = """
        id, person_id, author_id, status, conversation_at, disclosed_by, limits_explained, secrecy_requested, offered, \
        category_list, risk, key_id, sealed_narrative, assigned_to, created_at, updated_at, submitted_at, transferred_from, \
        triage_priority, awaiting_triage, wishes_asked, first_triaged_at, first_triage_outcome
        """

    convenience init(row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        personID = try row.decode(column: "person_id", as: UUID.self)
        authorID = try row.decode(column: "author_id", as: UUID.self)
        status = try row.decode(column: "status", as: String.self)
        conversationAt = try row.decode(column: "conversation_at", as: Date?.self)
        disclosedBy = try row.decode(column: "disclosed_by", as: String?.self)
        limitsExplained = try row.decode(column: "limits_explained", as: Bool?.self)
        secrecyRequested = try row.decode(column: "secrecy_requested", as: Bool?.self)
        offered = try row.decode(column: "offered", as: String?.self)
        categories = try row.decode(column: "category_list", as: [String].self)
        risk = try row.decode(column: "risk", as: String?.self)
        keyID = try row.decode(column: "key_id", as: String.self)
        sealedNarrative = try row.decode(column: "sealed_narrative", as: String.self)
        assignedTo = try row.decode(column: "assigned_to", as: UUID?.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        updatedAt = try row.decode(column: "updated_at", as: Date.self)
        submittedAt = try row.decode(column: "submitted_at", as: Date?.self)
        transferredFrom = try row.decode(column: "transferred_from", as: String?.self)
        triagePriority = try row.decode(column: "triage_priority", as: Int?.self)
        awaitingTriage = try row.decode(column: "awaiting_triage", as: Bool.self)
        wishesAsked = try row.decode(column: "wishes_asked", as: Bool?.self)
        firstTriagedAt = try row.decode(column: "first_triaged_at", as: Date?.self)
        firstTriageOutcome = try row.decode(column: "first_triage_outcome", as: String?.self)
    }
}

extension PersonModel {
    /// Every column of the `people` table that the model holds, for `SELECT`.
    static let columns: SQLQueryString = """
        id, kind, key_id, sealed_details, created_by, created_at, in_directory, directory_key, search_key_id
        """

    convenience init(row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        kind = try row.decode(column: "kind", as: String.self)
        keyID = try row.decode(column: "key_id", as: String.self)
        sealedDetails = try row.decode(column: "sealed_details", as: String.self)
        createdBy = try row.decode(column: "created_by", as: UUID.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        inDirectory = try row.decode(column: "in_directory", as: Bool.self)
        directoryKey = try row.decode(column: "directory_key", as: String?.self)
        searchKeyID = try row.decode(column: "search_key_id", as: String?.self)
    }
}

extension RecordStore {
    /// Concerns whose row meets `condition` (SQL after `WHERE`, with bound values), in `order` (after `ORDER BY`).
    func concernModels(
        where condition: SQLQueryString, orderBy order: SQLQueryString? = nil, limit: Int? = nil
    ) async throws
        -> [ConcernModel]
    {
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        var statement: SQLQueryString = "SELECT \(ConcernModel.columns) FROM concerns WHERE \(condition)"
        if let order { statement = "\(statement) ORDER BY \(order)" }
        if let limit { statement = "\(statement) LIMIT \(literal: limit)" }
        return try await sql.raw(statement).all().map(ConcernModel.init(row:))
    }

    /// People whose row meets `condition` (SQL after `WHERE`, with bound values).
    func personModels(where condition: SQLQueryString) async throws -> [PersonModel] {
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw("SELECT \(PersonModel.columns) FROM people WHERE \(condition)").all().map(PersonModel.init(row:))
    }
}
