import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Signing in and out.
struct SignInRoutes {
    let environment: WebEnvironment

    struct SignInView {
        let chrome: PageChrome
        let formToken: String
        let next: String
        let email: String
        let notice: String?
        let errors: [FieldError]
    }

    func register(on routes: SecureRouter) {
        routes.get("/sign-in", access: .everyone) { request, context in
            if context.session != nil { return .redirect(to: "/home") }
            let notice = request.uri.queryParameters["signed-out"] != nil ? "You have signed out." : nil
            return signInPage(request, context, email: "", notice: notice, errors: [], status: .ok)
        }
        routes.post("/sign-in", access: .everyone) { request, context in
            try await signIn(request, context)
        }
        routes.post("/sign-out", access: .anySignedIn, beforeInduction: true) { _, context in
            if let token = context.sessionToken { try await environment.sessions.end(token: token, now: environment.clock()) }
            var response = Response.redirect(to: "/sign-in?signed-out=1")
            response.setCookie(SessionCookie.expired(secure: environment.configuration.secureCookies))
            return response
        }
    }

    func signIn(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let form = try await FormFields.read(request, context: context)
        let email = form["email"].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let password = form["password"]
        var errors: [FieldError] = []
        if email.isEmpty { errors.append(FieldError(field: "email", message: "Enter your email address")) }
        if password.isEmpty { errors.append(FieldError(field: "password", message: "Enter your password")) }
        if email.count > AccountDetails.maximumLength || password.utf8.count > 1024 {
            errors.append(FieldError(field: "email", message: "The email or password is too long"))
        }
        guard errors.isEmpty else {
            return signInPage(request, context, email: String(email.prefix(200)), notice: nil, errors: errors, status: .badRequest)
        }
        let now = environment.clock()
        let accountKey = "account:" + email
        let addressKey = "address:" + context.clientAddress
        let wait = max(
            try await environment.throttles.wait(key: accountKey, backoff: .account, now: now),
            try await environment.throttles.wait(key: addressKey, backoff: .address, now: now))
        if wait > 0 {
            try await recordFailure(email: email, reason: "throttled", context: context, now: now)
            throw WebError.tooManyAttempts(seconds: Int(wait.rounded(.up)))
        }

        let credentials = try await environment.users.credentials(email: email)
        // Always run Bcrypt, so that an unknown email takes as long to refuse as a wrong password.
        let passwordMatches = try await environment.verifyPassword(
            password, hash: credentials?.passwordHash ?? environment.decoyHash)
        guard let account = credentials?.account, credentials?.passwordHash != nil, passwordMatches, !account.disabled else {
            try await environment.throttles.recordFailure(key: accountKey, backoff: .account, now: now)
            try await environment.throttles.recordFailure(key: addressKey, backoff: .address, now: now)
            let reason = credentials == nil ? "unknown_account" : (credentials?.account.disabled == true ? "disabled" : "wrong_password")
            try await recordFailure(email: email, reason: reason, context: context, now: now)
            return signInPage(request, context, email: email, notice: nil, errors: [
                FieldError(field: "email", message: "The email address or password is not right, or the account is disabled"),
            ], status: .unauthorized)
        }
        try await environment.throttles.clear(key: accountKey)
        let session = try await environment.sessions.start(userID: account.id, now: now, address: context.clientAddress)
        var response = Response.redirect(to: Self.safeNext(form["next"]))
        response.setCookie(SessionCookie.carrying(session.token, secure: environment.configuration.secureCookies))
        return response
    }

    /// A refused sign-in goes to the audit log: the email tried (not the password), why, and from where.
    func recordFailure(email: String, reason: String, context: ConfidantRequestContext, now: Date) async throws {
        try await environment.audit.append(AuditEntry(
            time: AuditClock.milliseconds(now), actor: AuditName.anonymous, action: .signInFailed,
            target: "account:" + String(email.prefix(200)),
            detail: AuditDetail(["reason": .string(reason), "address": .string(String(context.clientAddress.prefix(64)))])))
    }

    func signInPage(
        _ request: Request, _ context: ConfidantRequestContext, email: String, notice: String?, errors: [FieldError],
        status: HTTPResponse.Status
    ) -> Response {
        let token = FormToken(request: request, secure: environment.configuration.secureCookies)
        let next = request.uri.queryParameters["next"].map(String.init) ?? ""
        let view = SignInView(
            chrome: PageChrome(title: errors.isEmpty ? "Sign in" : "Error: Sign in", context: context),
            formToken: token.value, next: Self.safeNext(next), email: email, notice: notice, errors: errors)
        var response = environment.pages.page("sign-in", view, status: status)
        token.apply(to: &response)
        return response
    }

    /// Where to go after sign-in: only a path on this site, never another site (an open redirect).
    static func safeNext(_ next: String) -> String {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\n"), next.count < 500
        else { return "/home" }
        return next
    }
}
