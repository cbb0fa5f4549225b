/// Verifies an audit export line by line, as an outside auditor would, with only the file and the verifier key.
///
/// A pure line-in processor: the command streams the file through `consume(line:)` and
/// prints `finish().summary`, in constant memory apart from the checkpoints. Checkpoint
/// lines come first in an export; a checkpoint after the first event is refused, because
/// the streaming verifier must know every checkpoint before it passes that size.
public struct AuditExportVerifier: Sendable {
    /// Why an export could not be read (as opposed to a log that was read and found tampered).
    public struct LineError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The 1-based line number in the export.
        public var line: Int
        /// What is wrong with it, naming the field.
        public var message: String

        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    private let keys: AuditKeyChain
    private let origin: String
    private var checkpoints: [SignedCheckpoint] = []
    private var verifier: AuditChainVerifier?
    private var lineNumber = 0

    /// Prepares to read an export of the log named `origin`, checking checkpoints with `key`.
    public init(key: AuditVerifierKey?, origin: String = Checkpoint.defaultOrigin) {
        self.init(keys: AuditKeyChain(anchor: key, rotationEvents: []), origin: origin)
    }

    /// Prepares to read an export of a log whose signing key was rotated (the command reads the rotation events first).
    public init(keys: AuditKeyChain, origin: String = Checkpoint.defaultOrigin) {
        self.keys = keys
        self.origin = origin
    }

    /// Reads the next line (blank lines are skipped); returns the first failure once there is one.
    @discardableResult
    public mutating func consume(line: String) throws(LineError) -> AuditFailure? {
        lineNumber += 1
        if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { return verifier?.firstFailure }
        let record: AuditExportRecord
        do {
            record = try AuditExportRecord(jsonLine: line)
        } catch {
            throw LineError(line: lineNumber, message: error.description)
        }
        switch record {
        case .checkpoint(let signed):
            guard verifier == nil else {
                throw LineError(line: lineNumber, message: "type: checkpoints must come before the first event")
            }
            checkpoints.append(signed)
            return nil
        case .event(let event):
            if verifier == nil {
                verifier = AuditChainVerifier(checkpoints: checkpoints, keys: keys, origin: origin)
            }
            return verifier?.consume(event)
        }
    }

    /// Ends the file and returns the verification result (an export with no events is an empty log).
    public mutating func finish() -> AuditVerificationResult {
        var final = verifier ?? AuditChainVerifier(checkpoints: checkpoints, keys: keys, origin: origin)
        return final.finish()
    }
}
