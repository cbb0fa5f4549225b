import Hummingbird

/// The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS, and no expiry of its own
/// (the server ends idle sessions).
enum SessionCookie {
    static func carrying(_ token: String, secure: Bool) -> Cookie {
        Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: token, path: "/",
            secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func expired(secure: Bool) -> Cookie {
        Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
            secure: secure, httpOnly: true, sameSite: .strict)
    }
}
