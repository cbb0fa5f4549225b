import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

/// `confidant key …`: the data-key ring and the audit signing key (docs/security.md, "Keys").
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Rotate, list and check the data-encryption keys and the audit signing key.",
        subcommands: [Rotate.self, Status.self, Verify.self])

    /// Where the key files are: the same flags and defaults as `serve`.
    struct Paths: ParsableArguments {
        @Option(
            name: .customLong("key-file"),
            help: ArgumentHelp(
                "The data-encryption key ring (env: CONFIDANT_KEY_FILE; default \(DataKeyFile.defaultPath)).", valueName: "path"))
        var keyFile: String?

        @Option(
            name: .customLong("audit-key-file"),
            help: ArgumentHelp(
                "The audit signing key (env: CONFIDANT_AUDIT_KEY_FILE; default \(AuditKeyFile.defaultPath)).", valueName: "path"))
        var auditKeyFile: String?

        var dataKeyPath: String { keyFile ?? ProcessInfo.processInfo.environment["CONFIDANT_KEY_FILE"] ?? DataKeyFile.defaultPath }
        var auditKeyPath: String {
            auditKeyFile ?? ProcessInfo.processInfo.environment["CONFIDANT_AUDIT_KEY_FILE"] ?? AuditKeyFile.defaultPath
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new data key and re-seal every record under it; or, with --audit, a new audit signing key.",
            discussion: """
                Resumable: if it is stopped, run it again and it carries on where it was (no second key is added).
                A key no record uses any more leaves the ring for a file `<key file>.retired-<id>` beside it.
                Restart every running `confidant serve` afterwards, so that it seals with the new key, then run
                this again to re-seal anything written meanwhile.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var paths: Paths
        @Option(help: "Records re-sealed per transaction (default 1000).") var batch = 1000
        @Flag(help: "Rotate the audit signing key instead: the rotation is itself a signed audit event.") var audit = false

        func validate() throws {
            guard batch >= 1, batch <= 100_000 else { throw ValidationError("--batch must be between 1 and 100000.") }
        }

        func run() async throws {
            try store.requireExistingDatabase()
            try await withDatabase(store) { database in
                if audit {
                    let outcome = try await AuditKeyRotation(database: database, keyPath: paths.auditKeyPath).run(now: Date())
                    printError(
                        "Audit signing key rotated: \(outcome.previous.keyIDHex) → \(outcome.current.keyIDHex); the rotation is event \(outcome.sequence), signed by both keys."
                    )
                    printError(
                        "The old key is in \(outcome.retiredFile); it signs nothing any more. Destroy it after your next backup, and give auditors the new verifier key: \(outcome.current.text)"
                    )
                    printError("Restart every running `confidant serve` so that it signs with the new key.")
                    return
                }
                let started = Date()
                let rotation = DataKeyRotation(database: database, ringPath: paths.dataKeyPath)
                let outcome = try await rotation.run(batchSize: batch, now: Date()) { done, total in
                    printError("re-sealed \(done)/\(total) records")
                }
                let seconds = Date().timeIntervalSince(started)
                if outcome.addedKey { printError("Added data key \(outcome.currentKeyID) to \(paths.dataKeyPath); it is now current.") }
                let rate = seconds > 0 ? Int(Double(outcome.resealed) / seconds) : 0
                printError(
                    "Re-sealed \(outcome.resealed) records under \(outcome.currentKeyID) in \(String(format: "%.1f", seconds)) s (\(rate) records/s)."
                )
                for retired in outcome.retired {
                    printError(
                        "Key \(retired.id) seals nothing any more: moved out of the ring to \(retired.file). Keep it with your backups until they no longer need it, then destroy it."
                    )
                }
                if outcome.addedKey {
                    printError(
                        "Restart every running `confidant serve` so that it seals with the new key, then run `confidant key rotate` again to re-seal anything written meanwhile."
                    )
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys: which is current and how many records each seals.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var paths: Paths

        func run() async throws {
            try store.requireExistingDatabase()
            try await withDatabase(store) { database in
                let recorded = try await InstallationKeys.recorded(on: database)
                let counts = try await DataKeyRotation.rowsByKey(on: database)
                var ring: DataKeyRing?
                if DataKeyRing.exists(path: paths.dataKeyPath) { ring = try? DataKeyRing.load(path: paths.dataKeyPath) }
                var ids = recorded.filter { $0.kind == "data" }.map(\.id)
                for id in (ring?.ids ?? []) + counts.keys.sorted() where !ids.contains(id) { ids.append(id) }
                for id in ids {
                    let state = recorded.first { $0.kind == "data" && $0.id == id }?.state ?? "not recorded"
                    let inRing = ring?.key(id) != nil ? "in ring" : "not in ring"
                    print("data  \(id)  \(state)  \(inRing)  \(counts[id] ?? 0) records")
                }
                for key in recorded where key.kind == "audit" {
                    let range = "checkpoints \(key.fromSize.map(String.init) ?? "?")…\(key.toSize.map(String.init) ?? "")"
                    print("audit \(key.id)  \(key.state)  \(range)  \(key.verifierKey ?? "")")
                }
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open every sealed value with the key ring; exit 1 and name each one that does not open.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var paths: Paths

        func run() async throws {
            try store.requireExistingDatabase()
            let check = try await withDatabase(store) { database in
                let ring = try await InstallationKeys.dataKeys(path: paths.dataKeyPath, on: database, now: Date())
                return try await DataKeyRotation.verifyAll(ring, on: database)
            }
            for failure in check.failures.prefix(20) { print("fail: \(failure)") }
            print("\(check.failures.isEmpty ? "ok" : "fail"): \(check.opened) sealed values open, \(check.failures.count) do not")
            if !check.failures.isEmpty { throw ExitCode(1) }
        }
    }
}
