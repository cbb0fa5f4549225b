import ArgumentParser
import ConfidantStore
import ConfidantWeb
import Foundation
import Logging

/// `confidant demo load`: the made-up organisation, into an empty database.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load a made-up organisation for trying Confidant out.", subcommands: [Load.self])

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
            let keyPath = keyFile ?? environment["CONFIDANT_KEY_FILE"] ?? "\(StoreOptions.dataDirectory)/confidant.key"
            let dataKey = try DataKeyFile.loadOrCreate(path: keyPath)
            let configuration = WebConfiguration(publicURL: publicURL ?? environment["CONFIDANT_PUBLIC_URL"])
            try await withDatabase(store) { database in
                let web = try await WebEnvironment(configuration: configuration, database: database, dataKey: dataKey)
                do {
                    let accounts = try await DemoOrganisation.load(into: web, now: Date())
                    print(DemoOrganisation.announcement(accounts, link: configuration.link("/sign-in")))
                } catch let error as DemoOrganisation.LoadError {
                    throw CommandFailure(error.description)
                }
            }
        }
    }
}
