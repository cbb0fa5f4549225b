import ConfidantCore
import Crypto
import FluentKit
import FluentSQL
import Foundation

/// Files on concerns and people, sealed at rest in the database so that every instance and every backup holds the same
/// files and nobody without the key ring can read them.
///
/// Each file has a random key of its own, sealed within its person's file key (`PersonKeys`) and under the
/// installation's data key (so `key rotate` re-seals only that key, and disposing of the person's file makes it
/// unreadable); its bytes are sealed under it in 256 KiB pieces, each bound to the file, its number and, for the last, to being
/// the last — a piece altered, moved, swapped or dropped does not open. An upload writes its pieces as they arrive into
/// a row that is not yet complete; `finish` completes it and appends `attachment_added` with the SHA-256 in one
/// transaction, `abandon` removes it, and an incomplete row is never shown.
public struct AttachmentStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher
    public let limits: AttachmentLimits

    public init(_ database: ConfidantDatabase, cipher: FieldCipher, limits: AttachmentLimits = AttachmentLimits()) {
        self.database = database
        self.cipher = cipher
        self.limits = limits
    }

    /// The sealed name and caption.
    struct Details: Codable {
        let name: String
        let caption: String
    }

    /// A file being uploaded: where its pieces go.
    public struct Upload: Sendable {
        public let id: UUID
        public let owner: AttachmentOwner
        let key: SymmetricKey
        /// The file key of the person the file belongs to, within which its key, name and caption are sealed.
        let personKey: SymmetricKey
        public let isAddendum: Bool
    }

    /// How many more bytes `owner` may take.
    public func room(on owner: AttachmentOwner) async throws -> Int {
        // The sizes are summed here: PostgreSQL's SUM of a bigint is a numeric, and a record holds few files.
        let sizes = try await AttachmentModel.query(on: database.database)
            .filter(\.$ownerKind == owner.kind).filter(\.$ownerID == owner.id).filter(\.$complete == true)
            .all(\.$size)
        return max(0, limits.perRecord - Int(sizes.reduce(0, +)))
    }

    /// Starts a file: its row, not yet complete, with its sealed key, name and caption.
    public func begin(
        _ owner: AttachmentOwner, name: AttachmentName, caption: String, isAddendum: Bool, by uploader: UUID, now: Date
    ) async throws -> Upload {
        let id = UUID()
        let key = SymmetricKey(size: .bits256)
        let keyBytes = key.withUnsafeBytes { Data($0) }
        let personKey = try await fileKey(of: owner, now: now)
        let sealedKey = try cipher.seal(keyBytes, binding: "attachment-key:\(id)", within: personKey)
        let sealedDetails = try cipher.seal(Details(name: name.text, caption: caption), binding: "attachment:\(id)", within: personKey)
        let model = AttachmentModel()
        model.id = id
        model.ownerKind = owner.kind
        model.ownerID = owner.id
        model.kind = ""
        model.size = 0
        model.sha256 = ""
        model.removedLocation = false
        model.pieces = 0
        model.complete = false
        model.addendum = isAddendum
        model.keyID = sealedKey.keyID
        model.sealedKey = sealedKey.box
        model.sealedDetails = sealedDetails.box
        model.addedBy = uploader
        model.addedAt = now
        try await model.create(on: database.database)
        return Upload(id: id, owner: owner, key: key, personKey: personKey, isAddendum: isAddendum)
    }

    static func binding(_ id: UUID, piece: Int, last: Bool) -> Data {
        Data("attachment:\(id.uuidString.lowercased()):\(piece)\(last ? ":last" : "")".utf8)
    }

    /// Seals and writes one piece (not the last).
    public func add(_ piece: [UInt8], number: Int, to upload: Upload) async throws {
        try await write(piece, number: number, last: false, to: upload, on: database.database)
    }

    func write(_ piece: [UInt8], number: Int, last: Bool, to upload: Upload, on db: any Database) async throws {
        let box = try AES.GCM.seal(piece, using: upload.key, authenticating: Self.binding(upload.id, piece: number, last: last))
        guard let combined = box.combined else { throw CipherError.cannotSeal }
        let model = AttachmentPieceModel()
        model.attachmentID = upload.id
        model.number = number
        model.box = combined
        try await model.create(on: db)
    }

    /// Writes the last piece, completes the file and logs it with its hash, in one transaction.
    public func finish(
        _ upload: Upload, last: [UInt8], pieces: Int, accepted: AttachmentIntake.Accepted, by uploader: UUID, now: Date
    ) async throws -> Attachment {
        try await database.database.transaction { db in
            // Whether it is an addendum is settled now, not when the upload began: a concern submitted while the file
            // was arriving has it after submitting. The lock makes a submit at the same moment wait, or be seen.
            var isAddendum = upload.isAddendum
            if case .concern(let id) = upload.owner {
                try await db.lockForUpdate("concerns", id: id)
                guard let concern = try await ConcernModel.find(id, on: db) else { throw RecordError.notFound }
                isAddendum = concern.status == ConcernStatus.submitted.rawValue
            }
            try await write(last, number: pieces - 1, last: true, to: upload, on: db)
            guard let model = try await AttachmentModel.find(upload.id, on: db) else { throw RecordError.notFound }
            model.addendum = isAddendum
            model.kind = accepted.kind.rawValue
            model.size = Int64(accepted.size)
            model.sha256 = accepted.sha256
            model.removedLocation = accepted.removedLocation
            model.pieces = pieces
            model.complete = true
            try await model.update(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(uploader), .attachmentAdded, target: upload.owner.auditTarget,
                    [
                        "attachment": .string(upload.id.uuidString.lowercased()), "sha256": .string(accepted.sha256),
                        "size": .int(Int64(accepted.size)), "kind": .string(accepted.kind.rawValue),
                        "location_removed": .bool(accepted.removedLocation), "addendum": .bool(isAddendum),
                    ]), on: db)
            return try open(model, within: upload.personKey)
        }
    }

    /// Removes a file whose upload failed, with whatever pieces it had.
    public func abandon(_ upload: Upload) async throws {
        try await database.database.transaction { db in
            try await AttachmentPieceModel.query(on: db).filter(\.$attachmentID == upload.id).delete()
            try await AttachmentModel.query(on: db).filter(\.$id == upload.id).filter(\.$complete == false).delete()
        }
    }

    /// How long an upload may stay unfinished before it is taken for one its instance never finished: far longer than
    /// the largest record's files take on a slow line (100 MB at 1 Mbit/s is a quarter of an hour).
    public static let unfinishedLifetime: TimeInterval = 6 * 60 * 60

    /// Removes the uploads begun before `cutoff` and never finished or abandoned (their instance stopped mid-upload),
    /// pieces and all, and answers how many. A finished file is never touched.
    @discardableResult
    public func removeUnfinished(startedBefore cutoff: Date) async throws -> Int {
        let stale = try await AttachmentModel.query(on: database.database).filter(\.$complete == false).filter(\.$addedAt < cutoff).all()
        var removed = 0
        for model in stale {
            let id = try model.requireID()
            removed += try await database.database.transaction { db in
                // Read again with the row locked: an upload that finished at this moment keeps its pieces.
                try await db.lockForUpdate(AttachmentModel.schema, id: id)
                guard let current = try await AttachmentModel.find(id, on: db), !current.complete else { return 0 }
                try await AttachmentPieceModel.query(on: db).filter(\.$attachmentID == id).delete()
                try await current.delete(on: db)
                return 1
            }
        }
        return removed
    }

    /// The complete files on `owner`, oldest first (names and captions opened; the caller logs the page read).
    public func attachments(of owner: AttachmentOwner) async throws -> [Attachment] {
        let key = try await existingFileKey(of: owner)
        return try await AttachmentModel.query(on: database.database)
            .filter(\.$ownerKind == owner.kind).filter(\.$ownerID == owner.id).filter(\.$complete == true)
            .sort(\.$addedAt).all().map { try open($0, within: key) }
    }

    /// One complete file's facts, without logging (for access checks).
    public func attachment(_ id: UUID) async throws -> Attachment? {
        guard let model = try await AttachmentModel.find(id, on: database.database), model.complete else { return nil }
        return try open(model, within: try await existingFileKey(of: try owner(of: model)))
    }

    /// A file's bytes, a piece at a time, for `reader` (an audit name: a user, or a partner contact opening it through
    /// `share`): the read (`view` or `download`) is logged before any byte is returned. Each piece is opened as it is
    /// read; one that was altered, moved or dropped ends the stream with an error.
    public func contents(
        of attachment: Attachment, readBy reader: String, as how: String, through share: UUID? = nil, now: Date
    ) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        guard let model = try await AttachmentModel.find(attachment.id, on: database.database), model.complete else {
            throw RecordError.notFound
        }
        let key = try fileKey(model, within: try await existingFileKey(of: attachment.owner))
        try await AuditLogStore(database).append(
            .at(
                now, actor: reader, .caseRead, target: "attachment:\(attachment.id.uuidString.lowercased())",
                ["parts": .strings([how, attachment.owner.auditTarget] + (share.map { ["share:\($0.uuidString.lowercased())"] } ?? []))]))
        let db = database.database
        let (id, pieces) = (attachment.id, model.pieces)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for number in 0..<pieces {
                        guard
                            let row = try await AttachmentPieceModel.query(on: db).filter(\.$attachmentID == id)
                                .filter(\.$number == number).first()
                        else { throw CipherError.damaged("attachment:\(id)") }
                        continuation.yield(try Self.openPiece(row.box, key: key, id: id, number: number, last: number == pieces - 1))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    static func openPiece(_ box: Data, key: SymmetricKey, id: UUID, number: Int, last: Bool) throws -> [UInt8] {
        do {
            let sealed = try AES.GCM.SealedBox(combined: box)
            return Array(try AES.GCM.open(sealed, using: key, authenticating: binding(id, piece: number, last: last)))
        } catch {
            throw CipherError.damaged("attachment:\(id)")
        }
    }

    func fileKey(_ model: AttachmentModel, within personKey: SymmetricKey?) throws -> SymmetricKey {
        let id = try model.requireID()
        let bytes = try cipher.open(Data.self, .init(keyID: model.keyID, box: model.sealedKey), binding: "attachment-key:\(id)", within: personKey)
        return SymmetricKey(data: bytes)
    }

    /// The person whose file `owner` is part of: the person, or the one the concern is about.
    func person(of owner: AttachmentOwner, on db: any Database) async throws -> UUID {
        switch owner {
        case .person(let id): return id
        case .concern(let id):
            guard let concern = try await ConcernModel.find(id, on: db) else { throw RecordError.notFound }
            return concern.personID
        }
    }

    /// The file key of the person `owner` belongs to, made when it is the first thing sealed within it.
    func fileKey(of owner: AttachmentOwner, now: Date) async throws -> SymmetricKey {
        let db = database.database
        return try await PersonKeys(cipher: cipher).key(for: try await person(of: owner, on: db), now: now, on: db)
    }

    /// The file key of the person `owner` belongs to, if their file has one.
    func existingFileKey(of owner: AttachmentOwner) async throws -> SymmetricKey? {
        let db = database.database
        let person = try await person(of: owner, on: db)
        return try await PersonKeys(cipher: cipher).keys(for: [person], on: db)[person]
    }

    func owner(of model: AttachmentModel) throws -> AttachmentOwner {
        guard let owner = AttachmentOwner(kind: model.ownerKind, id: model.ownerID) else {
            throw StoreError.unreadableRow("attachments.owner_kind holds \"\(model.ownerKind.prefix(40))\", which is not one Confidant writes")
        }
        return owner
    }

    func open(_ model: AttachmentModel, within personKey: SymmetricKey?) throws -> Attachment {
        let id = try model.requireID()
        let details = try cipher.open(
            Details.self, .init(keyID: model.keyID, box: model.sealedDetails), binding: "attachment:\(id)", within: personKey)
        let owner = try owner(of: model)
        return Attachment(
            id: id, owner: owner, kind: try AttachmentKind.stored(model.kind, in: "attachments.kind"), name: details.name, caption: details.caption,
            size: Int(model.size), sha256: model.sha256, removedLocation: model.removedLocation, addedBy: model.addedBy,
            addedAt: model.addedAt, isAddendum: model.addendum)
    }
}
