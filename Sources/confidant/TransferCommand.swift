import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

/// `confidant transfer …`: receiving a person's file that another organisation's Confidant sent.
struct TransferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer", abstract: "Receive a person's file transferred from another organisation.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a transfer bundle: check its signature, open it with its transfer key, and create the person and their records.",
            discussion: """
                The sender's key is the line `confidant audit public-key` prints at the sending organisation; ask them for it \
                apart from the bundle (by phone, or from their published details). A bundle signed by another key, changed \
                on the way, or opened with the wrong transfer key is refused and nothing is created (exit status 1). The \
                records keep their original dates, are marked as transferred, and wait for your safeguarding lead's triage. \
                Only counts are printed: the file's content stays in Confidant.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var key: DataKeyOptions
        @Argument(help: "The bundle file the sender's link gave.") var bundle: String
        @Option(name: .customLong("transfer-key"), help: "The transfer key the sender's email gave (43 characters).") var transferKey: String
        @Option(name: .customLong("sender-key"), help: "The sending organisation's verifier key (`confidant audit public-key` there).")
        var senderKey: String
        @Option(help: "The email of the safeguarding lead or deputy receiving the file (the records are logged as theirs).") var by: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: bundle) else { throw ContractExit.unusable("cannot read \(bundle).") }
            guard data.count <= 200_000_000 else { throw ContractExit.unusable("\(bundle) is larger than a transfer bundle can be (200 MB).") }
            guard let transfer = TransferBundle.key(transferKey) else {
                throw ContractExit.unusable("the transfer key is 43 characters of letters, digits, - and _; check the sender's email.")
            }
            let sender: AuditVerifierKey
            do { sender = try AuditVerifierKey(text: senderKey) } catch {
                throw ContractExit.unusable("the sender's key is not a verifier key line (name+id+key): \(error)")
            }
            try await withDatabase(store) { database in
                guard let lead = try await UserStore(database).find(email: by), lead.role.isSafeguardingLead, !lead.disabled else {
                    throw CommandFailure("\(by) is not the account of a safeguarding lead or deputy; `confidant user list` shows them.")
                }
                let transfers = TransferStore(database, cipher: try await key.load(for: database).cipher)
                let imported: TransferStore.Imported
                do {
                    imported = try await transfers.importBundle(data, key: transfer, sender: sender.publicKey, by: lead.id, now: Date())
                } catch let refused as TransferError {
                    throw CommandFailure(refused.description)
                } catch RecordError.notNow(let why) {
                    throw CommandFailure(why)
                }
                print(
                    """
                    Imported the file of \(imported.person.kind.pseudonym(for: imported.person.id)) from \(imported.sender): \
                    \(imported.concerns) concern(s), waiting for triage.
                    Transfer \(imported.transferID.uuidString.lowercased()): confirm its receipt to the sender.
                    """)
            }
        }
    }
}
