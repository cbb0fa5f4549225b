import Foundation
import Hummingbird

/// Pages and endpoints anyone may call: the landing page, health and the stylesheet.
struct PublicRoutes {
    let environment: WebEnvironment

    struct LandingView {
        let chrome: PageChrome
        let organisation: String
    }

    func register(on routes: SecureRouter) {
        routes.get("/", access: .everyone) { _, context in
            if context.session != nil { return .redirect(to: "/home") }
            return environment.pages.page("landing", LandingView(chrome: PageChrome(title: "Welcome", context: context),
                                                                 organisation: "your organisation"))
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
        routes.get("/static/confidant.css", access: .everyone) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: environment.stylesheet))
        }
        routes.get("/static/share-form.js", access: .everyone) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: environment.shareFormScript))
        }
    }
}
