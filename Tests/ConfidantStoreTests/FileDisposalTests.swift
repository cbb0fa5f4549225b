import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import SQLKit
import Testing

@Suite("Disposing of a person's file")
struct FileDisposalTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let cipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-disposal-test"))

    @Test(
        "a second lead disposes of a file past its review: every row goes, the raw database keeps none of its sealed values, the log verifies and the certificate's proof checks; held, unproposed, unconfirmed and same-lead disposals are refused",
        arguments: TestDatabaseKind.available)
    func dispose(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            func make(_ name: String, _ role: UserRole) async throws -> UUID {
                try await users.create(
                    try AccountDetails(name: name, email: "\(role.rawValue)@example.org"), role: role, passwordHash: nil, now: now, by: "system"
                ).id
            }
            let (sam, dana, dev) = (
                try await make("Sam Staffperson", .staff), try await make("Dana Lead", .dsl), try await make("Dev Deputy", .deputyDSL)
            )
            let records = RecordStore(database, cipher: Self.cipher)
            let retention = RetentionStore(database, cipher: Self.cipher, schedule: RetentionSchedule())
            let disposal = FileDisposal(database, retention: retention, timeZone: TimeZone(identifier: "UTC")!)
            let sql = try #require(database.database as? any SQLDatabase)

            // Born in 1995: a child's file, reviewed at 25, is due. Robin's (born 2014) is not, and stays untouched.
            let casey = try await records.createPerson(
                kind: .child, details: PersonDetails(name: "Casey Testolder", dateOfBirth: "1995-03-27"), by: sam, now: now)
            let robin = try await records.createPerson(
                kind: .child, details: PersonDetails(name: "Robin Keptchild", dateOfBirth: "2014-03-27"), by: sam, now: now)
            // Someone recorded later looks like Casey: the leads' review names Casey as a possible match.
            _ = try await records.createPerson(
                kind: .child, details: PersonDetails(name: "Casey Testolder-Smith"), by: sam, now: now, possibleDuplicates: [casey.id])
            let concern = try await submitted(records, about: casey.id, by: sam)
            _ = try await records.addAddendum(to: concern.id, text: "A made-up addendum.", by: sam, now: now)
            let kept = try await submitted(records, about: robin.id, by: sam)
            _ = try await records.correctPerson(
                casey.id, kind: .child, details: PersonDetails(name: "Casey Testolder", dateOfBirth: "1995-03-27", address: "1 Made-up Road"),
                by: sam,
                now: now)

            // Every sealed value of Casey's file as it is stored, to look for in the raw database afterwards.
            var sealed: [String] = []
            for query: SQLQueryString in [
                "SELECT sealed_details AS box FROM people WHERE id = \(bind: casey.id)",
                "SELECT sealed_details AS box FROM person_history WHERE person_id = \(bind: casey.id)",
                "SELECT sealed_narrative AS box FROM concerns WHERE id = \(bind: concern.id)",
                "SELECT sealed_text AS box FROM addenda WHERE concern_id = \(bind: concern.id)",
            ] {
                sealed += try await sql.raw(query).all().map { try $0.decode(column: "box", as: String.self) }
            }
            #expect(sealed.count == 4)
            let wrappedKey = try #require(
                try await sql.raw("SELECT sealed_key AS box FROM person_keys WHERE person_id = \(bind: casey.id)").first()?
                    .decode(column: "box", as: String.self))
            // Sealed within Casey's own key: the installation's key alone does not open them.
            let details = try #require(try await sql.raw("SELECT key_id, sealed_details FROM people WHERE id = \(bind: casey.id)").first())
            let copied = FieldCipher.Sealed(
                keyID: try details.decode(column: "key_id", as: String.self), box: try details.decode(column: "sealed_details", as: String.self))
            #expect(throws: CipherError.fileKeyDestroyed("person:\(casey.id)")) {
                try Self.cipher.open(PersonDetails.self, copied, binding: "person:\(casey.id)")
            }
            let robinsBox = try #require(
                try await sql.raw("SELECT sealed_narrative AS box FROM concerns WHERE id = \(bind: kept.id)").first()?.decode(
                    column: "box", as: String.self))
            let raw = try await RawDatabase(database)
            #expect(sealed.allSatisfy { raw.contains($0) } && raw.contains(wrappedKey), "the scan finds the sealed values before disposal")

            // The month of `now` (November 2026): the kept facts stand at its start.
            let period = try ReportPeriod(first: CalendarDay("2026-11-01")!, last: CalendarDay("2026-11-30")!, timeZone: TimeZone(identifier: "UTC")!)
            let reports = ReportStore(database, cipher: Self.cipher)
            let factsBefore = try await reports.concerns(in: period).facts.reduce(0) { $0 + $1.count }
            #expect(factsBefore == 2)

            // No proposal; then proposed by Dana, who cannot also carry it out; unconfirmed; held.
            #expect(try await disposal.dispose(casey.id, by: dev, confirmed: true, now: now).failure == .noProposal)
            try await decide(retention, casey.id, "disposal_proposed", by: dana)
            #expect(try await disposal.dispose(casey.id, by: dana, confirmed: true, now: now).failure == .sameLead)
            #expect(try await disposal.dispose(casey.id, by: dev, confirmed: false, now: now).failure == .notConfirmed)
            try await decide(retention, casey.id, "held", by: dev)
            #expect(try await disposal.dispose(casey.id, by: dev, confirmed: true, now: now).failure == .held("A made-up reason"))
            try await decide(retention, casey.id, "hold_lifted", by: dev)
            // The hold cancelled the proposal: it is made again.
            #expect(try await disposal.dispose(casey.id, by: dev, confirmed: true, now: now).failure == .noProposal)
            try await decide(retention, casey.id, "disposal_proposed", by: dana)
            // Robin's file is not due.
            #expect(try await disposal.dispose(robin.id, by: dev, confirmed: true, now: now).failure == .notDue(CalendarDay("2039-03-27")!))
            #expect(try await records.people([casey.id])[casey.id] != nil)

            let certificate = try #require(try await disposal.dispose(casey.id, by: dev, confirmed: true, now: now).success)
            #expect(certificate.verifies)
            #expect(certificate.record.counts.concerns == 1 && certificate.record.counts.addenda == 1)
            #expect(certificate.record.counts.detailVersions == 1 && certificate.record.counts.retentionDecisions == 4)
            #expect(certificate.record.proposedBy.userID == dana && certificate.record.disposedBy.userID == dev)
            #expect(certificate.record.rule == "A child's safeguarding file: date of birth plus 25 years")
            #expect(try await disposal.certificate(certificate.sequence) == certificate)
            #expect(try await disposal.disposals().map(\.sequence) == [certificate.sequence])

            // Nothing of Casey is left in any table; Robin's file is whole.
            #expect(try await records.people([casey.id])[casey.id] == nil)
            for table in ["people", "person_history", "retention_decisions", "person_search_terms"] {
                let column = table == "people" ? "id" : "person_id"
                let n = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: casey.id)").first()?
                    .decode(column: "n", as: Int.self)
                #expect(n == 0, "\(table) still has rows of the disposed file")
            }
            for table in ["concerns", "addenda"] {
                let column = table == "concerns" ? "id" : "concern_id"
                let n = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: concern.id)").first()?
                    .decode(column: "n", as: Int.self)
                #expect(n == 0, "\(table) still has rows of the disposed file")
            }
            #expect(try await records.people([robin.id])[robin.id] != nil)
            #expect(try await database.countRows("duplicate_reviews") == 0, "the review that named only Casey went with the file")
            #expect(try await records.concerns(about: robin.id, includeDraftsBy: nil).map(\.id) == [kept.id])

            // The reports count the disposed concern as before, from facts with no id.
            #expect(try await reports.concerns(in: period).facts.reduce(0) { $0 + $1.count } == factsBefore)
            // Kept at the month's start, its conversation an hour before it: the log's times of the concern's events
            // do not pick it out.
            let keptFact = try #require(try await sql.raw("SELECT submitted_at, conversation_at FROM disposed_concern_facts").first())
            #expect(try keptFact.decode(column: "submitted_at", as: Date.self) == CalendarDay("2026-11-01")!.start)
            #expect(try keptFact.decode(column: "conversation_at", as: Date?.self) == CalendarDay("2026-11-01")!.start.addingTimeInterval(-3600))
            // The event names the file by its pseudonym and never a date that could tell the date of birth.
            let event = try #require(try await AuditLogStore(database).search(action: "file_disposed").first)
            #expect(event.target == "person:\(casey.id.uuidString.lowercased())")
            #expect(!event.detail.contains("2020") && !event.detail.contains("1995") && !event.detail.contains("Casey"))
            // The audit chain is untouched: it verifies, and the certificate's event is in it.
            #expect(try await AuditLogStore(database).verify(key: nil).isIntact)

            // The database as a backup or a thief would copy it (SQLite's file after its checkpoint, or a
            // pg_dump): none of the file's sealed values, while Robin's is still there.
            let after = try await RawDatabase(database)
            for box in sealed { #expect(!after.contains(box), "a sealed value of the disposed file is still in the raw database") }
            #expect(!after.contains(wrappedKey), "the disposed file's key is still in the raw database")
            // A copy of the file's rows taken before (a backup) opens no more: its key is gone.
            #expect(
                try await sql.raw("SELECT COUNT(*) AS n FROM person_keys WHERE person_id = \(bind: casey.id)").first()?.decode(
                    column: "n", as: Int.self) == 0)
            #expect(after.contains(robinsBox))
            #expect(!after.contains("Casey Testolder") && !after.contains("1 Made-up Road"))
        }
    }

    func submitted(_ records: RecordStore, about person: UUID, by author: UUID) async throws -> Concern {
        let draft = Concern(
            id: UUID(), personID: person, authorID: author, conversationAt: now.addingTimeInterval(-3600), disclosedBy: .person,
            limitsExplained: true, secrecyRequested: false, offered: .limited, categories: [.neglect], risk: .concern,
            narrative: ConcernNarrative(
                place: "The library", account: "A made-up account.", observations: "None.", opinion: "None.", limitsHow: "Told them.",
                actionsTaken: "Told the lead."),
            createdAt: now, updatedAt: now)
        return try await records.submit(try await records.saveDraft(draft, by: author, now: now), by: author, now: now)
    }

    func decide(_ retention: RetentionStore, _ person: UUID, _ step: String, by user: UUID) async throws {
        let outcome = try await retention.decide(person, by: user, now: now) { file in
            file.deciding(step: step, until: "", reason: "A made-up reason", by: user, now: now)
        }
        if case .failure(let problems) = outcome { Issue.record("\(step) was refused: \(problems)") }
    }
}

/// The bytes of a test database as they are at rest: SQLite's file and write-ahead log after a checkpoint, or the
/// text of a `pg_dump` of the PostgreSQL database.
struct RawDatabase {
    let bytes: Data

    init(_ database: ConfidantDatabase) async throws {
        switch database.location {
        case .sqliteFile(let path):
            if let sql = database.database as? any SQLDatabase { try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
            var bytes = Data()
            for suffix in ["", "-wal"] { bytes += (try? Data(contentsOf: URL(fileURLWithPath: path + suffix))) ?? Data() }
            self.bytes = bytes
        case .postgres(let url):
            let tools = try FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql").sorted().last
            let dump = Process()
            dump.executableURL = URL(fileURLWithPath: "/usr/lib/postgresql/\(try #require(tools))/bin/pg_dump")
            dump.arguments = ["--no-owner", "--dbname", url]
            let out = Pipe()
            dump.standardOutput = out
            try dump.run()
            let bytes = out.fileHandleForReading.readDataToEndOfFile()
            dump.waitUntilExit()
            #expect(dump.terminationStatus == 0, "pg_dump failed")
            self.bytes = bytes
        default:
            Issue.record("a raw database needs a file or a PostgreSQL server")
            self.bytes = Data()
        }
    }

    /// Whether `text` appears anywhere in the bytes.
    func contains(_ text: String) -> Bool { bytes.range(of: Data(text.utf8)) != nil }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
    var success: Success? {
        if case .success(let success) = self { return success }
        return nil
    }
}
