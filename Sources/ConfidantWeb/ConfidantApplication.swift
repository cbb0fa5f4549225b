import ConfidantCore
import ConfidantMail
import ConfidantStore
import Foundation
import Hummingbird
import Logging

/// What the application is built from besides its database: `confidant serve` fills it from flags and
/// the environment, the tests fill it by hand; both then call `ConfidantApplication.build`.
public struct ApplicationSettings: Sendable {
    /// Where the keys come from.
    public enum Keys: Sendable {
        /// The key files on disk, checked against what the database records (created only for an empty one).
        case files(data: String, audit: String)
        /// Keys already in hand (tests).
        case given(DataKeyRing, AuditSigningKey)
    }

    /// How email leaves.
    public enum Mail: Sendable {
        /// No relay: email waits in the outbox and administrators see it under Accounts.
        case outboxOnly
        /// An SMTP relay (`smtp://…` or `smtps://…`) and the sender's address (nil: confidant@ the public host).
        case relay(url: String, from: String?)
        /// A sender given in code (tests).
        case sender(any MailSender)
    }

    public var web: WebConfiguration
    public var keys: Keys
    public var mail: Mail
    /// Whether an empty database announces the one-time link that creates the first administrator.
    public var announceFirstRun: Bool
    /// The time now; tests pass a clock they move by hand.
    public var clock: @Sendable () -> Date
    /// How often the checkpoint signer looks at the audit log.
    public var checkpointInterval: Duration
    /// How often overdue tasks, long waits for triage and daily digests are looked for.
    public var noticeInterval: Duration
    /// This process's name among the instances sharing the database: on its signed checkpoints and in its logs.
    public var instanceName: String = ApplicationSettings.defaultInstanceName()
    /// How long an instance holds an email it is sending before another may send it: longer than the slowest relay takes,
    /// since an instance that dies mid-send leaves its emails waiting this long.
    public var mailLease: TimeInterval = 120

    public init(
        web: WebConfiguration, keys: Keys, mail: Mail = .outboxOnly, announceFirstRun: Bool = true,
        clock: @escaping @Sendable () -> Date = { Date() }, checkpointInterval: Duration = .seconds(15),
        noticeInterval: Duration = .seconds(60)
    ) {
        self.noticeInterval = noticeInterval
        self.web = web
        self.keys = keys
        self.mail = mail
        self.announceFirstRun = announceFirstRun
        self.clock = clock
        self.checkpointInterval = checkpointInterval
    }

    /// The host's name, this process's id and a few random letters: distinct for every start of every instance.
    public static func defaultInstanceName() -> String {
        let host = ProcessInfo.processInfo.hostName.prefix(40)
        let letters = Array("abcdefghijkmnpqrstuvwxyz23456789")
        let random = String((0..<4).map { _ in letters.randomElement() ?? "x" })
        return "\(host)-\(ProcessInfo.processInfo.processIdentifier)-\(random)"
    }
}

/// Why the application could not be built from its settings; each says what to change.
public enum ApplicationSettingsError: Error, Equatable, CustomStringConvertible {
    case unusableRelay(String)
    case unusableSender(String)

    public var description: String {
        switch self {
        case .unusableRelay(let why): "CONFIDANT_SMTP_URL: \(why)"
        case .unusableSender(let why): "CONFIDANT_MAIL_FROM: \(why)"
        }
    }
}

/// Builds the whole web application; `confidant serve` and the tests both call `build`.
public enum ConfidantApplication {
    /// The application on the configured host and port, with every middleware and route, the checkpoint
    /// signer and, when mail can leave, the delivery service.
    ///
    /// The keys are checked before anything else (docs/security.md, "Keys"). `seed` runs on a database
    /// with no accounts yet (the demo organisation); then an empty database announces its first-run link.
    /// The database is not one of the application's services: whoever opened it closes it after
    /// `runService` returns, so that no service can find it closed while it still has work to finish.
    public static func build(
        settings: ApplicationSettings, database: ConfidantDatabase, logger: Logger,
        seed: (@Sendable (WebEnvironment) async throws -> Void)? = nil
    ) async throws -> Built {
        let ring: DataKeyRing
        let auditKey: AuditSigningKey
        switch settings.keys {
        case .files(let dataPath, let auditPath):
            let keys = try await InstallationKeys.prepare(dataKeyPath: dataPath, auditKeyPath: auditPath, on: database, now: settings.clock())
            for line in keys.created { logger.notice("\(line)") }
            logger.info(
                "Data-encryption keys loaded", metadata: ["current": "\(keys.ring.current.id)", "ring": "\(keys.ring.ids.joined(separator: ","))"])
            logger.info("Audit signing key loaded", metadata: ["verifier_key": "\(keys.auditKey.verifierKey.text)"])
            (ring, auditKey) = (keys.ring, keys.auditKey)
        case .given(let givenRing, let givenKey):
            (ring, auditKey) = (givenRing, givenKey)
        }
        let sender = try mailSender(settings.mail, configuration: settings.web, logger: logger)
        var configuration = settings.web
        configuration.mailConfigured = sender != nil
        let environment = try await WebEnvironment(
            configuration: configuration, database: database, dataKeys: ring, signingKey: auditKey, clock: settings.clock)
        if let seed, try await environment.users.count() == 0 {
            try await seed(environment)
        }
        if settings.announceFirstRun {
            try await announceFirstRun(environment)
        }

        let (router, declared) = buildRouter(environment: environment, auditVerifierKey: auditKey.verifierKey, logger: logger)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            logger: logger)
        app.addServices(
            CheckpointService(
                log: environment.audit, leases: LeaseStore(environment.database), instance: settings.instanceName, key: auditKey,
                interval: settings.checkpointInterval, clock: settings.clock, logger: logger))
        app.addServices(
            NoticeService(
                notices: environment.notices, submissions: FormSubmissionStore(environment.database), attachments: environment.attachments,
                shares: environment.shares, subjectAccess: environment.subjectAccess, transfers: environment.transfers,
                triageWaits: configuration.triageWaits,
                clock: settings.clock,
                interval: settings.noticeInterval, logger: logger))
        if let sender {
            app.addServices(MailDeliveryService(outbox: environment.outbox, sender: sender, lease: settings.mailLease, logger: logger))
        } else {
            logger.notice("No mail relay is set (CONFIDANT_SMTP_URL): email waits in the outbox, and administrators see it under Accounts.")
        }
        return Built(application: app, environment: environment, declared: declared)
    }

    /// A built application with what it was built on.
    public struct Built: Sendable {
        public let application: Application<RouterResponder<ConfidantRequestContext>>
        public let environment: WebEnvironment
        /// Every route with who may call it (`docs/security.md`, "Routes").
        public let declared: [DeclaredRoute]
    }

    /// The router with every middleware and route, and the table of declared routes.
    static func buildRouter(
        environment: WebEnvironment, auditVerifierKey: AuditVerifierKey?, logger: Logger
    ) -> (Router<ConfidantRequestContext>, [DeclaredRoute]) {
        let router = Router(context: ConfidantRequestContext.self)
        // Order matters: headers wrap everything (error pages too); errors become pages; then size,
        // identity and CSRF are settled before any route runs.
        router.add(middleware: ClientAddressMiddleware(rule: environment.configuration.clientAddresses))
        router.add(middleware: SecurityHeadersMiddleware(secure: environment.configuration.secureCookies))
        router.add(middleware: ErrorPageMiddleware(pages: environment.pages))
        // The stylesheet and the one script, from the module's resources, with ETag and Last-Modified.
        router.add(
            middleware: FileMiddleware(
                environment.publicDirectory, urlBasePath: "/static",
                cacheControl: .init([(.textCss, [.public, .maxAge(3600)]), (.textJavascript, [.public, .maxAge(3600)])]), logger: logger))
        router.add(
            middleware: RequestSizeMiddleware(
                limit: environment.configuration.maxRequestBodyBytes, attachments: environment.configuration.attachmentLimits))
        router.add(
            middleware: AuthenticationMiddleware(
                sessions: environment.sessions, tokens: environment.tokens,
                idleTimeout: environment.configuration.sessionIdleTimeout,
                lifetime: environment.configuration.sessionLifetime, clock: environment.clock))
        router.add(middleware: KeepWordsMiddleware(kept: environment.keptForms, clock: environment.clock))
        router.add(middleware: CSRFMiddleware())
        router.add(middleware: SubmitOnceMiddleware(submissions: FormSubmissionStore(environment.database), clock: environment.clock))

        let policies = environment.policies
        let routes = SecureRouter(router: router, inductionGate: { user in try await policies.mustAcknowledge(user.id) })
        let registrations: [any RouteRegistration] = [
            PublicRoutes(environment: environment), SignInRoutes(environment: environment),
            SecondFactorRoutes(environment: environment), AccountSetupRoutes(environment: environment),
            HomeRoutes(environment: environment), UserAdminRoutes(environment: environment), APIRoutes(environment: environment),
            AuditRoutes(environment: environment, verifierKey: auditVerifierKey), RecordRoutes(environment: environment),
            AdviceRoutes(environment: environment), ExplainerRoutes(environment: environment),
            ShareCodeRoutes(environment: environment), AgencyRoutes(environment: environment), ShareRoutes(environment: environment),
            TaskRoutes(environment: environment), PolicyRoutes(environment: environment),
            AccessRequestRoutes(environment: environment), DuplicateReviewRoutes(environment: environment),
            InductionRoutes(environment: environment), ReportRoutes(environment: environment),
            AttachmentRoutes(environment: environment), BodyMapRoutes(environment: environment), BreachRoutes(environment: environment),
            SubjectAccessRoutes(environment: environment), SubjectAccessWorkspaceRoutes(environment: environment),
            RetentionRoutes(environment: environment),
            DisposalRoutes(environment: environment),
            TransferRoutes(environment: environment),
        ]
        for registration in registrations { registration.register(on: routes) }
        return (router, routes.declared)
    }

    /// With no accounts, issues a one-time link for the first administrator (earlier ones stop working).
    static func announceFirstRun(_ web: WebEnvironment) async throws {
        guard try await web.users.count() == 0 else { return }
        let token = try await web.links.issueFirstAdministratorLink(now: web.clock(), validFor: 24 * 60 * 60)
        print(
            """

            First run: no accounts exist yet. Open this link to create the first administrator.
            It works once, for 24 hours; restarting Confidant before then prints a new one.

                \(web.configuration.link("/setup/\(token)"))

            """)
        // Standard output may be a pipe or a log file: make sure the link is there now, not at exit.
        fflush(nil)
    }

    /// The sender for the configured relay; nil when email only waits in the outbox. A relay that is set
    /// but unusable stops start-up.
    static func mailSender(_ mail: ApplicationSettings.Mail, configuration: WebConfiguration, logger: Logger) throws -> (any MailSender)? {
        switch mail {
        case .outboxOnly:
            return nil
        case .sender(let sender):
            return sender
        case .relay(let url, let from):
            let smtp: SMTPConfiguration
            do { smtp = try SMTPConfiguration(url: url) } catch { throw ApplicationSettingsError.unusableRelay("\(error)") }
            let host = URLComponents(string: configuration.publicURL)?.host ?? "localhost"
            let address: MailAddress
            do { address = try MailAddress(from ?? "confidant@\(host)") } catch { throw ApplicationSettingsError.unusableSender("\(error)") }
            let client: SMTPClient
            do { client = try SMTPClient(configuration: smtp, logger: logger) } catch { throw ApplicationSettingsError.unusableRelay("\(error)") }
            logger.info("Email goes through the relay", metadata: ["relay": "\(smtp)", "from": "\(address)"])
            return SMTPMailSender(client: client, from: address)
        }
    }
}

/// A group of routes that registers itself on the secure router.
protocol RouteRegistration {
    func register(on routes: SecureRouter)
}
