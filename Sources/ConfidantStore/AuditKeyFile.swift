import ConfidantCore
import Foundation

/// The Ed25519 key that signs audit checkpoints, in a file apart from the database (`CONFIDANT_AUDIT_KEY_FILE`).
///
/// Whoever can rewrite the database still cannot sign a checkpoint for the rewritten log.
public enum AuditKeyFile {
    /// The default path, beside the embedded database.
    public static let defaultPath = "confidant-data/audit-signing.key"

    /// Reads the signing key at `path`, creating a new one (mode 0600) when no file exists.
    ///
    /// Commands do not call this: `InstallationKeys.auditSigningKey` creates a key only for a log
    /// with no signed checkpoint, and records it.
    public static func loadOrCreate(path: String) throws(StoreError) -> AuditSigningKey {
        if !FileManager.default.fileExists(atPath: path) {
            var generator = SystemRandomNumberGenerator()
            let key: AuditSigningKey
            do {
                key = try AuditSigningKey.generate(using: &generator)
            } catch {
                throw .keyFileInvalid(path, "a new signing key could not be made: \(error)")
            }
            try write(key.keyFileText, to: path)
        }
        return try load(path: path)
    }

    /// Reads the signing key at `path`; a missing or malformed file is an error.
    public static func load(path: String) throws(StoreError) -> AuditSigningKey {
        guard FileManager.default.fileExists(atPath: path) else { throw .keyFileMissing(path) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .keyFileUnreadable(path, "check that it exists and that this user may read it")
        }
        do {
            return try AuditSigningKey(keyFileText: text)
        } catch {
            throw .keyFileInvalid(path, "\(error)")
        }
    }

    static func write(_ text: String, to path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw .cannotCreateDirectory(directory, error.localizedDescription)
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .keyFileUnreadable(path, "it could not be created; check the directory's permissions")
        }
    }
}
