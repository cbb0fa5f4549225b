import ArgumentParser
import ConfidantCore
import ConfidantDemo
import ConfidantStore
import ConfidantWeb
import Foundation
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

    @Option(
        name: .customLong("key-file"),
        help: ArgumentHelp(
            "The data-encryption key ring; created (mode 0600) only for a database with nothing sealed, otherwise it must hold the keys the database records (env: CONFIDANT_KEY_FILE; default confidant-data/confidant.key).",
            valueName: "path"))
    var keyFile: String?

    @Option(
        name: .customLong("audit-key-file"),
        help: ArgumentHelp(
            "The Ed25519 key that signs audit checkpoints, kept apart from the database; created (mode 0600) only for a log with no signed checkpoint (env: CONFIDANT_AUDIT_KEY_FILE; default confidant-data/audit-signing.key).",
            valueName: "path"))
    var auditKeyFile: String?

    @Option(name: .customLong("public-url"), help: "The address people use to reach Confidant, for links (env: CONFIDANT_PUBLIC_URL).")
    var publicURL: String?

    @Flag(
        name: .customLong("secure-cookies"),
        help: "Confidant is reached over HTTPS: mark cookies Secure and send HSTS (env: CONFIDANT_SECURE_COOKIES=1).")
    var secureCookies = false

    @Option(
        name: .customLong("session-idle-minutes"),
        help: "Minutes after which an unused session ends (env: CONFIDANT_SESSION_IDLE_MINUTES; default 30).")
    var sessionIdleMinutes: Int?

    @Option(name: .customLong("max-request-bytes"), help: "Largest request body accepted (env: CONFIDANT_MAX_REQUEST_BYTES; default 1048576).")
    var maxRequestBytes: Int?

    @Option(
        name: .customLong("inform-working-days"),
        help: "Working days within which a person must be told that a confidence was broken (env: CONFIDANT_INFORM_WORKING_DAYS; default 2).")
    var informWorkingDays: Int?

    @Option(
        name: .customLong("transfer-working-days"),
        help: "Working days a receiving organisation has to confirm a transferred file's receipt (env: CONFIDANT_TRANSFER_WORKING_DAYS; default 5).")
    var transferWorkingDays: Int?

    @Option(
        name: .customLong("bank-holidays"),
        help: "Whose bank holidays working days skip: england-and-wales or none (env: CONFIDANT_BANK_HOLIDAYS; default england-and-wales).")
    var bankHolidays: String?

    @Option(
        name: .customLong("closed-days"),
        help: "Other days the organisation is closed, YYYY-MM-DD separated by commas, e.g. a school's holidays (env: CONFIDANT_CLOSED_DAYS).")
    var closedDays: String?

    @OptionGroup var retention: RetentionOptions

    @Option(
        name: .customLong("organisation-name"),
        help: "The organisation's name, shown to the recipients of shares (env: CONFIDANT_ORGANISATION_NAME).")
    var organisationName: String?

    @Option(
        name: .customLong("safeguarding-phone"),
        help: "The safeguarding phone number every share gives its recipient to call back (env: CONFIDANT_SAFEGUARDING_PHONE).")
    var safeguardingPhone: String?

    @Option(
        name: .customLong("safeguarding-email"),
        help: "The safeguarding email address every share gives its recipient (env: CONFIDANT_SAFEGUARDING_EMAIL).")
    var safeguardingEmail: String?

    @Option(
        name: .customLong("triage-wait-hours"),
        help:
            "Hours a concern may wait for triage before the safeguarding leads are emailed (env: CONFIDANT_TRIAGE_WAIT_HOURS; default 24; 1 in immediate danger)."
    )
    var triageWaitHours: Int?

    @Option(
        name: .customLong("trusted-proxy"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names the client (env: CONFIDANT_TRUSTED_PROXIES, space-separated).",
            valueName: "cidr"))
    var trustedProxies: [String] = []

    @Option(
        name: .customLong("smtp-url"),
        help: ArgumentHelp(
            "The mail relay: smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (env: CONFIDANT_SMTP_URL). Without one, email waits in the outbox.",
            valueName: "url"))
    var smtpURL: String?

    @Option(
        name: .customLong("mail-from"),
        help: "The address Confidant's email comes from (env: CONFIDANT_MAIL_FROM; default confidant@ the public address's host).")
    var mailFrom: String?

    @Flag(help: "On an empty database, load a made-up organisation (accounts of every role, people, concerns) and print its one-time passwords.")
    var demo = false

    @Option(
        name: .customLong("instance-name"),
        help:
            "This instance's name among several on one database, on the checkpoints it signs (env: CONFIDANT_INSTANCE_NAME; default host-pid-random)."
    )
    var instanceName: String?

    @Option(
        name: .customLong("checkpoint-seconds"),
        help: "How often the audit checkpoint signer looks at the log, and renews its lease (env: CONFIDANT_CHECKPOINT_SECONDS; default 15).")
    var checkpointSeconds: Int?

    @Option(
        name: .customLong("mail-lease-seconds"),
        help:
            "How long an instance holds an email it is sending before another instance may send it; longer than your relay's slowest answer (env: CONFIDANT_MAIL_LEASE_SECONDS; default 120)."
    )
    var mailLeaseSeconds: Int?

    @Option(
        name: .customLong("attachment-file-mb"),
        help: "The largest file that may be attached, in MB (env: CONFIDANT_ATTACHMENT_FILE_MB; default 25).")
    var attachmentFileMB: Int?

    @Option(
        name: .customLong("attachment-record-mb"),
        help: "The most attached files one concern or person may hold in all, in MB (env: CONFIDANT_ATTACHMENT_RECORD_MB; default 100).")
    var attachmentRecordMB: Int?

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
        let transferDays = try transferWorkingDays ?? Self.integer(environment, "CONFIDANT_TRANSFER_WORKING_DAYS") ?? 5
        guard (1...30).contains(transferDays) else { throw ValidationError("--transfer-working-days must be between 1 and 30.") }
        let triageHours = try triageWaitHours ?? Self.integer(environment, "CONFIDANT_TRIAGE_WAIT_HOURS") ?? 24
        guard (1...24 * 14).contains(triageHours) else { throw ValidationError("--triage-wait-hours must be between 1 and 336.") }
        // The demo organisation has made-up contact details (an Ofcom drama number, a reserved domain) unless others are given.
        let organisation = OrganisationSettings(
            name: try Self.setting(
                organisationName ?? environment["CONFIDANT_ORGANISATION_NAME"] ?? (demo ? "Demo Youth Trust" : nil), "--organisation-name"),
            safeguardingPhone: try Self.setting(
                safeguardingPhone ?? environment["CONFIDANT_SAFEGUARDING_PHONE"] ?? (demo ? "01632 960 111" : nil), "--safeguarding-phone"),
            safeguardingEmail: try Self.setting(
                safeguardingEmail ?? environment["CONFIDANT_SAFEGUARDING_EMAIL"] ?? (demo ? "safeguarding@demo.example" : nil),
                "--safeguarding-email"))
        let proxyTexts =
            trustedProxies.isEmpty
            ? (environment["CONFIDANT_TRUSTED_PROXIES"] ?? "").split(separator: " ").map(String.init) : trustedProxies
        let proxies = try proxyTexts.map { text in
            guard let range = NetworkRange(text) else {
                throw ValidationError("--trusted-proxy \"\(text)\" is not an address or CIDR block, for example 127.0.0.1 or 10.0.0.0/8.")
            }
            return range
        }
        let fileMB = try attachmentFileMB ?? Self.integer(environment, "CONFIDANT_ATTACHMENT_FILE_MB") ?? 25
        guard (1...1024).contains(fileMB) else { throw ValidationError("--attachment-file-mb must be between 1 and 1024.") }
        let recordMB = try attachmentRecordMB ?? Self.integer(environment, "CONFIDANT_ATTACHMENT_RECORD_MB") ?? 100
        guard (fileMB...4096).contains(recordMB) else {
            throw ValidationError("--attachment-record-mb must be at least --attachment-file-mb (\(fileMB)) and at most 4096.")
        }
        var configuration = WebConfiguration(
            host: host, port: port, publicURL: publicURL ?? environment["CONFIDANT_PUBLIC_URL"],
            secureCookies: secureCookies || environment["CONFIDANT_SECURE_COOKIES"] == "1",
            sessionIdleTimeout: TimeInterval(idle * 60), maxRequestBodyBytes: maxBytes, informWorkingDays: informDays,
            trustedProxies: proxies, organisation: organisation,
            triageWaits: NoticeBoard.TriageWaits(usual: TimeInterval(triageHours * 3600), immediateDanger: TimeInterval(min(triageHours, 1) * 3600)))
        configuration.attachmentLimits = AttachmentLimits(perFile: fileMB * 1_048_576, perRecord: recordMB * 1_048_576)
        configuration.retention = try retention.schedule(environment: environment)
        configuration.transferWorkingDays = transferDays
        configuration.workingCalendar = try Self.workingCalendar(
            bankHolidays: bankHolidays ?? environment["CONFIDANT_BANK_HOLIDAYS"], closedDays: closedDays ?? environment["CONFIDANT_CLOSED_DAYS"])

        var logger = Logger(label: "confidant")
        logger.logLevel = level
        let smtp = smtpURL ?? environment["CONFIDANT_SMTP_URL"]
        var settings = ApplicationSettings(
            web: configuration,
            keys: .files(
                data: keyFile ?? environment["CONFIDANT_KEY_FILE"] ?? DataKeyFile.defaultPath,
                audit: auditKeyFile ?? environment["CONFIDANT_AUDIT_KEY_FILE"] ?? AuditKeyFile.defaultPath),
            mail: smtp.map { $0.isEmpty ? .outboxOnly : .relay(url: $0, from: mailFrom ?? environment["CONFIDANT_MAIL_FROM"]) } ?? .outboxOnly)
        let checkpointEvery = try checkpointSeconds ?? Self.integer(environment, "CONFIDANT_CHECKPOINT_SECONDS") ?? 15
        guard (1...3600).contains(checkpointEvery) else {
            throw ValidationError("--checkpoint-seconds must be between 1 and 3600 (a lease lasts three rounds).")
        }
        settings.checkpointInterval = .seconds(checkpointEvery)
        let mailLease = try mailLeaseSeconds ?? Self.integer(environment, "CONFIDANT_MAIL_LEASE_SECONDS") ?? 120
        guard (5...3600).contains(mailLease) else {
            throw ValidationError("--mail-lease-seconds must be between 5 and 3600 (a relay may take a minute to answer).")
        }
        settings.mailLease = TimeInterval(mailLease)
        if let name = instanceName ?? environment["CONFIDANT_INSTANCE_NAME"] {
            guard !name.isEmpty, name.count <= 100, name.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
                throw ValidationError("--instance-name must be 1 to 100 letters, digits or punctuation, without spaces.")
            }
            settings.instanceName = name
        }
        let database = try await store.open(logger: logger)
        if demo, try await UserStore(database).count() > 0 {
            logger.notice("--demo: the database already has accounts, so nothing was loaded")
        }
        let loadDemo: @Sendable (WebEnvironment) async throws -> Void = { web in
            let accounts = try await DemoOrganisation.load(into: web, now: web.clock())
            print(DemoOrganisation.announcement(accounts, link: web.configuration.link("/sign-in")))
            fflush(nil)
        }
        let built: ConfidantApplication.Built
        do {
            built = try await ConfidantApplication.build(settings: settings, database: database, logger: logger, seed: demo ? loadDemo : nil)
        } catch let error as ApplicationSettingsError {
            await database.shutdown()
            throw ValidationError(error.description)
        } catch {
            await database.shutdown()
            throw error
        }
        logger.info(
            "Confidant listening",
            metadata: ["url": "\(configuration.link("/"))", "database": "\(database.location)", "instance": "\(settings.instanceName)"])
        do {
            try await built.application.runService()
            await database.shutdown()
        } catch {
            await database.shutdown()
            // NIO reports a port in use as an IOError from bind(2) with EADDRINUSE.
            if let error = error as? IOError, error.errnoCode == EADDRINUSE {
                throw CommandFailure("Port \(port) on \(host) is already in use; stop the other program or choose another with --port.")
            }
            throw CommandFailure("Confidant stopped: \(error).")
        }
    }

    /// The organisation's working days from the two settings, or a refusal that says what to write.
    static func workingCalendar(bankHolidays: String?, closedDays: String?) throws -> WorkingCalendar {
        let region = bankHolidays ?? WorkingCalendar.BankHolidays.englandAndWales.rawValue
        guard let holidays = WorkingCalendar.BankHolidays(rawValue: region) else {
            throw ValidationError("--bank-holidays must be england-and-wales or none, not \"\(region.prefix(40))\".")
        }
        switch WorkingCalendar.closedDays(closedDays ?? "") {
        case .success(let days): return WorkingCalendar(bankHolidays: holidays, closedDays: days)
        case .failure(let problem):
            throw ValidationError("--closed-days takes days as YYYY-MM-DD separated by commas; \"\(problem.word)\" is not one.")
        }
    }

    static func integer(_ environment: [String: String], _ name: String) throws -> Int? {
        guard let text = environment[name] else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(name)=\"\(text)\" is not a whole number.") }
        return value
    }

    /// A setting printed in every share: one line of at most 200 characters, or empty when not given.
    static func setting(_ value: String?, _ flag: String) throws -> String {
        let text = (value ?? "").trimmingCharacters(in: .whitespaces)
        guard text.count <= 200, !text.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) }) else {
            throw ValidationError("\(flag) must be one line of at most 200 characters.")
        }
        return text
    }
}
