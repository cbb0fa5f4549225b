import ConfidantStore
import Hummingbird

/// The CSRF token of forms shown before sign-in, paired with a `confidant_form` cookie (double submit).
struct FormToken {
    let value: String
    /// The cookie to set when the browser did not have one yet.
    let cookie: Cookie?

    /// The browser's existing form token, or a new one with the cookie that carries it.
    init(request: Request, secure: Bool) {
        if let existing = request.cookies[CSRFMiddleware.formCookie]?.value, existing.count >= 32, existing.count <= 64 {
            value = existing
            cookie = nil
        } else {
            value = SecretToken.generate()
            cookie = Cookie(
                name: CSRFMiddleware.formCookie, value: value, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
        }
    }

    /// Sets the cookie on `response` when one is needed.
    func apply(to response: inout Response) {
        if let cookie { response.setCookie(cookie) }
    }
}

extension Response {
    /// A 303 redirect to `location`, the answer to a successful form post.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
