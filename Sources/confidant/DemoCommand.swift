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
        @Option(help: "Also record this many made-up people, for trying Confidant at a large organisation's size.")
        var people: Int = 0
        @Option(help: "Also record this many made-up submitted concerns about them, over the last year, 70% triaged.")
        var concerns: Int = 0

        func validate() throws {
            guard (0...10_000_000).contains(people), (0...50_000_000).contains(concerns) else {
                throw ValidationError("--people and --concerns take a number from 0 to ten million (fifty million concerns).")
            }
            guard concerns == 0 || people > 0 else { throw ValidationError("--concerns needs --people: each concern is about someone.") }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let keyPath = keyFile ?? environment["CONFIDANT_KEY_FILE"] ?? DataKeyFile.defaultPath
            let configuration = WebConfiguration(publicURL: publicURL ?? environment["CONFIDANT_PUBLIC_URL"])
            try await withDatabase(store) { database in
                let ring = try await InstallationKeys.dataKeys(path: keyPath, on: database, now: Date())
                let web = try await WebEnvironment(configuration: configuration, database: database, dataKeys: ring)
                do {
                    let accounts = try await DemoOrganisation.load(into: web, now: Date())
                    if people > 0 { try await loadSynthetic(into: database, web: web, accounts: accounts, cipher: ring.cipher) }
                    print(DemoOrganisation.announcement(accounts, link: configuration.link("/sign-in")))
                } catch let error as DemoOrganisation.LoadError {
                    throw CommandFailure(error.description)
                }
            }
        }

        /// The made-up people and concerns asked for, recorded by the demo's first member of staff and triaged by its
        /// DSL. Timed on standard error, so that the benchmarks can say how long a large organisation takes to load.
        func loadSynthetic(
            into database: ConfidantDatabase, web: WebEnvironment, accounts: [DemoOrganisation.Account], cipher: FieldCipher
        )
            async throws
        {
            guard let staff = accounts.first(where: { $0.role == .staff }), let dsl = accounts.first(where: { $0.role == .dsl }),
                let author = try await web.users.find(email: staff.email), let lead = try await web.users.find(email: dsl.email)
            else { throw CommandFailure("The demo organisation has no member of staff or DSL to record the made-up records.") }
            // The made-up shares go to the demo's first partner contact, as the demo's own shares do.
            let agency = try await web.shares.agencies().first { !$0.contacts.isEmpty }
            let recipient = agency.flatMap { agency in
                agency.contacts.first.map { SyntheticLoad.Recipient(contactID: $0.id, label: "\($0.name), \(agency.name)") }
            }
            let started = ContinuousClock.now
            try await SyntheticLoad(database, cipher: cipher).load(
                people: people, concerns: concerns, days: 365, author: author.id, lead: lead.id, now: Date(), recipient: recipient)
            let seconds = (ContinuousClock.now - started).components.seconds
            printError("Recorded \(people) made-up people and \(concerns) concerns (with decisions, shares and tasks) in \(seconds) s.")
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
