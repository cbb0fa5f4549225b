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
    /// Records the share of each concern a transfer sends, with its tasks.
    let shares: ShareStore
    /// Working days the receiver has to confirm receipt in (`serve --transfer-working-days`, default 5).
    let workingDays: Int
    /// The leads are told of an overdue receipt; nil where nobody is (the command line).
    let notices: NoticeBoard?

    public init(
        _ database: ConfidantDatabase, cipher: FieldCipher, shares: ShareStore? = nil, workingDays: Int = TransferProgress.defaultWorkingDays,
        notices: NoticeBoard? = nil
    ) {
        self.database = database
        self.cipher = cipher
        self.shares = shares ?? ShareStore(database, cipher: cipher)
        self.workingDays = workingDays
        self.notices = notices
    }

    var outbox: MailOutbox { MailOutbox(database, cipher: cipher) }

    /// A transfer as its sender tracks it.
    public struct SentTransfer: Sendable, Equatable {
        public let id: UUID
        public let personID: UUID
        /// Whether the file is a child's or an adult's, for its pseudonym on lists.
        public let personKind: PersonKind
        public let receiver: String
        /// The named contact it went to (nil for a transfer recorded before contacts were kept).
        public let contactID: UUID?
        /// The SHA-256 of the bundle as sent, in hexadecimal.
        public let sha256: String
        public let createdBy: UUID
        public let createdAt: Date
        public let progress: TransferProgress
        /// When its link stops working.
        public let expiresAt: Date?
        /// Who confirmed the receipt, as they said it.
        public let receiptBy: String?
        public let reminders: Int

        public var receiptAt: Date? { progress.receiptAt }
    }

    /// What a sent transfer keeps, sealed within the person's file key: the bundle as sent and the key that opens it.
    struct Kept: Codable {
        let bundle: Data
        let key: String
    }

    /// The file a transfer carries: the chosen concerns of `proposal` with their addenda and decisions, each with the
    /// inclusion proof of its `record_created` event, and the address and one-time token with which a receiving
    /// Confidant confirms receipt at `receiptURL`.
    public func file(for proposal: TransferProposal, sender: String, receiptURL: String) async throws -> TransferFile {
        let records = RecordStore(database, cipher: cipher)
        guard let person = try await records.people([proposal.personID])[proposal.personID] else { throw RecordError.notFound }
        let names = try await UserStore(database).names()
        func name(_ id: UUID) -> String { names[id] ?? "someone no longer recorded" }
        let log = AuditLogStore(database)
        var leaves: [AuditHash] = []
        try await log.forEachEvent { event in
            leaves.append(event.hash)
            return true
        }
        let chosen = Set(proposal.shares.map(\.concernID))
        var concerns: [TransferredConcern] = []
        for concern in try await records.concerns(about: proposal.personID, includeDraftsBy: nil)
        where concern.status == .submitted && chosen.contains(concern.id) {
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
        guard concerns.count == chosen.count else { throw RecordError.notNow("A chosen record is no longer in the file: choose again.") }
        return TransferFile(
            transferID: proposal.id, sender: sender, receiver: proposal.recipient.label, createdAt: proposal.at,
            person: TransferredPerson(kind: person.kind, details: person.details), concerns: concerns.sorted { $0.submittedAt < $1.submittedAt },
            receipt: TransferReceiptAddress(url: receiptURL, token: SecretToken.generate()))
    }

    /// Sends a decided transfer with its `file` (from `file(for:…)`) and the same file printed (`pdf`): the bundle is
    /// sealed and signed with `signer` (the installation's Ed25519 key), and in one transaction the transfer is kept,
    /// each concern's share recorded as the engine decided it (opening the inform tasks a broken confidence calls for),
    /// `file_transferred` logged and the receiving contact emailed the link (`link`, the transfer's code page). Answers
    /// the transfer key, which the contact reads on that page once they have opened it with a code.
    public func send(
        _ proposal: TransferProposal, file: TransferFile, pdf: Data, signer: AuditSigningKey, link: String
    ) async throws -> (transfer: SentTransfer, bundle: Data, key: String) {
        guard proposal.canSend else { throw RecordError.notNow("The decision engine does not allow every chosen record to be sent.") }
        guard let contactID = proposal.recipient.contactID, file.transferID == proposal.id, let receipt = file.receipt else {
            throw RecordError.invalidRequest("A file is transferred to a named contact at another organisation.")
        }
        let now = proposal.at
        let key = SymmetricKey(size: .bits256)
        let keyText = TransferBundle.text(of: key)
        let bundle = try Self.seal(TransferArchive(file: file, pdf: pdf), key: key, signer: signer.privateKey)
        let digest = SHA256.hash(data: bundle).map { String(format: "%02x", $0) }.joined()
        let due = TransferProgress.due(sentAt: now, workingDays: workingDays, calendar: shares.calendar)
        let expires = now.addingTimeInterval(Share.linkLifetime)
        let id = proposal.id
        let personID = proposal.personID
        let shares = self.shares
        try await database.database.transaction { db in
            guard try await PersonModel.find(personID, on: db) != nil else { throw RecordError.notFound }
            guard let contact = try await AgencyContactModel.find(contactID, on: db) else { throw RecordError.notFound }
            let sealed = try cipher.seal(
                Kept(bundle: bundle, key: keyText), binding: "transfer:\(id)",
                within: try await PersonKeys(cipher: cipher).key(for: personID, now: now, on: db))
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            try await sql.raw(
                """
                INSERT INTO transfers (id, person_id, receiver, sha256, key_id, sealed_bundle, created_by, created_at, contact_id, due_at,
                expires_at, receipt_token_hash, reminders)
                VALUES (\(bind: id), \(bind: personID), \(bind: proposal.recipient.label), \(bind: digest), \(bind: sealed.keyID), \(bind: sealed.box),
                \(bind: proposal.proposerID), \(bind: now), \(bind: contactID), \(bind: due), \(bind: expires), \(bind: SecretToken.hash(receipt.token)), 0)
                """
            ).run()
            for share in proposal.shares { _ = try await shares.insert(share, transfer: id, on: db) }
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(proposal.proposerID), .fileTransferred, target: "person:\(personID.uuidString.lowercased())",
                    [
                        "transfer": .string(id.uuidString.lowercased()), "sha256": .string(digest), "concerns": .int(Int64(file.concerns.count)),
                        "contact": .string("contact:\(contactID.uuidString.lowercased())"),
                        "shares": .strings(proposal.shares.map { "share:\($0.id.uuidString.lowercased())" }),
                    ]),
                on: db)
            // Names nobody: the link, what to do, and by when.
            try await outbox.queue(
                OutboxEmail(
                    recipient: contact.email, subject: "A safeguarding file has been transferred to you",
                    body: """
                        A safeguarding file has been transferred to you by \(file.sender).
                        Open it at \(link): you will be asked for a one-time code, which we email to this address.
                        Please confirm its receipt there by \(Self.spoken(due)). The link works until \(Self.spoken(expires)).
                        """), now: now, on: db)
        }
        let personKind = try await TransferStore.kind(of: personID, on: database.database)
        let transfer = SentTransfer(
            id: id, personID: personID, personKind: personKind, receiver: proposal.recipient.label, contactID: contactID, sha256: digest,
            createdBy: proposal.proposerID,
            createdAt: now, progress: TransferProgress(sentAt: now, openedAt: nil, receiptAt: nil, dueAt: due), expiresAt: expires, receiptBy: nil,
            reminders: 0)
        return (transfer, bundle, keyText)
    }

    static func kind(of personID: UUID, on db: any Database) async throws -> PersonKind {
        guard let model = try await PersonModel.find(personID, on: db), let kind = PersonKind(rawValue: model.kind) else {
            throw RecordError.notFound
        }
        return kind
    }

    /// A day as an email says it, in UTC: "Monday 14 December 2026".
    static func spoken(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEEE d MMMM yyyy"
        return formatter.string(from: date)
    }

    /// Seals `archive` under `key` and signs it with `signer` (`TransferBundle` says what is covered).
    static func seal(_ archive: TransferArchive, key: SymmetricKey, signer: Curve25519.Signing.PrivateKey) throws -> Data {
        let transferID = archive.file.transferID
        let sealed = try AES.GCM.seal(try TransferBundle.plaintext(archive), using: key, authenticating: TransferBundle.binding(transferID))
        guard let box = sealed.combined else { throw CipherError.cannotSeal }
        let senderKey = signer.publicKey.rawRepresentation.base64EncodedString()
        let signature = try signer.signature(for: TransferBundle.signedBytes(transfer: transferID, senderKey: senderKey, box: box))
        let envelope = TransferBundle.Envelope(
            format: TransferBundle.format, transfer: transferID, senderKey: senderKey, box: box.base64EncodedString(),
            signature: signature.base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(envelope)
    }

    static let columns =
        """
        id, person_id, receiver, contact_id, sha256, created_by, created_at, due_at, expires_at, opened_at, receipt_at, receipt_by, reminders,
        (SELECT kind FROM people WHERE people.id = transfers.person_id) AS person_kind
        """

    /// The transfers of a person's file, the latest first (facts only).
    public func transfers(of personID: UUID) async throws -> [SentTransfer] {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM transfers WHERE person_id = \(bind: personID) ORDER BY created_at DESC")
            .all().map(Self.sent)
    }

    /// Every transfer sent, the latest first (facts only): the leads' list of what is waiting for receipt.
    public func sent() async throws -> [SentTransfer] {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM transfers ORDER BY created_at DESC").all().map(Self.sent)
    }

    /// One transfer's facts.
    public func transfer(_ id: UUID) async throws -> SentTransfer? {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM transfers WHERE id = \(bind: id)").first().map(Self.sent)
    }

    /// The share a transfer's one-time codes and passes are kept against: its first, which went to the same contact
    /// with the same expiry (`ShareStore.issueAccessCode`).
    public func codeShare(of id: UUID) async throws -> UUID? {
        try await ShareModel.query(on: database.database).filter(\.$transferID == id).sort(\.$createdAt).sort(\.$id).first()?.id
    }

    /// The archive a sent transfer carries, opened from what the sender kept, with the transfer key: what its link shows
    /// to the contact who opened it with a code (`contact`), logged as their read (`transfer_opened`, its first open
    /// kept as the transfer's "Opened").
    public func opened(
        _ id: UUID, by contact: UUID, now: Date
    ) async throws -> (transfer: SentTransfer, archive: TransferArchive, bundle: Data, key: String) {
        let kept: Kept = try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            guard
                let row = try await sql.raw("SELECT person_id, contact_id, key_id, sealed_bundle, opened_at FROM transfers WHERE id = \(bind: id)")
                    .first(),
                try row.decode(column: "contact_id", as: UUID?.self) == contact
            else { throw RecordError.notFound }
            let personID = try row.decode(column: "person_id", as: UUID.self)
            let kept = try cipher.open(
                Kept.self,
                .init(keyID: try row.decode(column: "key_id", as: String.self), box: try row.decode(column: "sealed_bundle", as: String.self)),
                binding: "transfer:\(id)", within: try await PersonKeys(cipher: cipher).keys(for: [personID], on: db)[personID])
            if try row.decode(column: "opened_at", as: Date?.self) == nil {
                try await sql.raw("UPDATE transfers SET opened_at = \(bind: now) WHERE id = \(bind: id) AND opened_at IS NULL").run()
            }
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.contact(contact), .transferOpened, target: "person:\(personID.uuidString.lowercased())",
                    ["transfer": .string(id.uuidString.lowercased())]), on: db)
            return kept
        }
        guard let key = TransferBundle.key(kept.key), let transfer = try await transfer(id) else { throw RecordError.notFound }
        let archive = try TransferBundle.open(kept.bundle, key: key, sender: nil).archive
        return (transfer, archive, kept.bundle, kept.key)
    }

    /// Records that the receiver confirmed the transfer's receipt (`by`: who, as they said it); once.
    public func confirmReceipt(_ id: UUID, by who: String, now: Date) async throws -> SentTransfer {
        try await confirm(id, token: nil, by: who, now: now)
    }

    /// Records the receipt a receiving Confidant sends back on import, proven by the token inside the bundle.
    public func confirmReceipt(_ id: UUID, token: String, by who: String, now: Date) async throws -> SentTransfer {
        try await confirm(id, token: token, by: who, now: now)
    }

    func confirm(_ id: UUID, token: String?, by who: String, now: Date) async throws -> SentTransfer {
        let who = String(who.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        guard !who.isEmpty else {
            throw RecordError.invalidRequest("Enter your name, so the sender knows who received the file.")
        }
        return try await database.database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
            try await db.lockForUpdate("transfers", id: id)
            guard let row = try await sql.raw("SELECT \(unsafeRaw: Self.columns), receipt_token_hash FROM transfers WHERE id = \(bind: id)").first()
            else { throw RecordError.notFound }
            if let token {
                // Unknown and wrong tokens look the same: neither says whether the transfer exists.
                guard let hash = try row.decode(column: "receipt_token_hash", as: String?.self),
                    SecretToken.constantTimeEquals(hash, SecretToken.hash(token))
                else { throw RecordError.notFound }
            }
            let transfer = try Self.sent(row)
            if transfer.receiptAt != nil { throw RecordError.notNow("Its receipt was already confirmed.") }
            try await sql.raw("UPDATE transfers SET receipt_at = \(bind: now), receipt_by = \(bind: who) WHERE id = \(bind: id)").run()
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditEvent.systemActor, .transferReceived, target: "person:\(transfer.personID.uuidString.lowercased())",
                    ["transfer": .string(id.uuidString.lowercased()), "via": .string(token == nil ? "link" : "import")]), on: db)
            var progress = transfer.progress
            progress.receiptAt = now
            return SentTransfer(
                id: id, personID: transfer.personID, personKind: transfer.personKind, receiver: transfer.receiver, contactID: transfer.contactID,
                sha256: transfer.sha256,
                createdBy: transfer.createdBy, createdAt: transfer.createdAt, progress: progress, expiresAt: transfer.expiresAt, receiptBy: who,
                reminders: transfer.reminders)
        }
    }

    /// How many reminders a contact is sent, a day apart, once a receipt is overdue.
    public static let reminderLimit = 3

    /// Reminds, once a transfer's receipt is overdue: its contact by email (at most `reminderLimit` times, a day apart,
    /// while the link works) and the leads once by notice. The background sweep calls it every minute.
    public func remind(now: Date) async throws {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let dayAgo = now.addingTimeInterval(-86_400)
        let due = try await sql.raw(
            """
            SELECT id, contact_id, due_at, expires_at, reminders FROM transfers
            WHERE receipt_at IS NULL AND due_at <= \(bind: now) AND contact_id IS NOT NULL
            AND reminders < \(bind: Self.reminderLimit) AND (reminded_at IS NULL OR reminded_at <= \(bind: dayAgo))
            """
        ).all()
        for row in due {
            let id = try row.decode(column: "id", as: UUID.self)
            try await database.database.transaction { db in
                guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
                try await db.lockForUpdate("transfers", id: id)
                // Another instance may have reminded in the meantime: the count moves only where the row still qualifies.
                guard
                    let current = try await sql.raw(
                        """
                        SELECT contact_id, due_at, expires_at, reminders FROM transfers WHERE id = \(bind: id) AND receipt_at IS NULL
                        AND reminders < \(bind: Self.reminderLimit) AND (reminded_at IS NULL OR reminded_at <= \(bind: dayAgo))
                        """
                    ).first(), let contactID = try current.decode(column: "contact_id", as: UUID?.self)
                else { return }
                let reminders = try current.decode(column: "reminders", as: Int.self)
                try await sql.raw("UPDATE transfers SET reminders = \(bind: reminders + 1), reminded_at = \(bind: now) WHERE id = \(bind: id)").run()
                if reminders == 0 {
                    try await notices?.postToLeads(
                        Notice(.transferOverdue, target: "transfer:\(id.uuidString.lowercased())", path: "/transfers"), now: now, on: db)
                }
                let expires = try current.decode(column: "expires_at", as: Date?.self)
                guard let contact = try await AgencyContactModel.find(contactID, on: db), let notices, expires.map({ $0 > now }) ?? false else {
                    return
                }
                try await outbox.queue(
                    OutboxEmail(
                        recipient: contact.email, subject: "Please confirm you received a transferred safeguarding file",
                        body: """
                            A safeguarding file was transferred to you and its receipt has not been confirmed.
                            Please open it and confirm its receipt at \(notices.link("/transfers/\(id)/code")).
                            If it did not reach you, or is not for you, reply to the organisation that sent it.
                            """), now: now, on: db)
            }
        }
    }

    static func sent(_ row: any SQLRow) throws -> SentTransfer {
        let createdAt = try row.decode(column: "created_at", as: Date.self)
        guard let kind = PersonKind(rawValue: try row.decode(column: "person_kind", as: String.self)) else {
            throw StoreError.unreadableRow("a transferred file's person is of an unknown kind")
        }
        return SentTransfer(
            id: try row.decode(column: "id", as: UUID.self), personID: try row.decode(column: "person_id", as: UUID.self), personKind: kind,
            receiver: try row.decode(column: "receiver", as: String.self), contactID: try row.decode(column: "contact_id", as: UUID?.self),
            sha256: try row.decode(column: "sha256", as: String.self), createdBy: try row.decode(column: "created_by", as: UUID.self),
            createdAt: createdAt,
            progress: TransferProgress(
                sentAt: createdAt, openedAt: try row.decode(column: "opened_at", as: Date?.self),
                receiptAt: try row.decode(column: "receipt_at", as: Date?.self),
                // A transfer recorded before due days were kept is due as the default says.
                dueAt: try row.decode(column: "due_at", as: Date?.self)
                    ?? TransferProgress.due(sentAt: createdAt, workingDays: TransferProgress.defaultWorkingDays, calendar: .weekdays)),
            expiresAt: try row.decode(column: "expires_at", as: Date?.self), receiptBy: try row.decode(column: "receipt_by", as: String?.self),
            reminders: try row.decode(column: "reminders", as: Int.self))
    }

    // MARK: Receiving

    /// What an import created.
    public struct Imported: Sendable {
        public let person: Person
        public let concerns: Int
        public let transferID: UUID
        public let sender: String
        /// Where to confirm receipt to the sender, when the file says.
        public let receipt: TransferReceiptAddress?
    }

    /// Imports a bundle: its signature is checked (against `sender`, the sending organisation's published key, when
    /// given) before it is opened with `key`; then the person and each concern with its addenda and decisions are
    /// created in one transaction, with their original dates, marked as transferred from the sender and by whom each
    /// was written there, the person's new concerns waiting for this organisation's triage. Logged as records created.
    public func importBundle(
        _ bundle: Data, key: SymmetricKey, sender: Curve25519.Signing.PublicKey?, by importer: UUID, now: Date
    ) async throws -> Imported {
        let file = try TransferBundle.open(bundle, key: key, sender: sender).archive.file
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
            return Imported(person: person, concerns: file.concerns.count, transferID: file.transferID, sender: from, receipt: file.receipt)
        }
    }
}
