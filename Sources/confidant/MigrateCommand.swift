import ArgumentParser

/// `confidant migrate`: brings the database schema up to date without starting the server.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or update the database schema, then exit (serve also does this at start).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await withDatabase(store) { database in
            print("Database is up to date: \(database.location).")
        }
    }
}
