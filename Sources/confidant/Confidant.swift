import ArgumentParser

/// The `confidant` command: the web application, its database and the policy tools.
@main
struct Confidant: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confidant",
        abstract: "Confidant: a safeguarding confidentiality policy as a working system.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, UserCommand.self, DecideCommand.self, RedactCommand.self,
            PolicyDocCommand.self, PolicyCommand.self, AuditCommand.self, KeyCommand.self, DemoCommand.self, PeopleCommand.self,
            RetentionCommand.self, TransferCommand.self,
        ]
    )
}
