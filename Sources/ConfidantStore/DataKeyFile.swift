import Crypto
import Foundation

/// The key that encrypts narratives and identities at rest; it lives in a file, never in the database.
public struct DataKey: Sendable {
    public let key: SymmetricKey
    /// A short, non-secret name for the key, stored beside each ciphertext so that keys can rotate.
    public let id: String

    public init(key: SymmetricKey, id: String) {
        self.key = key
        self.id = id
    }
}

/// The data-encryption key file (`CONFIDANT_KEY_FILE`), read as a `DataKeyRing`.
public enum DataKeyFile {
    /// The default path, beside the embedded database.
    public static let defaultPath = "confidant-data/confidant.key"

    /// Reads the ring at `path`, or creates a new one there when no file exists.
    ///
    /// Only for a database known to hold nothing sealed: `InstallationKeys.prepare` decides that;
    /// commands never call this on their own (a new key for a database with data locks its records away).
    public static func loadOrCreate(path: String) throws(StoreError) -> DataKeyRing {
        if DataKeyRing.exists(path: path) { return try DataKeyRing.load(path: path) }
        return try DataKeyRing.create(path: path)
    }
}
