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

/// Reads the data-encryption key from `CONFIDANT_KEY_FILE`, creating it (mode 0600) on first run.
public enum DataKeyFile {
    /// Reads the key at `path`, or creates a new random one there when no file exists.
    public static func loadOrCreate(path: String) throws(StoreError) -> DataKey {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            try create(path: path)
        }
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .keyFileUnreadable(path, "check that it exists and that this user may read it")
        }
        let text = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
            throw .keyFileInvalid(path, "expected 32 bytes in base64 on one line")
        }
        let key = SymmetricKey(data: bytes)
        let digest = SHA256.hash(data: bytes).prefix(6).map { String(format: "%02x", $0) }.joined()
        return DataKey(key: key, id: "k-\(digest)")
    }

    static func create(path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw .cannotCreateDirectory(directory, error.localizedDescription)
        }
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
        // Created with 0600 from the start, so the key is never readable by others even for a moment.
        let created = FileManager.default.createFile(
            atPath: path, contents: Data(key.utf8), attributes: [.posixPermissions: 0o600])
        guard created else { throw .keyFileUnreadable(path, "it could not be created; check the directory's permissions") }
    }
}
