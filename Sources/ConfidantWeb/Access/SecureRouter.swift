import ConfidantCore
import Hummingbird

/// The only way routes are added: each states who may call it, and the rule is enforced before its handler runs.
///
/// Deny by default: a request that matches no declared route is a 404, and the access check
/// wraps every handler, so a route cannot exist without a rule.
public final class SecureRouter {
    public typealias Handler = @Sendable (Request, ConfidantRequestContext) async throws -> Response

    let router: Router<ConfidantRequestContext>
    /// Every route registered so far, with its access rule.
    public private(set) var declared: [DeclaredRoute] = []

    init(router: Router<ConfidantRequestContext>) { self.router = router }

    /// Registers `handler` for `method` on `path`, callable only as `access` allows.
    public func on(
        _ path: String, method: HTTPRequest.Method, access: RouteAccess, returnsCaseContent: Bool = false,
        handler: @escaping Handler
    ) {
        declared.append(DeclaredRoute(method: method.rawValue, path: path, access: access, returnsCaseContent: returnsCaseContent))
        router.on(RouterPath(path), method: method) { request, context in
            guard access.allows(context.user) else {
                throw context.user == nil ? WebError.signInRequired : WebError.forbidden
            }
            return try await handler(request, context)
        }
    }

    public func get(_ path: String, access: RouteAccess, returnsCaseContent: Bool = false, handler: @escaping Handler) {
        on(path, method: .get, access: access, returnsCaseContent: returnsCaseContent, handler: handler)
    }

    public func post(_ path: String, access: RouteAccess, handler: @escaping Handler) {
        on(path, method: .post, access: access, handler: handler)
    }
}
