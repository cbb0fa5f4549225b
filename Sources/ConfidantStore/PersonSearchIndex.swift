import ConfidantCore
import Crypto
import FluentKit
import Foundation
import SQLKit

/// A keyed blind index of the words people can be found by (`PersonSearchTerms`), so that a search or a duplicate
/// check opens only the people it may find instead of everyone ever recorded, and no name is stored in the clear.
///
/// Each term is an HMAC-SHA256 (truncated to 128 bits) under a key derived with HKDF from the current data key: the
/// database alone cannot tell which words a row stands for. What it can still tell is how often a term occurs and
/// which people share one (two people whose names begin alike share their first terms). Each person's row in `people`
/// names the data key their terms were made under (`search_key_id`); after `confidant key rotate` a person indexed
/// under an older key is re-indexed (`RecordStore.indexPeopleForSearch`), and until then is searched the slow way,
/// opened and compared, so nobody is ever missed.
struct PersonSearchIndex: Sendable {
    static let table = "person_search_terms"
    let keyID: String
    let keyed: HMAC<SHA256>

    init(cipher: FieldCipher) {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: cipher.current.key, info: Data("confidant person search index v1".utf8), outputByteCount: 32)
        keyID = cipher.current.id
        keyed = HMAC<SHA256>(key: key)
    }

    /// A term as the index stores it.
    func blind(_ term: String) -> String {
        // A copy of the keyed state: the key's pads are hashed once per index, not once per term.
        var mac = keyed
        mac.update(data: Array(term.utf8))
        let code = mac.finalize()
        // 16 bytes as 32 hex digits, without a formatter per byte (a person has dozens of terms).
        var digits = [UInt8]()
        digits.reserveCapacity(32)
        for byte in code.prefix(16) {
            digits.append(Self.hexDigits[Int(byte >> 4)])
            digits.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Replaces a person's terms with those of `details`, inside the caller's transaction.
    func index(_ personID: UUID, _ details: PersonDetails, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.delete(from: Self.table).where("person_id", .equal, personID).run()
        try await add([(personID, details)], on: sql)
        try await sql.update(PersonModel.schema).set("search_key_id", to: keyID).where("id", .equal, personID).run()
    }

    /// Replaces the terms of many people at once (a batch of a re-index), inside the caller's transaction: one
    /// statement to remove their old terms, a few to add the new, one to record the key.
    func replace(_ people: [(id: UUID, details: PersonDetails)], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        let ids = people.map(\.id)
        try await sql.delete(from: Self.table).where("person_id", .in, ids).run()
        try await add(people, on: sql)
        try await sql.update(PersonModel.schema).set("search_key_id", to: keyID).where("id", .in, ids).run()
    }

    /// Adds the terms of people who have none yet (their rows name `keyID` already), inside the caller's transaction.
    func add(_ people: [(id: UUID, details: PersonDetails)], on sql: any SQLDatabase) async throws {
        let rows = people.flatMap { person in PersonSearchTerms.indexed(person.details).map { (person.id, blind($0)) } }
        // Two bound values a row, well inside SQLite's limit on them in one statement.
        for start in stride(from: 0, to: rows.count, by: 500) {
            var insert = sql.insert(into: Self.table).columns("person_id", "term")
            for (person, term) in rows[start..<min(start + 500, rows.count)] { insert = insert.values(person, term) }
            try await insert.run()
        }
    }

    /// The people holding, for every set of terms, at least one of them. The set of the longest word is read first (a
    /// long word is the rarest), and each later set only among the people still in: a full name reads the rows of its
    /// surname and then of its first name among those few, not everyone with that first name.
    ///
    /// A search of one word needs no intersection, so it reads at most `atMost` people (a search for "a" would
    /// otherwise read a row for everyone whose name begins with it).
    func candidates(_ groups: [Set<String>], atMost: Int? = nil, on db: any Database) async throws -> Set<UUID> {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        func longest(_ group: Set<String>) -> Int { group.map(\.count).max() ?? 0 }
        var found: Set<UUID>?
        for group in groups.sorted(by: { longest($0) > longest($1) }) {
            var query = sql.select().distinct().column("person_id").from(Self.table).where("term", .in, group.map(blind))
            if groups.count == 1, let atMost { query = query.limit(atMost) }
            if let found {
                guard !found.isEmpty else { return [] }
                // Within the bound-value limit of both databases; past it, the rows are read and intersected here.
                if found.count <= 1_000 { query = query.where("person_id", .in, Array(found)) }
            }
            let people = Set(try await query.all().map { try $0.decode(column: "person_id", as: UUID.self) })
            found = found.map { $0.intersection(people) } ?? people
        }
        return found ?? []
    }

    /// People indexed under no key or another one. Written as two ranges either side of the current key, not `<>`:
    /// every search asks, and when everyone is indexed under the current key both ranges are empty seeks on
    /// `people_search_key` instead of a pass over every person.
    func notUnder(_ query: QueryBuilder<PersonModel>) -> QueryBuilder<PersonModel> {
        query.group(.or) { $0.filter(\.$searchKeyID == nil).filter(\.$searchKeyID < keyID).filter(\.$searchKeyID > keyID) }
    }

    /// The people whose terms were not made under the current key (never indexed, or before a rotation).
    func unindexed(on db: any Database) async throws -> [UUID] {
        try await notUnder(PersonModel.query(on: db)).all(\.$id)
    }
}

extension RecordStore {
    var searchIndex: PersonSearchIndex { PersonSearchIndex(cipher: cipher) }

    /// The people a search or duplicate check finds: the index's candidates, and anyone not yet indexed under the
    /// current key, opened and kept when `keep` accepts them. At most `limit` are returned, earliest recorded first,
    /// with whether more were found or left unopened: a search for one letter would otherwise open half the directory.
    /// Opened, not logged.
    func found(_ groups: [Set<String>], limit: Int, keep: (Person) -> Bool) async throws -> PeopleFound {
        let index = searchIndex
        let ids = try await index.candidates(groups, atMost: Self.mostOpenedBySearch + 1, on: database.reader)
            .union(try await index.unindexed(on: database.reader))
        var kept: [Person] = []
        var opened = 0
        for chunk in ids.sorted(by: { $0.uuidString < $1.uuidString }).chunked(200) {
            guard kept.count <= limit, opened < Self.mostOpenedBySearch else { return PeopleFound(kept, limit: limit, more: true) }
            let models = try await personModels(where: "id IN (\(binds: Array(chunk)))")
            opened += models.count
            kept += try await open(models).filter(keep)
        }
        return PeopleFound(kept, limit: limit, more: kept.count > limit)
    }

    /// How many people one search opens at most (a few milliseconds' work).
    static let mostOpenedBySearch = 1_000

    /// Indexes everyone whose terms were not made under the current data key, `batchSize` people a transaction;
    /// returns how many. Run when the server starts and after a key rotation; a second run finds nobody to do.
    @discardableResult
    public func indexPeopleForSearch(batchSize: Int = 500) async throws -> Int {
        let index = searchIndex
        var done = 0
        while true {
            let batch = try await index.notUnder(PersonModel.query(on: database.database)).limit(batchSize).all()
            guard !batch.isEmpty else { return done }
            let people = try await open(batch).map { (id: $0.id, details: $0.details) }
            try await database.database.transaction { db in try await index.replace(people, on: db) }
            done += batch.count
        }
    }
}

/// What a search of people found: the first of them, and whether there are more than are shown.
public struct PeopleFound: Sendable {
    public let people: [Person]
    /// More people match than are shown: the searcher should type more of the name.
    public let more: Bool

    init(_ people: [Person], limit: Int, more: Bool) {
        self.people = Array(people.sorted { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }.prefix(limit))
        self.more = more
    }
}
