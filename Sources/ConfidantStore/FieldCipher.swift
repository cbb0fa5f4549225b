import Crypto
import Foundation

/// Encrypts narratives and identifying fields at rest with AES-GCM under the key from `CONFIDANT_KEY_FILE`.
///
/// Each sealed value gets its own random nonce, and is bound to the record it belongs to (the
/// record's kind and id are the authenticated data), so a ciphertext copied onto another row
/// does not open. The key id is stored beside it so that keys can rotate: `open` finds the key
/// a value was sealed with, `seal` always uses the current one.
public struct FieldCipher: Sendable {
    let current: DataKey
    let previous: [String: DataKey]

    public init(current: DataKey, previous: [DataKey] = []) {
        self.current = current
        self.previous = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A sealed value as stored: the key id and the AES-GCM combined box (nonce, ciphertext, tag) in base64.
    public struct Sealed: Sendable, Equatable {
        public let keyID: String
        public let box: String
    }

    /// Seals `value` (as JSON) for the record named `binding`, e.g. "concern:<id>".
    public func seal<T: Encodable>(_ value: T, binding: String) throws -> Sealed {
        let plaintext = try JSONEncoder().encode(value)
        let box = try AES.GCM.seal(plaintext, using: current.key, authenticating: Data(binding.utf8))
        guard let combined = box.combined else { throw CipherError.cannotSeal }
        return Sealed(keyID: current.id, box: combined.base64EncodedString())
    }

    /// The id of the key `seal` uses.
    public var currentKeyID: String { current.id }

    /// Whether this cipher holds the key `id`.
    public func hasKey(_ id: String) -> Bool { id == current.id || previous[id] != nil }

    /// Opens a value sealed under any key of the ring and seals the same bytes under the current key.
    ///
    /// Works on any sealed bytes without knowing their type: a record's content now, a wrapped
    /// per-file key later (re-wrapping is then a rotation's whole work).
    public func reseal(_ sealed: Sealed, binding: String) throws -> Sealed {
        let plaintext = try openBytes(sealed, binding: binding)
        let box = try AES.GCM.seal(plaintext, using: current.key, authenticating: Data(binding.utf8))
        guard let combined = box.combined else { throw CipherError.cannotSeal }
        return Sealed(keyID: current.id, box: combined.base64EncodedString())
    }

    func openBytes(_ sealed: Sealed, binding: String) throws -> Data {
        guard let key = sealed.keyID == current.id ? current : previous[sealed.keyID] else {
            throw CipherError.unknownKey(sealed.keyID)
        }
        guard let data = Data(base64Encoded: sealed.box) else { throw CipherError.damaged(binding) }
        do {
            return try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key.key, authenticating: Data(binding.utf8))
        } catch {
            throw CipherError.damaged(binding)
        }
    }

    /// Opens a sealed value for the record named `binding`; fails when the key is unknown or the box was altered or moved.
    public func open<T: Decodable>(_ type: T.Type, _ sealed: Sealed, binding: String) throws -> T {
        guard let key = sealed.keyID == current.id ? current : previous[sealed.keyID] else {
            throw CipherError.unknownKey(sealed.keyID)
        }
        guard let data = Data(base64Encoded: sealed.box) else { throw CipherError.damaged(binding) }
        do {
            let plaintext = try AES.GCM.open(
                try AES.GCM.SealedBox(combined: data), using: key.key,
                authenticating: Data(binding.utf8))
            return try JSONDecoder().decode(T.self, from: plaintext)
        } catch {
            throw CipherError.damaged(binding)
        }
    }
}

/// Why an encrypted field could not be sealed or opened.
public enum CipherError: Error, Equatable, CustomStringConvertible {
    case cannotSeal
    case unknownKey(String)
    case damaged(String)

    public var description: String {
        switch self {
        case .cannotSeal: "The record could not be encrypted."
        case .unknownKey(let id):
            "The record was encrypted with key \(id), which is not in this installation's key ring (confidant-data/confidant.key); restore the key file from your backup."
        case .damaged(let binding): "The encrypted content of \(binding) does not open: it was altered or moved."
        }
    }
}
