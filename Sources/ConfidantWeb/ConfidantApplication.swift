import ConfidantCore
import ConfidantStore
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the whole web application; `confidant serve` and the tests both call this.
public enum ConfidantApplication {
    /// The router with every middleware and route, and the table of declared routes.
    public static func buildRouter(
        environment: WebEnvironment, auditVerifierKey: AuditVerifierKey?
    ) -> (Router<ConfidantRequestContext>, [DeclaredRoute]) {
        let router = Router(context: ConfidantRequestContext.self)
        // Order matters: headers wrap everything (error pages too); errors become pages; then size,
        // identity and CSRF are settled before any route runs.
        router.add(middleware: SecurityHeadersMiddleware(secure: environment.configuration.secureCookies))
        router.add(middleware: ErrorPageMiddleware(pages: environment.pages))
        router.add(middleware: RequestSizeMiddleware(limit: environment.configuration.maxRequestBodyBytes))
        router.add(middleware: AuthenticationMiddleware(
            sessions: environment.sessions, tokens: environment.tokens,
            idleTimeout: environment.configuration.sessionIdleTimeout, clock: environment.clock))
        router.add(middleware: CSRFMiddleware())

        let routes = SecureRouter(router: router)
        PublicRoutes(environment: environment).register(on: routes)
        SignInRoutes(environment: environment).register(on: routes)
        AccountSetupRoutes(environment: environment).register(on: routes)
        HomeRoutes(environment: environment).register(on: routes)
        UserAdminRoutes(environment: environment).register(on: routes)
        APIRoutes(environment: environment).register(on: routes)
        AuditRoutes(environment: environment, verifierKey: auditVerifierKey).register(on: routes)
        RecordRoutes(environment: environment).register(on: routes)
        AdviceRoutes(environment: environment).register(on: routes)
        ExplainerRoutes(environment: environment).register(on: routes)
        return (router, routes.declared)
    }

    /// The application listening on the configured host and port, closing the database when it stops.
    public static func build(
        environment: WebEnvironment, auditKey: AuditSigningKey, logger: Logger
    ) -> some ApplicationProtocol {
        let (router, _) = buildRouter(environment: environment, auditVerifierKey: auditKey.verifierKey)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(environment.configuration.host, port: environment.configuration.port),
                                 serverName: nil),
            services: [DatabaseService(database: environment.database)],
            logger: logger)
        app.addServices(CheckpointService(log: environment.audit, key: auditKey, logger: logger))
        return app
    }
}

/// Keeps the database open while the application runs and closes it on graceful shutdown.
struct DatabaseService: Service {
    let database: ConfidantDatabase

    func run() async throws {
        try? await gracefulShutdown()
        await database.shutdown()
    }
}
