import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Signing in and out.
struct SignInRoutes: RouteRegistration {
    let environment: WebEnvironment

    struct SignInView {
        let chrome: PageChrome
        let formToken: String
        let next: String
        let email: String
        let notice: String?
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    func register(on routes: SecureRouter) {
        routes.get("/sign-in", access: .everyone) { request, context in
            if context.session != nil { return .redirect(to: "/home") }
            let query = request.uri.queryParameters
            let notice =
                query["kept"] != nil
                ? "You were signed out after a while without activity, to keep records safe. What you wrote is kept: sign in and it will be back in the form."
                : query["signed-out"] != nil ? "You have signed out." : nil
            return signInPage(request, context, email: "", notice: notice, errors: [], status: .ok)
        }
        routes.post("/sign-in", access: .everyone) { request, context in
            try await signIn(request, context)
        }
        // The page's "Keep working" button: the session was touched on the way in; nothing else to do.
        routes.post("/session/keep-alive", access: .anySignedIn, beforeInduction: true) { _, _ in
            Response(status: .noContent)
        }
        // Reachable halfway through signing in too, so that a half-signed-in session on a shared computer can be ended.
        routes.post("/sign-out", access: .anySignedIn, beforeInduction: true, stages: [.signedIn, .needsCode, .needsEnrolment]) { _, context in
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
        if email.exceedsLimit(AccountDetails.maximumLength) || password.utf8.count > 1024 {
            errors.append(FieldError(field: "email", message: "The email or password is too long"))
        }
        guard errors.isEmpty else {
            return signInPage(request, context, email: String(email.prefix(200)), notice: nil, errors: errors, status: .badRequest)
        }
        let now = environment.clock()
        // The counters are keyed by a hash of what was typed: a password typed into the email box
        // must never be stored as text, here or in the audit log.
        let typed = SecretToken.hash(email)
        let address = String(context.clientAddress.prefix(64))
        let pairKey = "pair:\(typed)@\(address)"
        let accountKey = "account:\(typed)"
        if let refusal = try await environment.signInLimits.admitSignIn(
            accountAtAddress: SignInLimiter.Key(pairKey, .accountAtAddress), account: SignInLimiter.Key(accountKey, .account),
            address: SignInLimiter.Key("address:\(address)", .address), now: now)
        {
            if refusal.isWorthLogging {
                try await recordFailure(typed: typed, account: nil, reason: "throttled", refusals: refusal.refusals, context: context, now: now)
            }
            throw WebError.tooManyAttempts(seconds: refusal.wait)
        }

        let credentials = try await environment.users.credentials(email: email)
        // Always run Bcrypt, so that an unknown email takes as long to refuse as a wrong password.
        let passwordMatches = try await environment.verifyPassword(
            password, hash: credentials?.passwordHash ?? environment.decoyHash)
        guard let account = credentials?.account, credentials?.passwordHash != nil, passwordMatches, account.canSignIn else {
            let reason = credentials == nil ? "unknown_account" : (credentials?.account.canSignIn == false ? "disabled" : "wrong_password")
            try await recordFailure(typed: typed, account: credentials?.account, reason: reason, context: context, now: now)
            return signInPage(
                request, context, email: email, notice: nil,
                errors: [
                    FieldError(field: "email", message: "The email address or password is not right, or the account is disabled")
                ], status: .unauthorized)
        }
        try await environment.signInLimits.clear([pairKey, accountKey])
        let (stage, target) = try await environment.signInStage(for: account, next: Self.safeNext(form["next"]))
        let session = try await environment.sessions.start(userID: account.id, now: now, address: context.clientAddress, stage: stage)
        var response = Response.redirect(to: target)
        response.setCookie(SessionCookie.carrying(session.token, secure: environment.configuration.secureCookies))
        return response
    }

    /// A refused sign-in goes to the audit log: the account when one matched, else a hash of what was
    /// typed (never the text: it may be a password typed into the wrong box), why, and from where.
    func recordFailure(
        typed: String, account: UserAccount?, reason: String, refusals: Int? = nil, context: ConfidantRequestContext, now: Date
    ) async throws {
        var detail: [String: AuditDetail.Value] = ["reason": .string(reason), "address": .string(String(context.clientAddress.prefix(64)))]
        if let refusals { detail["refused_in_a_row"] = .int(Int64(refusals)) }
        try await environment.audit.append(
            AuditEntry(
                time: AuditClock.milliseconds(now), actor: AuditName.anonymous, action: .signInFailed,
                target: account.map { AuditName.account($0.id) } ?? "sign-in:\(typed.prefix(16))",
                detail: AuditDetail(detail)))
    }

    func signInPage(
        _ request: Request, _ context: ConfidantRequestContext, email: String, notice: String?, errors: [FieldError],
        status: HTTPResponse.Status
    ) -> Response {
        let token = FormToken(request: request, secure: environment.configuration.secureCookies)
        let next = request.uri.queryParameters["next"].map(String.init) ?? ""
        let view = SignInView(
            chrome: PageChrome(title: errors.isEmpty ? "Sign in" : "Error: Sign in", context: context),
            formToken: token.value, next: Self.safeNext(next), email: email, notice: notice, errors: errors, errorFor: FieldError.byField(errors))
        var response = environment.pages.page(.signIn, view, status: status)
        token.apply(to: &response)
        return response
    }

    /// Where to go after sign-in: only a path on this site, never another site (an open redirect).
    static func safeNext(_ next: String) -> String { SafeRedirect.path(next) }
}
