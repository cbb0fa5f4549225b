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

        public init(keyID: String, box: String) {
            self.keyID = keyID
            self.box = box
        }
    }

    /// Seals `value` (as JSON) for the record named `binding`, e.g. "concern:<id>".
    public func seal<T: Encodable>(_ value: T, binding: String) throws -> Sealed {
        let plaintext = try JSONEncoder().encode(value)
        let box = try AES.GCM.seal(plaintext, using: current.key, authenticating: Data(binding.utf8))
        guard let combined = box.combined else { throw CipherError.cannotSeal }
        return Sealed(keyID: current.id, box: combined.base64EncodedString())
    }

    /// Seals `value` for the record named `binding` within a person's file key: the value is sealed under `fileKey`
    /// first, and that box under the installation's key as `seal` does. Rotation re-seals the outer box like any
    /// other; destroying the file key (disposal) leaves the inner one unreadable whatever copy of the database and
    /// whatever installation key survives (`PersonKeys`). Without a file key it is `seal`.
    public func seal<T: Encodable>(_ value: T, binding: String, within fileKey: SymmetricKey?) throws -> Sealed {
        guard let fileKey else { return try seal(value, binding: binding) }
        let inner = try AES.GCM.seal(try JSONEncoder().encode(value), using: fileKey, authenticating: Data(binding.utf8))
        guard let combined = inner.combined else { throw CipherError.cannotSeal }
        let box = try AES.GCM.seal(Self.layered + combined, using: current.key, authenticating: Data(binding.utf8))
        guard let outer = box.combined else { throw CipherError.cannotSeal }
        return Sealed(keyID: current.id, box: outer.base64EncodedString())
    }

    /// Opens a value sealed with `seal(_:binding:within:)` or with `seal(_:binding:)`: a value within a file key
    /// needs that key, and fails with `fileKeyDestroyed` without it.
    public func open<T: Decodable>(_ type: T.Type, _ sealed: Sealed, binding: String, within fileKey: SymmetricKey?) throws -> T {
        let plaintext = try openBytes(sealed, binding: binding)
        guard plaintext.starts(with: Self.layered) else {
            do { return try JSONDecoder().decode(T.self, from: plaintext) } catch { throw CipherError.damaged(binding) }
        }
        guard let fileKey else { throw CipherError.fileKeyDestroyed(binding) }
        do {
            let inner = try AES.GCM.SealedBox(combined: plaintext.dropFirst(Self.layered.count))
            return try JSONDecoder().decode(T.self, from: try AES.GCM.open(inner, using: fileKey, authenticating: Data(binding.utf8)))
        } catch {
            throw CipherError.damaged(binding)
        }
    }

    /// What starts a value sealed within a file key, once the outer box is opened: JSON never starts so.
    static let layered = Data("CFK1".utf8)

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

    /// Opens a sealed value for the record named `binding`; fails when the key is unknown or the box was altered or
    /// moved, and when the value was sealed within a person's file key (`open(_:_:binding:within:)` opens those).
    public func open<T: Decodable>(_ type: T.Type, _ sealed: Sealed, binding: String) throws -> T {
        try open(type, sealed, binding: binding, within: nil)
    }
}

/// Why an encrypted field could not be sealed or opened.
public enum CipherError: Error, Equatable, CustomStringConvertible {
    case cannotSeal
    case unknownKey(String)
    case damaged(String)
    /// The value was sealed within a person's file key, and that key is gone: the file was disposed of.
    case fileKeyDestroyed(String)

    public var description: String {
        switch self {
        case .cannotSeal: "The record could not be encrypted."
        case .unknownKey(let id):
            "The record was encrypted with key \(id), which is not in this installation's key ring (confidant-data/confidant.key); restore the key file from your backup."
        case .damaged(let binding): "The encrypted content of \(binding) does not open: it was altered or moved."
        case .fileKeyDestroyed(let binding):
            "The encrypted content of \(binding) belongs to a file whose key was destroyed when it was disposed of: it cannot be opened."
        }
    }
}
