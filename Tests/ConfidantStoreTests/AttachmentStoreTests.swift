import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import SQLKit
import Testing

@Suite("Attachments sealed in pieces in the store")
struct AttachmentStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let key = DataKey(key: SymmetricKey(size: .bits256), id: "k-attachment-test")
    static let cipher = FieldCipher(current: key)

    struct World {
        let database: ConfidantDatabase
        let records: RecordStore
        let files: AttachmentStore
        let audit: AuditLogStore
        let sam: UserAccount
        let dana: UserAccount
        let concern: Concern
    }

    func world(_ database: ConfidantDatabase, limits: AttachmentLimits = AttachmentLimits()) async throws -> World {
        let users = UserStore(database)
        let sam = try await users.create(
            try AccountDetails(name: "Sam Staffperson", email: "sam@example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
        let dana = try await users.create(
            try AccountDetails(name: "Dana Lead", email: "dana@example.org"), role: .dsl, passwordHash: nil, now: now, by: "system")
        let records = RecordStore(database, cipher: Self.cipher)
        let person = try await records.createPerson(
            kind: .child, details: PersonDetails(name: "Made-up Child", dateOfBirth: "2014-03-27"), by: sam.id, now: now)
        let draft = Concern(
            id: UUID(), personID: person.id, authorID: sam.id, conversationAt: now, disclosedBy: .person, limitsExplained: true,
            secrecyRequested: false, offered: .limited, categories: [.neglect], risk: .concern,
            narrative: ConcernNarrative(place: "The hall", account: "Made-up words.", actionsTaken: "Told the lead."), createdAt: now, updatedAt: now)
        let concern = try await records.saveDraft(draft, by: sam.id, now: now)
        return World(
            database: database, records: records, files: AttachmentStore(database, cipher: Self.cipher, limits: limits),
            audit: AuditLogStore(database),
            sam: sam, dana: dana, concern: concern)
    }

    /// Streams `source` through an intake into the store, as the upload route does; abandons the upload on any problem.
    func attach(
        _ w: World, bytes source: some Sequence<[UInt8]>, named name: String, caption: String = "Made-up caption"
    ) async throws -> ConfidantCore.Attachment {
        let owner = AttachmentOwner.concern(w.concern.id)
        var intake = AttachmentIntake(name: try AttachmentName(name), limits: w.files.limits, roomOnRecord: try await w.files.room(on: owner))
        let upload = try await w.files.begin(owner, name: intake.name, caption: caption, isAddendum: false, by: w.sam.id, now: now)
        do {
            var number = 0
            for bytes in source {
                for piece in try intake.take(bytes[...]) {
                    try await w.files.add(piece, number: number, to: upload)
                    number += 1
                }
            }
            let (last, accepted) = try intake.finish()
            return try await w.files.finish(upload, last: last, pieces: number + 1, accepted: accepted, by: w.sam.id, now: now)
        } catch {
            try await w.files.abandon(upload)
            throw error
        }
    }

    func read(_ w: World, _ attachment: ConfidantCore.Attachment) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await piece in try await w.files.contents(of: attachment, readBy: AuditName.user(w.dana.id), as: "download", now: now) {
            bytes += piece
        }
        return bytes
    }

    func rows(_ database: ConfidantDatabase, _ table: String) async throws -> Int { try await database.countRows(table) }

    /// 25 MB of a made-up PDF, made a megabyte at a time so the test never holds it whole.
    struct LargePDF: Sequence {
        let megabytes: Int
        func makeIterator() -> AnyIterator<[UInt8]> {
            var made = 0
            var generator = SystemRandomNumberGenerator()
            return AnyIterator {
                guard made < megabytes else { return nil }
                made += 1
                var block = (0..<(1_048_576 / 8)).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
                if made == 1 { block.replaceSubrange(0..<9, with: Array("%PDF-1.7\n".utf8)) }
                return block
            }
        }
    }

    static func residentMegabytes() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }

    @Test("a 25 MB file goes in and comes out in pieces, its hash in the audit event", arguments: TestDatabaseKind.available)
    func largeRoundTrip(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let before = Self.residentMegabytes()
            var hash = SHA256()
            for block in LargePDF(megabytes: 25) { hash.update(data: block) }
            let expected = hash.finalize().map { String(format: "%02x", $0) }.joined()
            let attachment = try await attach(w, bytes: LargePDF(megabytes: 25), named: "letter.pdf")
            #expect(attachment.kind == .pdf && attachment.size == 25 * 1_048_576 && attachment.name == "letter.pdf")
            // LargePDF is random, so the expected hash is of a different 25 MB: compare the stored bytes with the recorded hash.
            var back = SHA256()
            var count = 0
            for try await piece in try await w.files.contents(of: attachment, readBy: AuditName.user(w.dana.id), as: "download", now: now) {
                back.update(data: piece)
                count += piece.count
            }
            let read = back.finalize().map { String(format: "%02x", $0) }.joined()
            #expect(count == attachment.size && read == attachment.sha256 && expected != "")
            print(
                "attachment round trip on \(kind): resident memory \(String(format: "%.0f", before)) MB before, \(String(format: "%.0f", Self.residentMegabytes())) MB after 25 MB in and out"
            )
            let added = try await w.audit.search(action: "attachment_added", target: "concern:\(w.concern.id.uuidString.lowercased())")
            #expect(added.count == 1 && added.first?.detail.contains(attachment.sha256) == true)
            let reads = try await w.audit.search(action: "case_read", target: "attachment:\(attachment.id.uuidString.lowercased())")
            #expect(reads.count == 1)
            #expect(try await rows(database, "attachment_pieces") == 100)
            #expect(try await w.files.room(on: .concern(w.concern.id)) == 75 * 1_048_576)
        }
    }

    @Test("a piece altered, swapped or dropped in the database does not open", arguments: TestDatabaseKind.available)
    func tampering(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let text = Array(String(repeating: "Made-up notes of a session. ", count: 40_000).utf8)
            let attachment = try await attach(w, bytes: [text], named: "notes.txt")
            #expect(try await read(w, attachment) == text)
            let sql = try #require(database.database as? any SQLDatabase)
            // Swap the numbers of the first two pieces.
            try await sql.raw("UPDATE attachment_pieces SET number = -1 WHERE number = 0").run()
            try await sql.raw("UPDATE attachment_pieces SET number = 0 WHERE number = 1").run()
            try await sql.raw("UPDATE attachment_pieces SET number = 1 WHERE number = -1").run()
            await #expect(throws: CipherError.self) { _ = try await read(w, attachment) }
            try await sql.raw("UPDATE attachment_pieces SET number = -1 WHERE number = 0").run()
            try await sql.raw("UPDATE attachment_pieces SET number = 0 WHERE number = 1").run()
            try await sql.raw("UPDATE attachment_pieces SET number = 1 WHERE number = -1").run()
            #expect(try await read(w, attachment) == text)
            // Drop the last piece: the one before it was not sealed as the last.
            try await sql.raw("DELETE FROM attachment_pieces WHERE number = \(bind: 4)").run()
            try await sql.raw("UPDATE attachments SET pieces = 4").run()
            await #expect(throws: CipherError.self) { _ = try await read(w, attachment) }
        }
    }

    @Test("a photo's GPS directory is gone when it is read back", arguments: TestDatabaseKind.available)
    func locationRemoved(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let attachment = try await attach(w, bytes: [MadeUpFiles.jpegWithLocation()], named: "photo.jpg")
            let back = try await read(w, attachment)
            #expect(attachment.kind == .jpeg && attachment.removedLocation)
            #expect(!MadeUpFiles.contains(back, MadeUpFiles.latitude) && MadeUpFiles.contains(back, Array("Phone".utf8)))
        }
    }

    @Test(
        "an empty file, one too large, one that is not what its name says, a zip bomb, a bad name and a cut-off upload leave nothing stored",
        arguments: TestDatabaseKind.available)
    func badInput(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database, limits: AttachmentLimits(perFile: 600_000, perRecord: 2_000_000))
            let large = Array(String(repeating: "made-up words ", count: 50_000).utf8)
            var bomb = MadeUpFiles.zip([("[Content_Types].xml", Array("<Types/>".utf8)), ("word/document.xml", Array("<w:document/>".utf8))])
            bomb[bomb.count - 22 - 46 - 17 + 24] = 0xFF  // the second entry now says it unpacks to far more than it holds
            bomb[bomb.count - 22 - 46 - 17 + 27] = 0x10
            let cases: [([UInt8], String)] = [
                ([], "empty.txt"), (large, "large.txt"), (MadeUpFiles.jpegWithLocation(), "letter.pdf"), (bomb, "letter.docx"),
            ]
            for (bytes, name) in cases {
                await #expect(throws: AttachmentProblem.self, "\(name)") {
                    _ = try await attach(w, bytes: [bytes], named: name)
                }
            }
            #expect(throws: AttachmentProblem.self) { try AttachmentName("../../etc/passwd") }
            // An upload cut off mid-way: the route abandons what had arrived.
            let upload = try await w.files.begin(
                .concern(w.concern.id), name: try AttachmentName("cut.pdf"), caption: "", isAddendum: false, by: w.sam.id, now: now)
            try await w.files.add([UInt8](repeating: 1, count: 1000), number: 0, to: upload)
            try await w.files.abandon(upload)
            let (files, pieces) = (try await rows(database, "attachments"), try await rows(database, "attachment_pieces"))
            #expect(files == 0 && pieces == 0)
            #expect(try await w.files.attachments(of: .concern(w.concern.id)).isEmpty)
            #expect(try await w.audit.search(action: "attachment_added", target: "concern:\(w.concern.id.uuidString.lowercased())").isEmpty)
        }
    }

    @Test(
        "an upload its instance stopped in the middle of is removed by the sweep once it is old; a finished file and a recent upload stay",
        arguments: TestDatabaseKind.available)
    func unfinishedUploads(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let kept = try await attach(w, bytes: [Array("Made-up note, finished.".utf8)], named: "kept.txt")
            // Two uploads whose instance died: one long ago, one a minute ago (it may still be arriving).
            for (name, started) in [("dead.pdf", now), ("arriving.pdf", now.addingTimeInterval(AttachmentStore.unfinishedLifetime))] {
                let upload = try await w.files.begin(
                    .concern(w.concern.id), name: try AttachmentName(name), caption: "", isAddendum: false, by: w.sam.id, now: started)
                try await w.files.add([UInt8](repeating: 7, count: 1000), number: 0, to: upload)
            }
            #expect(try await rows(database, "attachments") == 3)
            let sweptAt = now.addingTimeInterval(AttachmentStore.unfinishedLifetime + 60)
            #expect(try await w.files.removeUnfinished(startedBefore: sweptAt.addingTimeInterval(-AttachmentStore.unfinishedLifetime)) == 1)
            #expect(try await rows(database, "attachments") == 2)
            #expect(try await rows(database, "attachment_pieces") == 2)
            #expect(try await w.files.attachments(of: .concern(w.concern.id)).map(\.id) == [kept.id])
            #expect(try await w.files.removeUnfinished(startedBefore: sweptAt.addingTimeInterval(-AttachmentStore.unfinishedLifetime)) == 0)
        }
    }
}
