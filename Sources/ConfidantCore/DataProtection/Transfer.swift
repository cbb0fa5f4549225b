import Crypto
import Foundation

/// A person's safeguarding file as it leaves for another organisation (KCSIE: a child's file goes to their new school
/// or college within five school days, separately from the main record, securely, and its receipt is confirmed).
///
/// Everything a receiving Confidant needs to create the person and their records as they were: the person, each
/// submitted concern with its own dates, its author's name, its addenda and decisions, and the sender's audit
/// inclusion proof of each concern's `record_created` event, so the receiver can show the records were in the
/// sender's tamper-evident log.
public struct TransferFile: Codable, Equatable, Sendable {
    public var transferID: UUID
    /// The sending organisation, as the receiver shows "transferred from".
    public var sender: String
    /// Whom it was sent to, as the sender named them.
    public var receiver: String
    public var createdAt: Date
    public var person: TransferredPerson
    public var concerns: [TransferredConcern]
    /// Where a receiving Confidant confirms receipt once it has imported the file; nil in a file sent without one.
    public var receipt: TransferReceiptAddress?

    public init(
        transferID: UUID, sender: String, receiver: String, createdAt: Date, person: TransferredPerson, concerns: [TransferredConcern],
        receipt: TransferReceiptAddress? = nil
    ) {
        self.transferID = transferID
        self.sender = sender
        self.receiver = receiver
        self.createdAt = createdAt
        self.person = person
        self.concerns = concerns
        self.receipt = receipt
    }
}

/// The sender's address for confirming a transfer's receipt, and the one-time token that proves the confirmation
/// comes from whoever holds the opened file (the sender keeps only its hash).
public struct TransferReceiptAddress: Codable, Equatable, Sendable {
    public var url: String
    public var token: String

    public init(url: String, token: String) {
        self.url = url
        self.token = token
    }
}

/// What a bundle's box holds: the file as data (JSON) for a receiving Confidant, the same file as a PDF for a person
/// to read and print, and an index of its records.
public struct TransferArchive: Codable, Equatable, Sendable {
    public var index: [TransferIndexEntry]
    public var file: TransferFile
    public var pdf: Data

    /// The archive of `file`, its index made from it.
    public init(file: TransferFile, pdf: Data) {
        self.file = file
        self.pdf = pdf
        index = file.concerns.map(TransferIndexEntry.init)
    }
}

/// One line of a transfer's index: a record, when and by whom, what hangs from it, and whether the sender's log proves it.
public struct TransferIndexEntry: Codable, Equatable, Sendable {
    public var submittedAt: Date
    public var authorName: String
    public var categories: [ConcernCategory]
    public var addenda: Int
    public var decisions: Int
    /// The sequence of its `record_created` event in the sender's audit log, when a proof travels with it.
    public var auditSequence: UInt64?

    public init(_ concern: TransferredConcern) {
        submittedAt = concern.submittedAt
        authorName = concern.authorName
        categories = concern.categories
        addenda = concern.addenda.count
        decisions = concern.decisions.count
        auditSequence = concern.proof?.sequence
    }
}

/// The person a transferred file is about.
public struct TransferredPerson: Codable, Equatable, Sendable {
    public var kind: PersonKind
    public var details: PersonDetails

    public init(kind: PersonKind, details: PersonDetails) {
        self.kind = kind
        self.details = details
    }
}

/// One submitted concern of a transferred file, with what hangs from it, each part with its author's name and time.
public struct TransferredConcern: Codable, Equatable, Sendable {
    public var authorName: String
    public var conversationAt: Date?
    public var submittedAt: Date
    public var disclosedBy: DisclosedBy?
    public var limitsExplained: Bool?
    public var secrecyRequested: Bool?
    public var offered: ConfidentialityOffered?
    public var categories: [ConcernCategory]
    public var risk: RiskLevel?
    public var narrative: ConcernNarrative
    public var addenda: [TransferredEntry]
    public var decisions: [TransferredDecision]
    /// The sender's inclusion proof of the concern's `record_created` event, when its log holds one.
    public var proof: TransferredProof?

    public init(
        authorName: String, conversationAt: Date?, submittedAt: Date, disclosedBy: DisclosedBy?, limitsExplained: Bool?,
        secrecyRequested: Bool?, offered: ConfidentialityOffered?, categories: [ConcernCategory], risk: RiskLevel?,
        narrative: ConcernNarrative, addenda: [TransferredEntry], decisions: [TransferredDecision], proof: TransferredProof?
    ) {
        self.authorName = authorName
        self.conversationAt = conversationAt
        self.submittedAt = submittedAt
        self.disclosedBy = disclosedBy
        self.limitsExplained = limitsExplained
        self.secrecyRequested = secrecyRequested
        self.offered = offered
        self.categories = categories
        self.risk = risk
        self.narrative = narrative
        self.addenda = addenda
        self.decisions = decisions
        self.proof = proof
    }
}

/// An addendum of a transferred concern.
public struct TransferredEntry: Codable, Equatable, Sendable {
    public var authorName: String
    public var at: Date
    public var text: String

    public init(authorName: String, at: Date, text: String) {
        self.authorName = authorName
        self.at = at
        self.text = text
    }
}

/// A triage decision of a transferred concern.
public struct TransferredDecision: Codable, Equatable, Sendable {
    public var deciderName: String
    public var at: Date
    public var outcome: TriageOutcome
    public var reason: String

    public init(deciderName: String, at: Date, outcome: TriageOutcome, reason: String) {
        self.deciderName = deciderName
        self.at = at
        self.outcome = outcome
        self.reason = reason
    }
}

/// An audit inclusion proof as a transfer carries it: hashes in hexadecimal.
public struct TransferredProof: Codable, Equatable, Sendable {
    public var sequence: UInt64
    public var treeSize: UInt64
    public var leafHash: String
    public var rootHash: String
    public var path: [String]

    public init(_ proof: AuditProof) {
        sequence = proof.sequence
        treeSize = proof.treeSize
        leafHash = proof.leafHash.hex
        rootHash = proof.rootHash.hex
        path = proof.path.map(\.hex)
    }

    /// Whether the path leads from the leaf to the root it names.
    public var verifies: Bool {
        guard let leaf = AuditHash(hex: leafHash), let root = AuditHash(hex: rootHash) else { return false }
        let hashes = path.compactMap(AuditHash.init(hex:))
        guard hashes.count == path.count else { return false }
        return AuditProof(sequence: sequence, treeSize: treeSize, leafHash: leaf, rootHash: root, path: hashes).isValid
    }
}

/// The sealed form a transfer travels in: the archive (the file as JSON and PDF, and its index), encrypted with AES-256-GCM under a key of its own (the
/// transfer key, which reaches the receiver apart from the bundle), and signed with the sender's Ed25519 key, so a
/// receiver knows who sent it and that nobody changed a byte. The signature covers the format, the transfer's id, the
/// sender's public key and the ciphertext: it is checked before anything is decrypted. Sealing draws randomness (a key,
/// a nonce), so it is the store's (`TransferStore`); reading and checking a bundle is here.
public enum TransferBundle {
    /// The first field of every bundle.
    public static let format = "confidant-transfer-1"

    /// A bundle's outer JSON object.
    public struct Envelope: Codable, Sendable {
        public let format: String
        public let transfer: UUID
        /// The sender's Ed25519 public key, base64.
        public let senderKey: String
        /// The AES-GCM combined box (nonce, ciphertext, tag) of the file's JSON, base64.
        public let box: String
        /// The Ed25519 signature of `signedBytes`, base64.
        public let signature: String

        public init(format: String, transfer: UUID, senderKey: String, box: String, signature: String) {
            self.format = format
            self.transfer = transfer
            self.senderKey = senderKey
            self.box = box
            self.signature = signature
        }
    }

    /// The archive as the bundle's box holds it, before encryption.
    public static func plaintext(_ archive: TransferArchive) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(archive)
    }

    /// What the box is bound to (its authenticated data): the transfer's id.
    public static func binding(_ transfer: UUID) -> Data { Data(transfer.uuidString.lowercased().utf8) }

    /// The key written as the receiver types it (base64url, 43 characters).
    public static func text(of key: SymmetricKey) -> String { key.withUnsafeBytes { Data($0) }.base64URL }

    /// The key typed as `text`; nil when it is not one.
    public static func key(_ text: String) -> SymmetricKey? {
        guard let bytes = Data(base64URL: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else { return nil }
        return SymmetricKey(data: bytes)
    }

    /// Opens a bundle: checks its signature (against `sender` when given: the key the sending organisation published)
    /// before decrypting it with `key`.
    public static func open(
        _ bundle: Data, key: SymmetricKey, sender: Curve25519.Signing.PublicKey?
    ) throws(TransferError) -> (
        archive: TransferArchive, senderKey: Curve25519.Signing.PublicKey
    ) {
        let envelope: Envelope
        do { envelope = try JSONDecoder().decode(Envelope.self, from: bundle) } catch { throw .unreadable("it is not a Confidant transfer bundle") }
        guard envelope.format == format else { throw .unreadable("its format is \(envelope.format.prefix(40)), not \(format)") }
        guard let keyBytes = Data(base64Encoded: envelope.senderKey), let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes),
            let box = Data(base64Encoded: envelope.box), let signature = Data(base64Encoded: envelope.signature)
        else { throw .unreadable("a part of it is not base64") }
        if let sender, sender.rawRepresentation != publicKey.rawRepresentation { throw .otherSender }
        guard publicKey.isValidSignature(signature, for: signedBytes(transfer: envelope.transfer, senderKey: envelope.senderKey, box: box))
        else { throw .badSignature }
        let plaintext: Data
        do {
            plaintext = try AES.GCM.open(try AES.GCM.SealedBox(combined: box), using: key, authenticating: binding(envelope.transfer))
        } catch {
            throw .wrongKey
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        guard let archive = try? decoder.decode(TransferArchive.self, from: plaintext), archive.file.transferID == envelope.transfer else {
            throw .unreadable("its content is not a transferred file")
        }
        return (archive, publicKey)
    }

    /// What the signature covers.
    public static func signedBytes(transfer: UUID, senderKey: String, box: Data) -> Data {
        Data("\(format)\n\(transfer.uuidString.lowercased())\n\(senderKey)\n".utf8) + box
    }
}

/// Why a transfer bundle does not open.
public enum TransferError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    /// Signed by a key other than the sending organisation's.
    case otherSender
    /// The signature does not match: the bundle was changed after it was signed.
    case badSignature
    /// The transfer key does not open it.
    case wrongKey

    public var description: String {
        switch self {
        case .unreadable(let why): "The bundle cannot be read: \(why)."
        case .otherSender: "The bundle was signed by another key than the sending organisation's: do not import it, and tell them."
        case .badSignature: "The bundle's signature does not match: it was changed after it was sent. Do not import it, and tell the sender."
        case .wrongKey: "The transfer key does not open this bundle: check the key the sender's email gave."
        }
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding.
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
            of: "=", with: "")
    }

    init?(base64URL text: String) {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        self.init(base64Encoded: standard)
    }
}
