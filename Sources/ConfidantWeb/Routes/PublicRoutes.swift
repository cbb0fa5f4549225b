import Foundation
import Hummingbird

/// Pages and endpoints anyone may call: the landing page and health (static files come from `FileMiddleware`).
struct PublicRoutes: RouteRegistration {
    let environment: WebEnvironment

    struct LandingView {
        let chrome: PageChrome
        let organisation: String
    }

    func register(on routes: SecureRouter) {
        routes.get("/", access: .everyone) { request, context in
            if context.session != nil { return .redirect(to: "/home") }
            return try await environment.publicPages.respond(request, context, key: "/") {
                let view = LandingView(chrome: PageChrome(title: "Welcome", context: context), organisation: "your organisation")
                return (environment.pages.render(.landing, view), "text/html; charset=utf-8")
            }
        }
        // For load balancers: 200 while the database answers, 503 when it does not.
        routes.get("/health", access: .everyone) { _, _ in
            struct Health: Encodable { let status: String; let database: String }
            do {
                try await environment.database.checkReachable()
                return try APIResponse.json(Health(status: "ok", database: "reachable"))
            } catch {
                return try APIResponse.json(Health(status: "unavailable", database: "unreachable"), status: .serviceUnavailable)
            }
        }
    }
}
