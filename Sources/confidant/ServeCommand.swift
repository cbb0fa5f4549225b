import ConfidantCore
import ConfidantMail
import ArgumentParser
import ConfidantStore
import ConfidantWeb
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `confidant serve`: the web application.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the web application (migrations run first).",
        discussion: """
        With no accounts yet, prints a one-time link that creates the first administrator.
        Every option can also come from the environment variable named in its help.
        """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on (env: CONFIDANT_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (env: CONFIDANT_PORT; default 8080).")
    var port: Int?

    @Option(name: .customLong("key-file"), help: ArgumentHelp(
        "The data-encryption key ring; created (mode 0600) only for a database with nothing sealed, otherwise it must hold the keys the database records (env: CONFIDANT_KEY_FILE; default confidant-data/confidant.key).",
        valueName: "path"))
    var keyFile: String?

    @Option(name: .customLong("audit-key-file"), help: ArgumentHelp(
        "The Ed25519 key that signs audit checkpoints, kept apart from the database; created (mode 0600) only for a log with no signed checkpoint (env: CONFIDANT_AUDIT_KEY_FILE; default confidant-data/audit-signing.key).",
        valueName: "path"))
    var auditKeyFile: String?

    @Option(name: .customLong("public-url"), help: "The address people use to reach Confidant, for links (env: CONFIDANT_PUBLIC_URL).")
    var publicURL: String?

    @Flag(name: .customLong("secure-cookies"), help: "Confidant is reached over HTTPS: mark cookies Secure and send HSTS (env: CONFIDANT_SECURE_COOKIES=1).")
    var secureCookies = false

    @Option(name: .customLong("session-idle-minutes"), help: "Minutes after which an unused session ends (env: CONFIDANT_SESSION_IDLE_MINUTES; default 30).")
    var sessionIdleMinutes: Int?

    @Option(name: .customLong("max-request-bytes"), help: "Largest request body accepted (env: CONFIDANT_MAX_REQUEST_BYTES; default 1048576).")
    var maxRequestBytes: Int?

    @Option(name: .customLong("inform-working-days"), help: "Working days within which a person must be told that a confidence was broken (env: CONFIDANT_INFORM_WORKING_DAYS; default 2).")
    var informWorkingDays: Int?

    @Option(name: .customLong("trusted-proxy"), parsing: .upToNextOption, help: ArgumentHelp(
        "Addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names the client (env: CONFIDANT_TRUSTED_PROXIES, space-separated).",
        valueName: "cidr"))
    var trustedProxies: [String] = []

    @Option(name: .customLong("smtp-url"), help: ArgumentHelp(
        "The mail relay: smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (env: CONFIDANT_SMTP_URL). Without one, email waits in the outbox.",
        valueName: "url"))
    var smtpURL: String?

    @Option(name: .customLong("mail-from"), help: "The address Confidant's email comes from (env: CONFIDANT_MAIL_FROM; default confidant@ the public address's host).")
    var mailFrom: String?

    @Flag(help: "On an empty database, load a made-up organisation (accounts of every role, people, concerns) and print its one-time passwords.")
    var demo = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env: LOG_LEVEL; default info).")
    var logLevel: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let levelText = logLevel ?? environment["LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw ValidationError("--log-level \"\(levelText)\" is not one of trace, debug, info, notice, warning, error, critical.")
        }
        let host = host ?? environment["CONFIDANT_HOST"] ?? "127.0.0.1"
        let port = try port ?? Self.integer(environment, "CONFIDANT_PORT") ?? 8080
        guard (1...65535).contains(port) else { throw ValidationError("--port \(port) is not between 1 and 65535.") }
        let idle = try sessionIdleMinutes ?? Self.integer(environment, "CONFIDANT_SESSION_IDLE_MINUTES") ?? 30
        guard idle >= 1, idle <= 24 * 60 else { throw ValidationError("--session-idle-minutes must be between 1 and 1440.") }
        let maxBytes = try maxRequestBytes ?? Self.integer(environment, "CONFIDANT_MAX_REQUEST_BYTES") ?? 1_048_576
        guard maxBytes >= 1024 else { throw ValidationError("--max-request-bytes must be at least 1024.") }
        let informDays = try informWorkingDays ?? Self.integer(environment, "CONFIDANT_INFORM_WORKING_DAYS") ?? 2
        guard (1...20).contains(informDays) else { throw ValidationError("--inform-working-days must be between 1 and 20.") }
        let proxyTexts = trustedProxies.isEmpty
            ? (environment["CONFIDANT_TRUSTED_PROXIES"] ?? "").split(separator: " ").map(String.init) : trustedProxies
        let proxies = try proxyTexts.map { text in
            guard let range = NetworkRange(text) else {
                throw ValidationError("--trusted-proxy \"\(text)\" is not an address or CIDR block, for example 127.0.0.1 or 10.0.0.0/8.")
            }
            return range
        }
        let configuration = WebConfiguration(
            host: host, port: port, publicURL: publicURL ?? environment["CONFIDANT_PUBLIC_URL"],
            secureCookies: secureCookies || environment["CONFIDANT_SECURE_COOKIES"] == "1",
            sessionIdleTimeout: TimeInterval(idle * 60), maxRequestBodyBytes: maxBytes, informWorkingDays: informDays,
            trustedProxies: proxies, mailConfigured: (smtpURL ?? environment["CONFIDANT_SMTP_URL"]).map { !$0.isEmpty } ?? false)

        var logger = Logger(label: "confidant")
        logger.logLevel = level
        let keyPath = keyFile ?? environment["CONFIDANT_KEY_FILE"] ?? DataKeyFile.defaultPath
        let auditKeyPath = auditKeyFile ?? environment["CONFIDANT_AUDIT_KEY_FILE"] ?? AuditKeyFile.defaultPath
        let mail = try Self.mailSender(url: smtpURL ?? environment["CONFIDANT_SMTP_URL"], from: mailFrom ?? environment["CONFIDANT_MAIL_FROM"],
                                       configuration: configuration, logger: logger)
        let database = try await store.open(logger: logger)
        // Before anything else: the key files must be the ones this database's data depends on
        // (docs/security.md, "Keys"); a key is created only for a database with nothing sealed or signed.
        let keys: InstallationKeys.Prepared
        do {
            keys = try await InstallationKeys.prepare(dataKeyPath: keyPath, auditKeyPath: auditKeyPath, on: database, now: Date())
        } catch {
            await database.shutdown()
            throw error
        }
        for line in keys.created { logger.notice("\(line)") }
        let auditKey = keys.auditKey
        logger.info("Data-encryption keys loaded", metadata: ["current": "\(keys.ring.current.id)", "ring": "\(keys.ring.ids.joined(separator: ","))"])
        logger.info("Audit signing key loaded", metadata: ["verifier_key": "\(auditKey.verifierKey.text)"])

        let web: WebEnvironment
        do {
            web = try await WebEnvironment(configuration: configuration, database: database, dataKeys: keys.ring)
            if demo {
                if try await web.users.count() == 0 {
                    let accounts = try await DemoOrganisation.load(into: web, now: Date())
                    print(DemoOrganisation.announcement(accounts, link: configuration.link("/sign-in")))
                    fflush(nil)
                } else {
                    logger.notice("--demo: the database already has accounts, so nothing was loaded")
                }
            }
            try await Self.announceFirstRun(web)
        } catch {
            await database.shutdown()
            throw error
        }
        logger.info("Confidant listening", metadata: ["url": "\(configuration.link("/"))", "database": "\(database.location)"])
        if mail == nil {
            logger.notice("No mail relay is set (CONFIDANT_SMTP_URL): email waits in the outbox, and administrators see it under Accounts.")
        }
        let app = ConfidantApplication.build(environment: web, auditKey: auditKey, mail: mail, logger: logger)
        do {
            try await app.runService()
            await database.shutdown()
        } catch {
            await database.shutdown()
            if let error = error as? IOError, error.errnoCode == EADDRINUSE {
                throw CommandFailure("Port \(port) on \(host) is already in use; stop the other program or choose another with --port.")
            }
            if "\(error)".contains("Address already in use") {
                throw CommandFailure("Port \(port) on \(host) is already in use; stop the other program or choose another with --port.")
            }
            throw CommandFailure("Confidant stopped: \(error).")
        }
    }

    /// With no accounts, issues a one-time link for the first administrator (earlier ones stop working).
    static func announceFirstRun(_ web: WebEnvironment) async throws {
        guard try await web.users.count() == 0 else { return }
        let token = try await web.links.issueFirstAdministratorLink(now: Date(), validFor: 24 * 60 * 60)
        print("""

        First run: no accounts exist yet. Open this link to create the first administrator.
        It works once, for 24 hours; restarting Confidant before then prints a new one.

            \(web.configuration.link("/setup/\(token)"))

        """)
        // Standard output may be a pipe or a log file: make sure the link is there now, not at exit.
        fflush(nil)
    }

    /// The SMTP sender for the configured relay; nil when none is set. A relay that is set but unusable stops start-up.
    static func mailSender(url: String?, from: String?, configuration: WebConfiguration, logger: Logger) throws -> (any MailSender)? {
        guard let url, !url.isEmpty else { return nil }
        let smtp: SMTPConfiguration
        do { smtp = try SMTPConfiguration(url: url) } catch { throw ValidationError("CONFIDANT_SMTP_URL: \(error)") }
        let host = URLComponents(string: configuration.publicURL)?.host ?? "localhost"
        let sender: MailAddress
        do { sender = try MailAddress(from ?? "confidant@\(host)") } catch { throw ValidationError("CONFIDANT_MAIL_FROM: \(error)") }
        let client: SMTPClient
        do { client = try SMTPClient(configuration: smtp, logger: logger) } catch { throw ValidationError("CONFIDANT_SMTP_URL: \(error)") }
        logger.info("Email goes through the relay", metadata: ["relay": "\(smtp)", "from": "\(sender)"])
        return SMTPMailSender(client: client, from: sender)
    }

    static func integer(_ environment: [String: String], _ name: String) throws -> Int? {
        guard let text = environment[name] else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(name)=\"\(text)\" is not a whole number.") }
        return value
    }
}
