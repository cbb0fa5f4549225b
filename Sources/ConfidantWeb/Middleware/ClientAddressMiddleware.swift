import ConfidantCore
import Hummingbird

/// Settles who the client is before anything counts attempts by address.
///
/// Behind a proxy every request comes from the proxy, so all sign-ins would share one throttle;
/// `X-Forwarded-For` is believed only when the socket's peer is a proxy the operator named
/// (`--trusted-proxy`), because anyone else can write that header.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext
    let rule: ClientAddressRule

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard !rule.trustedProxies.isEmpty else { return try await next(request, context) }
        var context = context
        let forwarded = request.headers.filter { $0.name.canonicalName == "x-forwarded-for" }.map(\.value)
        context.clientAddress = rule.clientAddress(peer: context.clientAddress, forwardedFor: forwarded)
        return try await next(request, context)
    }
}
