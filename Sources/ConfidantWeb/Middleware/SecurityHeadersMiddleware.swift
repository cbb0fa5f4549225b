import HTTPTypes
import Hummingbird

/// Adds the security headers every response carries, error pages included.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext
    let secure: Bool

    /// No inline script or style, nothing framed, forms only to ourselves.
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'",
        "base-uri 'none'",
    ].joined(separator: "; ")

    /// Headers HTTPTypes has no constant for; the names are fixed, valid tokens.
    static let otherHeaders: [(HTTPField.Name, String)] = [
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ].compactMap { name, value in HTTPField.Name(name).map { ($0, value) } }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        // A file sent for download sets a stricter policy of its own (a sandbox); every other answer gets this one.
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy }
        response.headers[.xContentTypeOptions] = "nosniff"
        for (name, value) in Self.otherHeaders { response.headers[name] = value }
        if secure { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        // Pages may hold case content: never cached anywhere. Only the stylesheet and scripts may be.
        // A static file actually served (200, or 304 to a revalidation); an error page under /static is a page.
        let servedFile = request.uri.path.hasPrefix("/static/") && (response.status == .ok || response.status == .notModified)
        if servedFile {
            // FileMiddleware's own caching headers stand.
        } else if response.headers[.eTag] != nil && request.headers[.cookie] == nil && request.headers[.authorization] == nil {
            // A public page from `PublicPageCache` (set only for someone not signed in): the browser may keep it
            // and must ask again each time, answered with a 304 while it is unchanged.
            response.headers[.cacheControl] = "private, no-cache"
        } else {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
