import Foundation

/// A checkpoint with its Ed25519 signature, readable and writable as a C2SP signed note for export.
///
/// The text form is the checkpoint body, a blank line, then one signature line
/// `— <key name> <base64(key id || 64-byte signature)>` (the dash is U+2014), e.g.
///
/// ```
/// confidant audit log
/// 1024
/// 3q2+7w...=
/// time 1764079765000
///
/// — confidant-audit Ab3x...==
/// ```
///
/// This is what `confidant audit export` writes and what an outside auditor keeps: with
/// the verifier key, anyone can later check that the log still holds these events.
public struct SignedCheckpoint: Hashable, Sendable {
    /// The signed tree head.
    public var checkpoint: Checkpoint
    /// The name of the key that signed.
    public var keyName: String
    /// The signed-note key id of that key (4 bytes).
    public var keyID: [UInt8]
    /// The Ed25519 signature over `checkpoint.body` (64 bytes).
    public var signature: [UInt8]

    /// The em dash that opens a signature line in a signed note.
    static let signatureLinePrefix = "\u{2014} "

    /// Makes a signed checkpoint from its parts (as read from storage).
    public init(checkpoint: Checkpoint, keyName: String, keyID: [UInt8], signature: [UInt8]) {
        self.checkpoint = checkpoint
        self.keyName = keyName
        self.keyID = keyID
        self.signature = signature
    }

    /// The signed-note text, ending with a newline.
    public var text: String {
        let blob = Data(keyID + signature).base64EncodedString()
        return checkpoint.body + "\n" + Self.signatureLinePrefix + keyName + " " + blob + "\n"
    }

    /// Reads the signed-note text; of several signature lines, the first is taken.
    public init(text: String) throws(AuditError) {
        guard let split = text.range(of: "\n\n") else {
            throw .malformedText("a signed checkpoint needs a blank line between the body and the signature")
        }
        let body = String(text[text.startIndex..<text.index(after: split.lowerBound)])
        let checkpoint = try Checkpoint(body: body)
        let signatureLines = text[split.upperBound...].split(separator: "\n").map(String.init)
        guard let line = signatureLines.first, line.hasPrefix(Self.signatureLinePrefix) else {
            throw .malformedText("a signed checkpoint needs a signature line starting with '\u{2014} '")
        }
        let fields = line.dropFirst(Self.signatureLinePrefix.count).split(separator: " ").map(String.init)
        guard fields.count == 2, let blob = Data(base64Encoded: fields[1]), blob.count == 4 + 64 else {
            throw .malformedText("a signature line is '\u{2014} <key name> <base64 of key id and signature>'")
        }
        self.init(
            checkpoint: checkpoint, keyName: fields[0], keyID: Array(blob.prefix(4)), signature: Array(blob.dropFirst(4))
        )
    }

    /// Whether `key` made this signature: same name, same key id, and a valid Ed25519 signature over the body.
    public func isValid(for key: AuditVerifierKey) -> Bool {
        keyName == key.name && keyID == key.keyID
            && key.isValidSignature(signature, for: Array(checkpoint.body.utf8))
    }
}
