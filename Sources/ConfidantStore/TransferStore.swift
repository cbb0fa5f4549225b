import ConfidantCore
import Crypto
import FluentKit
import FluentSQL
import Foundation

/// Transferring a person's safeguarding file to another organisation (KCSIE; docs/data-protection.md, "Transfer"):
/// the sender makes a signed, encrypted bundle of the file and tracks its receipt; a receiving Confidant imports a
/// bundle as the person and their records, with their original dates, marked as transferred.
public struct TransferStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher

    public init(_ database: ConfidantDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// A transfer as its sender tracks it.
    public struct SentTransfer: Sendable, Equatable {
        public let id: UUID
        public let personID: UUID
        public let receiver: String
        /// The SHA-256 of the bundle as sent, in hexadecimal.
        public let sha256: String
        public let createdBy: UUID
        public let createdAt: Date
        public let receiptAt: Date?
        /// Who confirmed the receipt, as they said it.
        public let receiptBy: String?
    }

    /// What a sent transfer keeps, sealed within the person's file key: the bundle as sent and the key that opens it.
    struct Kept: Codable {
        let bundle: Data
        let key: String
    }

    /// Makes the bundle of `personID`'s file for `receiver`, signed with `signer` (the installation's Ed25519 key), and
    /// records the transfer: its submitted concerns with their addenda and decisions, each concern with the inclusion
    /// proof of its `record_created` event. Answers the bundle and the transfer key, which reaches the receiver apart.
    public func send(
        _ personID: UUID, to receiver: String, from sender: String, by lead: UUID, signer: Curve25519.Signing.PrivateKey, now: Date
    ) async throws -> (transfer: SentTransfer, bundle: Data, key: String) {
        let records = RecordStore(database, cipher: cipher)
        guard let person = try await records.people([personID])[personID] else { throw RecordError.notFound }
        let names = try await UserStore(database).names()
        func name(_ id: UUID) -> String { names[id] ?? "someone no longer recorded" }
        let log = AuditLogStore(database)
        var leaves: [AuditHash] = []
        try await log.forEachEvent { event in
            leaves.append(event.hash)
            return true
        }
        var concerns: [TransferredConcern] = []
        for concern in try await records.concerns(about: personID, includeDraftsBy: nil) where concern.status == .submitted {
            let created = try await log.search(action: AuditAction.recordCreated.rawValue, target: "concern:\(concern.id.uuidString.lowercased())")
            let proof = try created.last.map { try AuditProof.make(sequence: $0.sequence, leaves: leaves) }.map(TransferredProof.init)
            concerns.append(
                TransferredConcern(
                    authorName: name(concern.authorID), conversationAt: concern.conversationAt, submittedAt: concern.submittedAt ?? concern.createdAt,
                    disclosedBy: concern.disclosedBy, limitsExplained: concern.limitsExplained, secrecyRequested: concern.secrecyRequested,
                    offered: concern.offered, categories: concern.categories, risk: concern.risk, narrative: concern.narrative,
                    addenda: try await records.addenda(of: concern.id).map {
                        TransferredEntry(authorName: name($0.authorID), at: $0.createdAt, text: $0.text)
                    },
                    decisions: try await records.decisions(on: concern.id).map {
                        TransferredDecision(deciderName: name($0.deciderID), at: $0.decidedAt, outcome: $0.outcome, reason: $0.reason)
                    },
                    proof: proof))
        }
        let id = UUID()
        let file = TransferFile(
            transferID: id, sender: sender, receiver: receiver, createdAt: now, person: TransferredPerson(kind: person.kind, details: person.details),
            concerns: concerns.sorted { $0.submittedAt < $1.submittedAt })
        let key = SymmetricKey(size: .bits256)
        let keyText = TransferBundle.text(of: key)
        let bundle = try Self.seal(file, key: key, signer: signer)
        let digest = SHA256.hash(data: bundle).map { String(format: "%02x", $0) }.joined()
        try await database.database.transaction { db in
            guard try await PersonModel.find(personID, on: db) != nil else { throw RecordError.notFound }
            let sealed = try cipher.seal(
                Kept(bundle: bundle, key: keyText), binding: "transfer:\(id)",
                within: try await PersonKeys(cipher: cipher).key(for: personID, now: now, on: db))
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            try await sql.raw(
                """
                INSERT INTO transfers (id, person_id, receiver, sha256, key_id, sealed_bundle, created_by, created_at)
                VALUES (\(bind: id), \(bind: personID), \(bind: receiver), \(bind: digest), \(bind: sealed.keyID), \(bind: sealed.box), \(bind: lead), \(bind: now))
                """
            ).run()
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(lead), .fileTransferred, target: "person:\(personID.uuidString.lowercased())",
                    ["transfer": .string(id.uuidString.lowercased()), "sha256": .string(digest), "concerns": .int(Int64(file.concerns.count))]),
                on: db)
        }
        let transfer = SentTransfer(
            id: id, personID: personID, receiver: receiver, sha256: digest, createdBy: lead, createdAt: now, receiptAt: nil, receiptBy: nil)
        return (transfer, bundle, keyText)
    }

    /// Seals `file` under `key` and signs it with `signer` (`TransferBundle` says what is covered).
    static func seal(_ file: TransferFile, key: SymmetricKey, signer: Curve25519.Signing.PrivateKey) throws -> Data {
        let sealed = try AES.GCM.seal(try TransferBundle.plaintext(file), using: key, authenticating: TransferBundle.binding(file.transferID))
        guard let box = sealed.combined else { throw CipherError.cannotSeal }
        let senderKey = signer.publicKey.rawRepresentation.base64EncodedString()
        let signature = try signer.signature(for: TransferBundle.signedBytes(transfer: file.transferID, senderKey: senderKey, box: box))
        let envelope = TransferBundle.Envelope(
            format: TransferBundle.format, transfer: file.transferID, senderKey: senderKey, box: box.base64EncodedString(),
            signature: signature.base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(envelope)
    }

    /// The transfers of a person's file, the latest first (facts only).
    public func transfers(of personID: UUID) async throws -> [SentTransfer] {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw(
            """
            SELECT id, person_id, receiver, sha256, created_by, created_at, receipt_at, receipt_by FROM transfers
            WHERE person_id = \(bind: personID) ORDER BY created_at DESC
            """
        ).all().map(Self.sent)
    }

    /// Records that the receiver confirmed the transfer's receipt (`by`: who, as they said it); once.
    public func confirmReceipt(_ id: UUID, by who: String, now: Date) async throws -> SentTransfer {
        try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            try await db.lockForUpdate("transfers", id: id)
            guard
                let row = try await sql.raw(
                    "SELECT id, person_id, receiver, sha256, created_by, created_at, receipt_at, receipt_by FROM transfers WHERE id = \(bind: id)"
                ).first()
            else { throw RecordError.notFound }
            let transfer = try Self.sent(row)
            if transfer.receiptAt != nil { throw RecordError.notNow("Its receipt was already confirmed.") }
            try await sql.raw("UPDATE transfers SET receipt_at = \(bind: now), receipt_by = \(bind: who) WHERE id = \(bind: id)").run()
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditEvent.systemActor, .transferReceived, target: "person:\(transfer.personID.uuidString.lowercased())",
                    ["transfer": .string(id.uuidString.lowercased())]), on: db)
            return SentTransfer(
                id: id, personID: transfer.personID, receiver: transfer.receiver, sha256: transfer.sha256, createdBy: transfer.createdBy,
                createdAt: transfer.createdAt, receiptAt: now, receiptBy: who)
        }
    }

    static func sent(_ row: any SQLRow) throws -> SentTransfer {
        SentTransfer(
            id: try row.decode(column: "id", as: UUID.self), personID: try row.decode(column: "person_id", as: UUID.self),
            receiver: try row.decode(column: "receiver", as: String.self), sha256: try row.decode(column: "sha256", as: String.self),
            createdBy: try row.decode(column: "created_by", as: UUID.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            receiptAt: try row.decode(column: "receipt_at", as: Date?.self), receiptBy: try row.decode(column: "receipt_by", as: String?.self))
    }

    // MARK: Receiving

    /// What an import created.
    public struct Imported: Sendable {
        public let person: Person
        public let concerns: Int
        public let transferID: UUID
        public let sender: String
    }

    /// Imports a bundle: its signature is checked (against `sender`, the sending organisation's published key, when
    /// given) before it is opened with `key`; then the person and each concern with its addenda and decisions are
    /// created in one transaction, with their original dates, marked as transferred from the sender and by whom each
    /// was written there, the person's new concerns waiting for this organisation's triage. Logged as records created.
    public func importBundle(
        _ bundle: Data, key: SymmetricKey, sender: Curve25519.Signing.PublicKey?, by importer: UUID, now: Date
    ) async throws -> Imported {
        let file = try TransferBundle.open(bundle, key: key, sender: sender).file
        let records = RecordStore(database, cipher: cipher)
        return try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            if try await sql.raw("SELECT transfer_id FROM received_transfers WHERE transfer_id = \(bind: file.transferID)").first() != nil {
                throw RecordError.notNow("This transfer was imported already: its file is in Confidant once.")
            }
            let person = try await records.insertPerson(kind: file.person.kind, details: file.person.details, by: importer, now: now, on: db)
            try await sql.raw(
                """
                INSERT INTO received_transfers (transfer_id, person_id, received_by, received_at)
                VALUES (\(bind: file.transferID), \(bind: person.id), \(bind: importer), \(bind: now))
                """
            ).run()
            let personKey = try await records.personKeys.key(for: person.id, now: now, on: db)
            let from = file.sender
            for transferred in file.concerns {
                let concern = Concern(
                    id: UUID(), personID: person.id, authorID: importer, status: .submitted, conversationAt: transferred.conversationAt,
                    disclosedBy: transferred.disclosedBy, limitsExplained: transferred.limitsExplained,
                    secrecyRequested: transferred.secrecyRequested, offered: transferred.offered, categories: transferred.categories,
                    risk: transferred.risk, narrative: transferred.narrative, createdAt: transferred.submittedAt, updatedAt: now,
                    submittedAt: transferred.submittedAt, transferredFrom: "\(from), written by \(transferred.authorName)")
                let model = ConcernModel()
                model.id = concern.id
                model.personID = person.id
                model.authorID = importer
                model.createdAt = concern.createdAt
                try records.write(concern, into: model, within: personKey)
                model.transferredFrom = concern.transferredFrom
                try await model.create(on: db)
                for entry in transferred.addenda {
                    let addendum = AddendumModel()
                    let id = UUID()
                    let sealed = try cipher.seal("[\(entry.authorName), \(from)] \(entry.text)", binding: "addendum:\(id)", within: personKey)
                    addendum.id = id
                    addendum.concernID = concern.id
                    addendum.authorID = importer
                    addendum.keyID = sealed.keyID
                    addendum.sealedText = sealed.box
                    addendum.createdAt = entry.at
                    try await addendum.create(on: db)
                }
                for transferredDecision in transferred.decisions {
                    let decision = TriageDecisionModel()
                    let id = UUID()
                    let sealed = try cipher.seal(
                        "[\(transferredDecision.deciderName), \(from)] \(transferredDecision.reason)", binding: "decision:\(id)", within: personKey)
                    decision.id = id
                    decision.concernID = concern.id
                    decision.deciderID = importer
                    decision.outcome = transferredDecision.outcome.rawValue
                    decision.keyID = sealed.keyID
                    decision.sealedReason = sealed.box
                    decision.decidedAt = transferredDecision.at
                    try await decision.create(on: db)
                }
                try await AuditLogStore.append(
                    .at(
                        now, actor: AuditName.user(importer), .recordCreated, target: "concern:\(concern.id.uuidString.lowercased())",
                        [
                            "person": .string("person:\(person.id.uuidString.lowercased())"),
                            "transfer": .string(file.transferID.uuidString.lowercased()),
                        ]), on: db)
            }
            return Imported(person: person, concerns: file.concerns.count, transferID: file.transferID, sender: from)
        }
    }
}
