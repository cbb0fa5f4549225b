import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

/// `confidant user …`: account administration from the command line. No passwords are ever typed here:
/// new and reset accounts get a one-time set-password link, emailed to the account's own address.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list, disable and change accounts.",
        subcommands: [
            Add.self, List.self, Disable.self, Enable.self, SetRole.self, ResetPassword.self, Token.self, Tokens.self,
            RevokeToken.self,
        ])

    /// Options shared by the commands that email a link: where it points, and the key that seals the email.
    struct LinkOptions: ParsableArguments {
        @Option(
            name: .customLong("public-url"),
            help: "The address people use to reach Confidant (env: CONFIDANT_PUBLIC_URL; default http://127.0.0.1:8080).")
        var publicURL: String?

        @OptionGroup var key: DataKeyOptions

        func link(_ path: String) -> String {
            let base = publicURL ?? ProcessInfo.processInfo.environment["CONFIDANT_PUBLIC_URL"] ?? "http://127.0.0.1:8080"
            return (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
        }
    }

    static let linkLifetime: TimeInterval = 24 * 60 * 60

    /// Emails a set-password link to the account's own address; the running `serve` delivers it.
    static func sendLink(to user: UserAccount, _ links: LinkOptions, database: ConfidantDatabase, now: Date) async throws {
        let outbox = MailOutbox(database, cipher: try await links.key.load(for: database).cipher)
        _ = try await OneTimeLinkStore(database, outbox: outbox).sendSetPasswordLink(
            to: user.id, url: { [links] in links.link("/set-password/\($0)") }, now: now, validFor: linkLifetime, by: AuditName.system)
        print("A set-password link was emailed to \(user.email); it works once, for 24 hours.")
    }

    static func role(_ text: String) throws -> UserRole {
        guard let role = UserRole(rawValue: text) else {
            throw ValidationError("Role \"\(text)\" is not one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return role
    }

    static func account(_ email: String, in database: ConfidantDatabase) async throws -> UserAccount {
        guard let user = try await UserStore(database).find(email: email) else {
            throw CommandFailure("No account has the email \(email.lowercased()); `confidant user list` shows them all.")
        }
        return user
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account and email it a one-time set-password link.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var links: LinkOptions
        @Option(help: "The person's name.") var name: String
        @Option(help: "Their email address, used to sign in.") var email: String
        @Option(help: "staff, dsl, deputy_dsl, manager, admin, auditor or partner.") var role: String

        func run() async throws {
            let role = try UserCommand.role(role)
            let details: AccountDetails
            do { details = try AccountDetails(name: name, email: email) } catch { throw ValidationError(error.description) }
            try await withDatabase(store) { database in
                let now = Date()
                let grant: RoleGrant
                do {
                    grant = try await AccessRequestStore(database).createAccount(details, role: role, by: nil, now: now)
                } catch let error as StoreError {
                    throw CommandFailure(error.description)
                }
                switch grant {
                case .granted(let user):
                    print("Added \(user.name) <\(user.email)> as \(role.rawValue).")
                    try await UserCommand.sendLink(to: user, links, database: database, now: now)
                case .waiting(let request):
                    print(
                        "Added \(request.account.name) <\(request.account.email)>; the role \(role.rawValue) reads cases, so it waits for "
                            + "the designated safeguarding lead's approval (Who may read cases). The set-password link is emailed once approved.")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every account: email, role, status, name.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withDatabase(store) { database in
                for user in try await UserStore(database).all() {
                    let status = user.disabled ? "disabled" : (user.hasPassword ? "active" : "awaiting-password")
                    print([user.email, user.role.rawValue, status, user.name].joined(separator: "\t"))
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account; its sessions and API tokens end at once.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's email.") var email: String

        func run() async throws {
            try await withDatabase(store) { database in
                let user = try await UserCommand.account(email, in: database)
                _ = try await UserStore(database).setDisabled(id: user.id, true, now: Date(), by: AuditName.system)
                print("Disabled \(user.email); their sessions have ended.")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's email.") var email: String

        func run() async throws {
            try await withDatabase(store) { database in
                let user = try await UserCommand.account(email, in: database)
                _ = try await UserStore(database).setDisabled(id: user.id, false, now: Date(), by: AuditName.system)
                print("Enabled \(user.email).")
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change an account's role.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's email.") var email: String
        @Argument(help: "staff, dsl, deputy_dsl, manager, admin, auditor or partner.") var role: String

        func run() async throws {
            let role = try UserCommand.role(role)
            try await withDatabase(store) { database in
                let user = try await UserCommand.account(email, in: database)
                switch try await AccessRequestStore(database).requestRole(role, for: user.id, by: nil, now: Date()) {
                case .granted: print("\(user.email) is now \(role.rawValue).")
                case .waiting:
                    print("\(user.email) keeps their role until the designated safeguarding lead approves \(role.rawValue), which reads cases.")
                }
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Email a new one-time set-password link to an account's own address (earlier links stop working).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var links: LinkOptions
        @Argument(help: "The account's email.") var email: String

        func run() async throws {
            try await withDatabase(store) { database in
                let user = try await UserCommand.account(email, in: database)
                try await UserCommand.sendLink(to: user, links, database: database, now: Date())
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an API bearer token for an account; it is printed once and stored only as a hash.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's email.") var email: String
        @Option(help: "What the token is for, e.g. the integration's name.") var label: String = "api"
        @Option(help: "Days until the token stops working (1 to 365).") var days: Int = 90

        func run() async throws {
            guard (1...365).contains(days) else { throw ValidationError("--days must be between 1 and 365.") }
            guard !label.exceedsLimit(100), !label.isEmpty else { throw ValidationError("--label must be 1 to 100 characters.") }
            try await withDatabase(store) { database in
                let user = try await UserCommand.account(email, in: database)
                guard user.canSignIn else { throw CommandFailure("\(user.email) cannot sign in (disabled or waiting for approval).") }
                let token = try await APITokenStore(database).issue(
                    userID: user.id, label: label, now: Date(), lifetime: TimeInterval(days) * 86_400, by: AuditName.system)
                print(token)
            }
        }
    }

    struct Tokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an account's API tokens: handle, label, issued, expires.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's email.") var email: String

        func run() async throws {
            try await withDatabase(store) { database in
                let user = try await UserCommand.account(email, in: database)
                for token in try await APITokenStore(database).tokens(of: user.id) {
                    print(
                        [token.handle, token.label, token.createdAt.formatted(.iso8601), token.expiresAt.formatted(.iso8601)]
                            .joined(separator: "\t"))
                }
            }
        }
    }

    struct RevokeToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-token", abstract: "Revoke one of an account's API tokens at once, by the handle `user tokens` lists.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's email.") var email: String
        @Argument(help: "The token's handle.") var handle: String

        func run() async throws {
            try await withDatabase(store) { database in
                let user = try await UserCommand.account(email, in: database)
                guard try await APITokenStore(database).revoke(handle: handle, of: user.id, now: Date(), by: AuditName.system) else {
                    throw CommandFailure("\(user.email) has no token with the handle \(handle); `confidant user tokens \(user.email)` lists them.")
                }
                print("Revoked; the token no longer works.")
            }
        }
    }
}
