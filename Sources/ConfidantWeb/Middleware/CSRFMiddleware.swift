import ConfidantStore
import HTTPTypes
import Hummingbird

/// Refuses any state-changing request that does not prove it came from one of Confidant's own pages.
///
/// With a session, the form's `_csrf` field (or the `X-CSRF-Token` header for API calls) must equal the
/// session's token. Before sign-in, forms carry a token that must equal the `confidant_form` cookie
/// (double submit). Bearer-token requests carry no ambient credential and need neither.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext

    static let formCookie = "confidant_form"
    static let fieldName = "_csrf"
    static let headerName = HTTPField.Name("X-CSRF-Token")

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), context.tokenUser == nil else {
            return try await next(request, context)
        }
        let expected = context.session?.csrfToken ?? request.cookies[Self.formCookie]?.value
        guard let expected, !expected.isEmpty else { throw WebError.formExpired }
        var request = request
        var presented = Self.headerName.flatMap { request.headers[$0] }
        if presented == nil, request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            // Collected once here; the handler reads the same buffer again.
            let buffer = try await request.collectBodyWithinLimit(context)
            presented = try FormFields(urlEncoded: String(buffer: buffer))[Self.fieldName]
        }
        guard let presented, SecretToken.constantTimeEquals(presented, expected) else { throw WebError.formExpired }
        return try await next(request, context)
    }
}
