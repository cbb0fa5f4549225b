import Crypto
import Foundation

/// The data-encryption keys of an installation, in one file apart from the database: the newest is current.
///
/// Every key ever used to seal a value stays in the ring until no row is sealed under it
/// (`confidant key rotate` re-seals and then retires it), so a rotation never loses access.
/// The ring seals *keys* as readily as data (`FieldCipher.seal`/`reseal` take any bytes), so
/// that per-person file keys wrapped under the current key can later be re-wrapped on rotation
/// instead of re-sealing every record (docs/security.md, "Keys").
///
/// The file holds one key a line, `<id> <base64 of 32 bytes>`, oldest first; `#` lines are
/// comments. The one-line file of earlier versions (the base64 key alone) reads as a ring of one.
public struct DataKeyRing: Sendable {
    /// Every key, oldest first; the last is current. Never empty.
    public let keys: [DataKey]

    /// A ring of the given keys, oldest first; nil when empty.
    public init?(keys: [DataKey]) {
        guard !keys.isEmpty else { return nil }
        self.keys = keys
    }

    /// The key new values are sealed with.
    public var current: DataKey { keys[keys.count - 1] }

    /// The keys older values may still be sealed with.
    public var previous: [DataKey] { Array(keys.dropLast()) }

    /// The ids, oldest first.
    public var ids: [String] { keys.map(\.id) }

    /// A cipher that seals under the current key and opens under any key of the ring.
    public var cipher: FieldCipher { FieldCipher(current: current, previous: previous) }

    /// The key with this id, if the ring has it.
    public func key(_ id: String) -> DataKey? { keys.first { $0.id == id } }

    /// The non-secret id of a key: `k-` and the first six bytes of its SHA-256, in hex.
    public static func id(of bytes: Data) -> String {
        "k-" + SHA256.hash(data: bytes).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random key.
    public static func generateKey() -> DataKey {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return DataKey(key: SymmetricKey(data: bytes), id: Self.id(of: bytes))
    }

    /// This ring with a new random key appended (it becomes current).
    public func addingNewKey() -> DataKeyRing {
        DataKeyRing(checked: keys + [Self.generateKey()])
    }

    /// This ring without the key `id` (never the current one).
    public func removing(_ id: String) -> DataKeyRing {
        guard id != current.id else { return self }
        return DataKeyRing(checked: keys.filter { $0.id != id })
    }

    private init(checked keys: [DataKey]) { self.keys = keys }

    // MARK: The file

    /// Whether a key file exists at `path`.
    public static func exists(path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Reads the ring at `path`; a missing, unreadable or malformed file is an error, never replaced.
    public static func load(path: String) throws(StoreError) -> DataKeyRing {
        guard exists(path: path) else { throw .keyFileMissing(path) }
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .keyFileUnreadable(path, "check that it exists and that this user may read it")
        }
        return try parse(contents, path: path)
    }

    /// Reads the text of a ring file (`path` names it in errors).
    public static func parse(_ contents: String, path: String) throws(StoreError) -> DataKeyRing {
        var keys: [DataKey] = []
        for (number, raw) in contents.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count == 1 || fields.count == 2 else {
                throw .keyFileInvalid(path, "line \(number + 1): expected \"<id> <base64 key>\"")
            }
            let statedID: String? = fields.count == 2 ? fields[0] : nil
            let encoded = fields[fields.count - 1]
            guard let bytes = Data(base64Encoded: encoded), bytes.count == 32 else {
                throw .keyFileInvalid(
                    path,
                    statedID == nil && keys.isEmpty
                        ? "expected 32 bytes in base64 on one line" : "line \(number + 1): expected 32 bytes in base64")
            }
            let keyID = Self.id(of: bytes)
            if let statedID, statedID != keyID {
                throw .keyFileInvalid(path, "line \(number + 1): the key's id is \(keyID), not \(statedID)")
            }
            guard !keys.contains(where: { $0.id == keyID }) else { continue }
            keys.append(DataKey(key: SymmetricKey(data: bytes), id: keyID))
        }
        guard let ring = DataKeyRing(keys: keys) else { throw .keyFileInvalid(path, "it holds no key") }
        return ring
    }

    /// The ring as file text.
    public var fileText: String {
        var text = "# Confidant data-encryption keys, oldest first; the last line is the current key. Keep a backup.\n"
        for key in keys {
            text += key.id + " " + key.key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
        }
        return text
    }

    /// Writes the ring to `path` atomically (a 0600 temporary file beside it, then a rename), so a
    /// crash leaves either the old ring or the new one, never half of one.
    public func write(to path: String) throws(StoreError) {
        try KeyFileWriter.writeAtomically(fileText, to: path)
    }

    /// Makes a ring of one new key and writes it to `path`; refuses to overwrite an existing file.
    public static func create(path: String) throws(StoreError) -> DataKeyRing {
        guard !exists(path: path) else { return try load(path: path) }
        let ring = DataKeyRing(checked: [generateKey()])
        try ring.write(to: path)
        return ring
    }
}

/// Writes key files: directory 0700, file 0600 from the first byte, replaced atomically.
enum KeyFileWriter {
    static func writeAtomically(_ text: String, to path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw .cannotCreateDirectory(directory, error.localizedDescription)
        }
        let temporary = "\(path).tmp-\(UUID().uuidString.prefix(8))"
        // Created with 0600 from the start, so the key is never readable by others even for a moment.
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw .keyFileUnreadable(path, "it could not be written; check the directory's permissions")
        }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .keyFileUnreadable(path, "it could not be written: \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .keyFileUnreadable(path, "it could not be replaced; check the directory's permissions")
        }
    }
}
