import ArgumentParser
import ConfidantCore
import ConfidantDemo
import ConfidantStore
import ConfidantWeb
import Foundation
import Logging

/// `confidant demo load`: the made-up organisation, into an empty database.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load a made-up organisation for trying Confidant out.", subcommands: [Load.self, People.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the demo organisation into an empty database and print its one-time passwords.")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("key-file"), help: "The data-encryption key file (env: CONFIDANT_KEY_FILE; default confidant-data/confidant.key).")
        var keyFile: String?
        @Option(name: .customLong("public-url"), help: "The address people use to reach Confidant (default http://127.0.0.1:8080).")
        var publicURL: String?

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let keyPath = keyFile ?? environment["CONFIDANT_KEY_FILE"] ?? DataKeyFile.defaultPath
            let configuration = WebConfiguration(publicURL: publicURL ?? environment["CONFIDANT_PUBLIC_URL"])
            try await withDatabase(store) { database in
                let ring = try await InstallationKeys.dataKeys(path: keyPath, on: database, now: Date())
                let web = try await WebEnvironment(configuration: configuration, database: database, dataKeys: ring)
                do {
                    let accounts = try await DemoOrganisation.load(into: web, now: Date())
                    print(DemoOrganisation.announcement(accounts, link: configuration.link("/sign-in")))
                } catch let error as DemoOrganisation.LoadError {
                    throw CommandFailure(error.description)
                }
            }
        }
    }

    /// Many made-up people at once, for measuring and testing key rotation (hidden: not for real data).
    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record N made-up people, sealed under the current data key (for benchmarks and tests).",
            shouldDisplay: false)
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("key-file"), help: "The data-encryption key file (env: CONFIDANT_KEY_FILE; default confidant-data/confidant.key).")
        var keyFile: String?
        @Option(help: "How many people.") var count: Int
        @Option(help: "The email of the account recorded as their author.") var by: String

        func run() async throws {
            let keyPath = keyFile ?? ProcessInfo.processInfo.environment["CONFIDANT_KEY_FILE"] ?? DataKeyFile.defaultPath
            try await withDatabase(store) { database in
                let ring = try await InstallationKeys.dataKeys(path: keyPath, on: database, now: Date())
                guard let author = try await UserStore(database).find(email: by) else { throw CommandFailure("No account has the email \(by).") }
                let records = RecordStore(database, cipher: ring.cipher)
                var made = 0
                while made < count {
                    let batch = (made..<min(count, made + 1000)).map { n in
                        (PersonKind.child, PersonDetails(name: "Test Person \(n)", dateOfBirth: "2015-01-01"))
                    }
                    try await records.createPeople(batch, by: author.id, now: Date())
                    made += batch.count
                }
                printError("Recorded \(made) people under key \(ring.current.id).")
            }
        }
    }
}
