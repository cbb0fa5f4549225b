import ConfidantStore
import Foundation
import Hummingbird
import HummingbirdAuth

/// Finds who is asking: a live session cookie, or an API bearer token. Neither is fine; a bad token is not.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext
    let sessions: SessionStore
    let tokens: APITokenStore
    let idleTimeout: TimeInterval
    let lifetime: TimeInterval
    let clock: @Sendable () -> Date

    static let sessionCookie = "confidant_session"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if request.headers[.authorization] != nil {
            // hummingbird-auth reads "Bearer <token>"; any other Authorization header is refused, not ignored.
            guard let bearer = request.headers.bearer, bearer.token.count <= 200,
                let user = try await tokens.account(for: bearer.token, now: clock())
            else { throw WebError.signInRequired }
            context.tokenUser = user
        } else if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty, token.count <= 200 {
            switch try await sessions.lookUp(token: token, now: clock(), idleTimeout: idleTimeout, lifetime: lifetime) {
            case .live(let session):
                context.session = session
                context.sessionToken = token
            case .lapsed(let userID):
                context.lapsedUserID = userID
            case .none:
                break
            }
        }
        return try await next(request, context)
    }
}
