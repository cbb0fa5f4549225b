import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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
                Then the receipt is confirmed to the sender at the address the bundle gives, with its one-time token \
                (--no-receipt leaves that to you, on the sender's link page). Only counts are printed: the file's content \
                stays in Confidant.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var key: DataKeyOptions
        @Argument(help: "The bundle file the sender's link gave.") var bundle: String
        @Option(name: .customLong("transfer-key"), help: "The transfer key the sender's email gave (43 characters).") var transferKey: String
        @Option(name: .customLong("sender-key"), help: "The sending organisation's verifier key (`confidant audit public-key` there).")
        var senderKey: String
        @Option(help: "The email of the safeguarding lead or deputy receiving the file (the records are logged as theirs).") var by: String
        @Flag(inversion: .prefixedNo, help: "Confirm the receipt to the sender once the file is imported.") var receipt = true

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
                    """)
                let transfer = imported.transferID.uuidString.lowercased()
                guard receipt, let address = imported.receipt else {
                    print("Transfer \(transfer): confirm its receipt on the sender's link page.")
                    return
                }
                // The import is done whatever the sender answers: a receipt that does not reach them is said, not fatal.
                switch await ReceiptConfirmation.send(address, by: "\(lead.name) (\(lead.email))") {
                case .confirmed: print("Receipt confirmed to \(imported.sender).")
                case .failed(let why):
                    FileHandle.standardError.write(
                        Data("confidant: the receipt did not reach the sender (\(why)); confirm it on their link page instead.\n".utf8))
                }
            }
        }
    }
}

/// Confirming a transfer's receipt to the sending Confidant: one POST of the bundle's token to the address it gives.
enum ReceiptConfirmation {
    enum Outcome: Equatable {
        case confirmed
        case failed(String)
    }

    static func send(_ address: TransferReceiptAddress, by who: String) async -> Outcome {
        guard let url = URL(string: address.url), let scheme = url.scheme?.lowercased(), ["https", "http"].contains(scheme), url.host != nil else {
            return .failed("the bundle's receipt address is not a web address")
        }
        var request = URLRequest(url: url, timeoutInterval: 20)
        request.httpMethod = "POST"
        // The sender's forms check a double-submitted token; this request carries no credential of anyone's, so a
        // fresh random pair satisfies it, and the receipt token is what proves the confirmation.
        let pair = UUID().uuidString
        request.setValue("confidant_form=\(pair)", forHTTPHeaderField: "Cookie")
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func encoded(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        request.httpBody = Data("_csrf=\(encoded(pair))&token=\(encoded(address.token))&by=\(encoded(who))".utf8)
        do {
            let (_, response) = try await URLSession(configuration: .ephemeral).data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            switch status {
            case 200: return .confirmed
            case 409: return .failed("the sender already has its receipt")
            case 404: return .failed("the sender does not know this transfer or its token")
            default: return .failed("the sender answered \(status)")
            }
        } catch {
            return .failed(error.localizedDescription)
        }
    }
}
