import Crypto
import Foundation

/// The public key that checks checkpoint signatures, with its name and signed-note key id.
///
/// Its text form is the signed-note verifier key `<name>+<key id>+<base64(0x01 || 32-byte key)>`,
/// where the key id is the first four bytes of SHA-256(name || "\n" || 0x01 || key), so
/// signatures can be checked by tools that read C2SP signed notes, not only by Confidant.
public struct AuditVerifierKey: Sendable {
    /// The key's name, as on each signature line.
    public let name: String
    /// The Ed25519 public key.
    public let publicKey: Curve25519.Signing.PublicKey

    /// The signed-note signature type byte for Ed25519.
    static let ed25519Type: UInt8 = 0x01

    /// Wraps a public key under a name (non-empty, printable, no spaces or '+').
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) throws(AuditError) {
        guard Self.isValidName(name) else { throw .invalidName(name) }
        self.init(uncheckedName: name, publicKey: publicKey)
    }

    init(uncheckedName name: String, publicKey: Curve25519.Signing.PublicKey) {
        self.name = name
        self.publicKey = publicKey
    }

    /// Reads the verifier key text (surrounding whitespace ignored).
    public init(text: String) throws(AuditError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw .malformedText("a verifier key is <name>+<key id>+<base64 key>")
        }
        guard let raw = Data(base64Encoded: parts[2]), raw.count == 33, raw.first == Self.ed25519Type else {
            throw .malformedText("the key part of the verifier key is not a base64 Ed25519 key")
        }
        let key: Curve25519.Signing.PublicKey
        do {
            key = try Curve25519.Signing.PublicKey(rawRepresentation: raw.dropFirst())
        } catch {
            throw .invalidKey
        }
        try self.init(name: parts[0], publicKey: key)
        guard parts[1] == keyIDHex else {
            throw .malformedText("the key id in the verifier key does not match the key")
        }
    }

    /// The verifier key text, on one line without a newline.
    public var text: String {
        let raw = Data([Self.ed25519Type]) + publicKey.rawRepresentation
        return "\(name)+\(keyIDHex)+\(raw.base64EncodedString())"
    }

    /// The four-byte key id of the signed-note format.
    public var keyID: [UInt8] {
        var input = Array(name.utf8)
        input.append(UInt8(ascii: "\n"))
        input.append(Self.ed25519Type)
        input.append(contentsOf: publicKey.rawRepresentation)
        return Array(SHA256.hash(data: input).prefix(4))
    }

    /// The key id as eight lower-case hexadecimal digits.
    public var keyIDHex: String {
        keyID.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
    }

    /// Whether the signature over `message` is valid for this key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        publicKey.isValidSignature(signature, for: message)
    }

    /// Whether `name` can be a key name: non-empty, no spaces, no '+', no control characters.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && !name.unicodeScalars.contains {
                $0 == "+" || $0.properties.isWhitespace || $0.properties.generalCategory == .control
            }
    }
}
