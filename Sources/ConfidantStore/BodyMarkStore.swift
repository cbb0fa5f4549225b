import ConfidantCore
import Crypto
import FluentKit
import Foundation

/// Marks on a concern's body map, sealed like its narrative: where it is, what was seen, its size, colour and note.
///
/// A draft's author adds and removes marks; once the concern is submitted its marks are frozen with it (a correction
/// is an addendum), so both refuse a submitted concern in the same transaction that checks it.
public struct BodyMarkStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher

    public init(_ database: ConfidantDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// What is sealed of a mark.
    struct Sealed: Codable {
        let outline: String
        let region: String
        let x: Double
        let y: Double
        let kind: String
        let size: String
        let colour: String
        let note: String
    }

    /// Adds `mark` to its concern, which must still be a draft.
    public func add(_ mark: BodyMark) async throws {
        try await database.database.transaction { db in
            let concern = try await Self.requireDraft(mark.concernID, on: db)
            let sealed = try cipher.seal(
                Sealed(
                    outline: mark.outline.rawValue, region: mark.region.id, x: mark.x, y: mark.y, kind: mark.kind.rawValue, size: mark.size,
                    colour: mark.colour, note: mark.note), binding: "body-mark:\(mark.id)",
                within: try await PersonKeys(cipher: cipher).key(for: concern.personID, now: mark.addedAt, on: db))
            let model = BodyMarkModel()
            model.id = mark.id
            model.concernID = mark.concernID
            // The concern's person, whatever the caller said: the mark is sealed within their file's key.
            model.personID = concern.personID
            model.seenOn = mark.seenOn.iso
            model.keyID = sealed.keyID
            model.sealedMark = sealed.box
            model.addedBy = mark.addedBy
            model.addedAt = mark.addedAt
            try await model.create(on: db)
        }
    }

    /// Removes a mark from a draft concern; false when the concern has no such mark.
    public func remove(_ id: UUID, from concernID: UUID) async throws -> Bool {
        try await database.database.transaction { db in
            try await Self.requireDraft(concernID, on: db)
            guard let model = try await BodyMarkModel.query(on: db).filter(\.$id == id).filter(\.$concernID == concernID).first() else {
                return false
            }
            try await model.delete(on: db)
            return true
        }
    }

    @discardableResult
    static func requireDraft(_ concernID: UUID, on db: any Database) async throws -> ConcernModel {
        // A submit that lands at the same moment waits for this change, or this one sees it submitted.
        try await db.lockForUpdate("concerns", id: concernID)
        guard let concern = try await ConcernModel.find(concernID, on: db) else { throw RecordError.notFound }
        guard concern.status == ConcernStatus.draft.rawValue else {
            throw RecordError.notNow("The body map was frozen when the concern was submitted: add an addendum to correct it.")
        }
        return concern
    }

    /// A concern's marks, in the order they were made. The caller has logged its read of the concern.
    public func marks(on concernID: UUID) async throws -> [BodyMark] {
        try await open(try await BodyMarkModel.query(on: database.database).filter(\.$concernID == concernID).sort(\.$addedAt).all())
    }

    /// Every mark on the person's concerns in `concerns` (those the viewer may open), oldest day first.
    public func marks(about personID: UUID, onConcerns concerns: Set<UUID>) async throws -> [BodyMark] {
        guard !concerns.isEmpty else { return [] }
        return try await open(
            try await BodyMarkModel.query(on: database.database).filter(\.$personID == personID)
                .filter(\.$concernID ~~ Array(concerns)).sort(\.$seenOn).sort(\.$addedAt).all())
    }

    /// Opens marks with their people's file keys, read in one statement.
    func open(_ models: [BodyMarkModel]) async throws -> [BodyMark] {
        let keys = try await PersonKeys(cipher: cipher).keys(for: models.map(\.personID), on: database.database)
        return try models.map { try open($0, within: keys[$0.personID]) }
    }

    func open(_ model: BodyMarkModel, within key: SymmetricKey?) throws -> BodyMark {
        let id = try model.requireID()
        let sealed = try cipher.open(Sealed.self, .init(keyID: model.keyID, box: model.sealedMark), binding: "body-mark:\(id)", within: key)
        guard let outline = BodyOutline(rawValue: sealed.outline), let region = BodyRegion.named(sealed.region),
            let kind = BodyMarkKind(rawValue: sealed.kind), let day = CalendarDay(model.seenOn)
        else {
            throw StoreError.unreadableRow("body_marks \(id) holds an outline, region, kind or day that Confidant does not write")
        }
        return BodyMark(
            id: id, concernID: model.concernID, personID: model.personID, outline: outline, region: region, x: sealed.x, y: sealed.y,
            kind: kind, size: sealed.size, colour: sealed.colour, note: sealed.note, seenOn: day, addedBy: model.addedBy,
            addedAt: model.addedAt)
    }
}
