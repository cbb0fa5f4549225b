import ConfidantCore
import ConfidantStore
import Hummingbird
import Logging

/// Builds the whole web application; `confidant serve` and the tests both call this.
public enum ConfidantApplication {
    /// The router with every middleware and route, and the table of declared routes.
    public static func buildRouter(
        environment: WebEnvironment, auditVerifierKey: AuditVerifierKey?
    ) -> (Router<ConfidantRequestContext>, [DeclaredRoute]) {
        let router = Router(context: ConfidantRequestContext.self)
        // Order matters: headers wrap everything (error pages too); errors become pages; then size,
        // identity and CSRF are settled before any route runs.
        router.add(middleware: ClientAddressMiddleware(rule: environment.configuration.clientAddresses))
        router.add(middleware: SecurityHeadersMiddleware(secure: environment.configuration.secureCookies))
        router.add(middleware: ErrorPageMiddleware(pages: environment.pages))
        router.add(middleware: RequestSizeMiddleware(limit: environment.configuration.maxRequestBodyBytes))
        router.add(middleware: AuthenticationMiddleware(
            sessions: environment.sessions, tokens: environment.tokens,
            idleTimeout: environment.configuration.sessionIdleTimeout,
            lifetime: environment.configuration.sessionLifetime, clock: environment.clock))
        router.add(middleware: CSRFMiddleware())

        let policies = environment.policies
        let routes = SecureRouter(router: router, inductionGate: { user in try await policies.mustAcknowledge(user.id) })
        PublicRoutes(environment: environment).register(on: routes)
        SignInRoutes(environment: environment).register(on: routes)
        SecondFactorRoutes(environment: environment).register(on: routes)
        AccountSetupRoutes(environment: environment).register(on: routes)
        HomeRoutes(environment: environment).register(on: routes)
        UserAdminRoutes(environment: environment).register(on: routes)
        APIRoutes(environment: environment).register(on: routes)
        AuditRoutes(environment: environment, verifierKey: auditVerifierKey).register(on: routes)
        RecordRoutes(environment: environment).register(on: routes)
        AdviceRoutes(environment: environment).register(on: routes)
        ExplainerRoutes(environment: environment).register(on: routes)
        ShareCodeRoutes(environment: environment).register(on: routes)
        AgencyRoutes(environment: environment).register(on: routes)
        ShareRoutes(environment: environment).register(on: routes)
        TaskRoutes(environment: environment).register(on: routes)
        PolicyRoutes(environment: environment).register(on: routes)
        AccessRequestRoutes(environment: environment).register(on: routes)
        DuplicateReviewRoutes(environment: environment).register(on: routes)
        InductionRoutes(environment: environment).register(on: routes)
        return (router, routes.declared)
    }

    /// The application listening on the configured host and port, with the background checkpoint signer
    /// and, when a relay is configured, the mail delivery service.
    ///
    /// The database is not one of its services: whoever opened it closes it after `runService`
    /// returns, so that no service can find it closed while it still has work to finish.
    public static func build(
        environment: WebEnvironment, auditKey: AuditSigningKey, mail: (any MailSender)?, logger: Logger
    ) -> some ApplicationProtocol {
        let (router, _) = buildRouter(environment: environment, auditVerifierKey: auditKey.verifierKey)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(environment.configuration.host, port: environment.configuration.port),
                                 serverName: nil),
            logger: logger)
        app.addServices(CheckpointService(log: environment.audit, key: auditKey, logger: logger))
        if let mail {
            app.addServices(MailDeliveryService(outbox: environment.outbox, sender: mail, logger: logger))
        }
        return app
    }
}
