import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

/// `confidant people …`: the organisation's directory of the children and adults it works with.
struct PeopleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people", abstract: "The directory of the people the organisation works with.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the register (CSV: name, known_as, date_of_birth, group, external_id, kind) into the directory.",
            discussion: """
                Every row is checked first: a file with a bad row imports nothing, and each bad row is named with what to fix \
                (exit status 1). Importing again updates the people whose external_id is already known, keeping their \
                earlier details in their history, and adds the rest.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var key: DataKeyOptions
        @Argument(help: "The CSV file of the register.") var file: String
        @Option(help: "The email of the safeguarding lead or deputy responsible for the import (it is logged as theirs).") var by: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ContractExit.unusable("cannot read \(file).") }
            guard data.count <= 50_000_000, let text = String(data: data, encoding: .utf8) else {
                throw ContractExit.unusable("\(file) is not a UTF-8 text file of at most 50 MB.")
            }
            let entries: [DirectoryEntry]
            switch DirectoryImport.read(text, now: Date()) {
            case .success(let read): entries = read
            case .failure(let refused): throw CommandFailure(refused.description)
            }
            try await withDatabase(store) { database in
                guard let lead = try await UserStore(database).find(email: by), lead.role.isSafeguardingLead, !lead.disabled else {
                    throw CommandFailure("\(by) is not the account of a safeguarding lead or deputy; `confidant user list` shows them.")
                }
                let records = RecordStore(database, cipher: try await key.load(for: database).cipher)
                let result = try await records.importDirectory(entries, by: lead.id, now: Date())
                print(
                    "Imported \(entries.count) people: \(result.added) added, \(result.updated) updated, \(entries.count - result.added - result.updated) unchanged."
                )
            }
        }
    }
}
