import Crypto
import Foundation

/// The Ed25519 key that signs checkpoints, with its name; kept in a key file apart from the database.
///
/// The audit design (docs/audit.md) keeps the key out of the database so that someone who can rewrite the database
/// still cannot sign a checkpoint for the rewritten log. The key file holds one line in
/// the signed-note form (`PRIVATE+KEY+<name>+<key id>+<base64(0x01 || 32-byte seed)>`),
/// and the matching public key (`AuditVerifierKey`) is what `verify` and outside auditors
/// use. Generating a key needs randomness, which the caller passes in.
public struct AuditSigningKey: Sendable {
    /// The key's name, which appears on each signature line.
    public let name: String
    /// The Ed25519 private key.
    public let privateKey: Curve25519.Signing.PrivateKey

    /// The key name the application uses unless configured otherwise.
    public static let defaultName = "confidant-audit"

    /// Wraps a private key under a name (non-empty, printable, no spaces or '+').
    public init(name: String = AuditSigningKey.defaultName, privateKey: Curve25519.Signing.PrivateKey) throws(AuditError) {
        guard AuditVerifierKey.isValidName(name) else { throw .invalidName(name) }
        self.name = name
        self.privateKey = privateKey
    }

    /// Makes a key from a 32-byte seed.
    public init<Seed: ContiguousBytes>(name: String = AuditSigningKey.defaultName, seed: Seed) throws(AuditError) {
        let key: Curve25519.Signing.PrivateKey
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        } catch {
            throw .invalidKey
        }
        try self.init(name: name, privateKey: key)
    }

    /// Makes a new key from 32 bytes drawn from `generator` (the caller passes the system's generator).
    public static func generate<Generator: RandomNumberGenerator>(
        name: String = AuditSigningKey.defaultName, using generator: inout Generator
    ) throws(AuditError) -> AuditSigningKey {
        var seed = [UInt8]()
        seed.reserveCapacity(32)
        for _ in 0..<4 {
            withUnsafeBytes(of: generator.next()) { seed.append(contentsOf: $0) }
        }
        return try AuditSigningKey(name: name, seed: seed)
    }

    /// Reads the one-line key file text (surrounding whitespace ignored).
    public init(keyFileText: String) throws(AuditError) {
        let text = keyFileText.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw .malformedText("a signing key file holds PRIVATE+KEY+<name>+<key id>+<base64 key>")
        }
        guard let raw = Data(base64Encoded: parts[4]), raw.count == 33, raw.first == AuditVerifierKey.ed25519Type else {
            throw .malformedText("the key part of the signing key is not a base64 Ed25519 key")
        }
        try self.init(name: parts[2], seed: raw.dropFirst())
        guard parts[3] == verifierKey.keyIDHex else {
            throw .malformedText("the key id in the signing key file does not match the key")
        }
    }

    /// The key file text: one line, ending in a newline.
    public var keyFileText: String {
        let raw = Data([AuditVerifierKey.ed25519Type]) + privateKey.rawRepresentation
        return "PRIVATE+KEY+\(name)+\(verifierKey.keyIDHex)+\(raw.base64EncodedString())\n"
    }

    /// The public half, to verify checkpoints and to give to auditors.
    public var verifierKey: AuditVerifierKey {
        AuditVerifierKey(uncheckedName: name, publicKey: privateKey.publicKey)
    }

    /// Signs a checkpoint's body.
    public func sign(_ checkpoint: Checkpoint) throws(AuditError) -> SignedCheckpoint {
        let signature: Data
        do {
            signature = try privateKey.signature(for: Data(checkpoint.body.utf8))
        } catch {
            throw .signingFailed
        }
        return SignedCheckpoint(
            checkpoint: checkpoint, keyName: name, keyID: verifierKey.keyID, signature: [UInt8](signature)
        )
    }
}
