import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

/// `confidant audit …`: checking, exporting and proving the tamper-evident audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify, export and prove the tamper-evident audit log.",
        subcommands: [Verify.self, Export.self, Proof.self, Checkpoint.self, PublicKey.self, VerifyExport.self])

    /// Where the checkpoint signing key is, and how to find the key that verifies.
    struct KeyOptions: ParsableArguments {
        @Option(
            name: .customLong("key-file"),
            help: ArgumentHelp(
                "The checkpoint signing key (env: CONFIDANT_AUDIT_KEY_FILE; default \(AuditKeyFile.defaultPath)).",
                valueName: "path"))
        var keyFile: String?

        @Option(
            name: .customLong("public-key"),
            help: ArgumentHelp(
                "A file with the verifier key (`confidant audit public-key` prints it); used instead of the signing key.",
                valueName: "path"))
        var publicKey: String?

        var signingKeyPath: String {
            keyFile ?? ProcessInfo.processInfo.environment["CONFIDANT_AUDIT_KEY_FILE"] ?? AuditKeyFile.defaultPath
        }

        /// The verifier key: from --public-key, else from the signing key file; never creates one.
        ///
        /// A missing key is only acceptable for a log that has nothing signed yet; otherwise it is
        /// exit status 2 with the reason, never a report of forged checkpoints (docs/security.md, "Keys").
        func verifierKey(for database: ConfidantDatabase?) async throws -> AuditVerifierKey? {
            if let publicKey {
                guard let text = try? String(contentsOfFile: publicKey, encoding: .utf8) else {
                    throw ContractExit.unusable("cannot read the public key file \(publicKey)")
                }
                do { return try AuditVerifierKey(text: text) } catch {
                    throw ContractExit.unusable("\(publicKey) is not a verifier key: \(error)")
                }
            }
            guard FileManager.default.fileExists(atPath: signingKeyPath) else {
                var signed: [SignedCheckpoint] = []
                if let database { signed = try await AuditLogStore(database).checkpoints() }
                if !signed.isEmpty {
                    throw ContractExit.unusable(
                        "no key to check the signed checkpoints with: \(signingKeyPath) is missing. Run this in the directory `confidant serve` runs in, or pass --key-file or --public-key."
                    )
                }
                return nil
            }
            do { return try AuditKeyFile.load(path: signingKeyPath).verifierKey } catch {
                throw ContractExit.unusable(error.description)
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every event's hash, the sequence and the signed checkpoints.",
            discussion: """
                Exit 0 and `ok: N events, head <hash>` when the log is intact; exit 1 and the first event
                that fails (its sequence number and why) when anything was changed, removed, reordered or
                inserted; exit 2 when the database or key cannot be used.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var keys: KeyOptions
        @Flag(help: "Print the result as one JSON object.") var json = false

        func run() async throws {
            let result = try await unusableAsExit2 {
                try store.requireExistingDatabase()
                return try await withDatabase(store) { database in
                    try await AuditLogStore(database).verify(key: try await keys.verifierKey(for: database))
                }
            }
            print(json ? result.jsonLine : result.summary)
            if !result.isIntact { throw ExitCode(1) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every signed checkpoint, then every event, as JSON Lines for an external auditor.")
        @OptionGroup var store: StoreOptions
        @Option(name: .shortAndLong, help: "The file to write (default: standard output).") var output: String?

        func run() async throws {
            let sink = try unusableAsExit2Sync { try LineSink(path: output) }
            let count = try await withDatabase(store) { database in
                let log = AuditLogStore(database)
                for checkpoint in try await log.checkpoints() { sink.write(AuditExportRecord.checkpoint(checkpoint).jsonLine) }
                var count = 0
                try await log.forEachEvent { event in
                    sink.write(AuditExportRecord.event(event).jsonLine)
                    count += 1
                    return true
                }
                try await log.append(
                    AuditEntry(
                        time: AuditClock.milliseconds(Date()), actor: AuditName.system, action: .export, target: "audit_log",
                        detail: AuditDetail(["events": .int(Int64(count))])))
                return count
            }
            sink.close()
            if output != nil { printError("Exported \(count) events to \(output ?? "").") }
        }
    }

    struct Proof: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an RFC 9162 inclusion proof that event N is in the log.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The event's sequence number.") var seq: UInt64
        @Option(
            name: .customLong("tree-size"),
            help: "Prove against the tree of this many events (default: all; use a checkpoint's size to check against it).")
        var treeSize: UInt64?
        @Flag(help: "Print the proof as JSON.") var json = false

        func run() async throws {
            let proof = try await unusableAsExit2 {
                try await withDatabase(store) { database in
                    let log = AuditLogStore(database)
                    guard let proof = try await log.inclusionProof(of: seq, treeSize: treeSize) else {
                        throw ContractExit.unusable(
                            "the log has \(try await log.head().size) events; --seq must be between 1 and the tree size")
                    }
                    return proof
                }
            }
            print(json ? proof.json : proof.text)
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the log's current head now (serve also does this every 1,000 events or 5 minutes).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keys: KeyOptions

        func run() async throws {
            let signed = try await unusableAsExit2 {
                try await withDatabase(store) { database in
                    // The same rule as serve: a signing key is created only for a log with no signed checkpoint.
                    let key = try await InstallationKeys.auditSigningKey(path: keys.signingKeyPath, on: database, now: Date())
                    return try await AuditLogStore(database).checkpoint(
                        key: key, policy: .standard, now: AuditClock.milliseconds(Date()), force: true)
                }
            }
            if let signed { print(signed.text, terminator: "") } else { print("Nothing new to sign: the last checkpoint covers every event.") }
        }
    }

    struct PublicKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "public-key",
            abstract: "Print the verifier key that auditors use to check checkpoints (never creates a key).")
        @OptionGroup var keys: KeyOptions

        func run() async throws {
            let key = try unusableAsExit2Sync { try AuditKeyFile.load(path: keys.signingKeyPath) }
            print(key.verifierKey.text)
        }
    }

    struct VerifyExport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-export",
            abstract: "Check an export file offline, with the verifier key and no database.")
        @Argument(help: "The file `confidant audit export` wrote.") var file: String
        @OptionGroup var keys: KeyOptions

        func run() async throws {
            let key = try await unusableAsExit2 { try await keys.verifierKey(for: nil) }
            guard let handle = FileHandle(forReadingAtPath: file) else { throw ContractExit.unusable("cannot read \(file)") }
            // First pass: the rotation events, which say which key signs which checkpoints (AuditKeyChain).
            var rotations: [AuditEvent] = []
            if let first = FileHandle(forReadingAtPath: file) {
                try forEachLine(of: first) { line in
                    guard line.contains("audit_key_rotated"),
                        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                        object["action"] as? String == AuditAction.auditKeyRotated.rawValue,
                        let sequence = (object["sequence"] as? NSNumber)?.uint64Value, let detail = object["detail"] as? String
                    else { return true }
                    rotations.append(
                        AuditEvent(
                            sequence: sequence, time: 0, actor: "", action: .auditKeyRotated, target: "",
                            detail: detail, previousHash: .zero, hash: .zero))
                    return true
                }
            }
            var verifier = AuditExportVerifier(keys: AuditKeyChain(anchor: key, rotationEvents: rotations))
            var malformed: (any Error)?
            try forEachLine(of: handle) { line in
                do {
                    return try verifier.consume(line: line) == nil
                } catch {
                    malformed = error
                    return false
                }
            }
            if let malformed {
                print("fail: \(malformed)")
                throw ExitCode(1)
            }
            let result = verifier.finish()
            print(result.summary)
            if !result.isIntact { throw ExitCode(1) }
        }
    }
}

/// Runs `body`; a store error (an unusable database URL or key file) becomes exit status 2, as the contracts ask.
func unusableAsExit2<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as StoreError {
        throw ContractExit.unusable(error.description)
    }
}

/// The synchronous form of `unusableAsExit2`.
func unusableAsExit2Sync<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw ContractExit.unusable(error.description)
    }
}

/// Prints one line on standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Buffered line output to a file or standard output.
final class LineSink {
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String?) throws {
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw ContractExit.unusable("cannot write \(path)")
            }
            self.handle = handle
        } else {
            self.handle = FileHandle.standardOutput
        }
    }

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() { flush() }
}

/// Calls `body` with each line of `handle`, read in 64 KiB chunks so memory stays flat; stops when it returns false.
func forEachLine(of handle: FileHandle, _ body: (String) throws -> Bool) throws {
    var pending = Data()
    while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
        pending.append(chunk)
        while let newline = pending.firstIndex(of: 0x0A) {
            let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
            pending.removeSubrange(pending.startIndex...newline)
            if line.isEmpty { continue }
            if try !body(line) { return }
        }
    }
    if !pending.isEmpty { _ = try body(String(decoding: pending, as: UTF8.self)) }
}
