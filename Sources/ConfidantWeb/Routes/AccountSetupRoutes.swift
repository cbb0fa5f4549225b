import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// One-time links: creating the first administrator, and choosing a password.
struct AccountSetupRoutes: RouteRegistration {
    let environment: WebEnvironment

    struct SetupView {
        let chrome: PageChrome
        let token: String
        let formToken: String
        let name: String
        let email: String
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    struct SetPasswordView {
        let chrome: PageChrome
        let token: String
        let formToken: String
        let accountName: String
        let accountEmail: String
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    func register(on routes: SecureRouter) {
        routes.get("/setup/{token}", access: .everyone) { request, context in
            let token = try link(context)
            guard let link = try await environment.links.find(token: token, now: environment.clock()),
                link.purpose == .firstAdministrator
            else { throw WebError.notFound }
            return setupPage(request, context, token: token, name: "", email: "", errors: [], status: .ok)
        }
        routes.post("/setup/{token}", access: .everyone) { request, context in
            let token = try link(context)
            let form = try await FormFields.read(request, context: context)
            var (details, errors) = AccountForm.details(form)
            errors += Self.passwordProblems(form, email: form["email"])
            guard let details, errors.isEmpty else {
                return setupPage(
                    request, context, token: token, name: form["name"], email: form["email"], errors: errors,
                    status: .badRequest)
            }
            let hash = try await environment.hashPassword(form["password"])
            let now = environment.clock()
            let admin = try await environment.links.createFirstAdministrator(token: token, details: details, passwordHash: hash, now: now)
            return try await signedIn(admin, now: now, address: context.clientAddress)
        }
        routes.get("/set-password/{token}", access: .everyone) { request, context in
            let token = try link(context)
            guard let link = try await environment.links.find(token: token, now: environment.clock()),
                link.purpose == .setPassword, let user = link.user
            else { throw WebError.notFound }
            return setPasswordPage(request, context, token: token, user: user, errors: [], status: .ok)
        }
        routes.post("/set-password/{token}", access: .everyone) { request, context in
            let token = try link(context)
            guard let link = try await environment.links.find(token: token, now: environment.clock()),
                link.purpose == .setPassword, let user = link.user
            else { throw WebError.notFound }
            let form = try await FormFields.read(request, context: context)
            let errors = Self.passwordProblems(form, email: user.email)
            guard errors.isEmpty else {
                return setPasswordPage(request, context, token: token, user: user, errors: errors, status: .badRequest)
            }
            let hash = try await environment.hashPassword(form["password"])
            let now = environment.clock()
            let account = try await environment.links.setPassword(token: token, passwordHash: hash, now: now)
            return try await signedIn(account, now: now, address: context.clientAddress)
        }
    }

    /// The token from the path; an absurdly long one is simply not a link.
    func link(_ context: ConfidantRequestContext) throws -> String {
        guard let token = context.parameters.get("token"), token.count <= 100 else { throw WebError.notFound }
        return token
    }

    /// Starts a session for someone who has just chosen a password, and takes them home (by their second factor).
    func signedIn(_ account: UserAccount, now: Date, address: String) async throws -> Response {
        let (stage, target) = try await environment.signInStage(for: account, next: "/home")
        let session = try await environment.sessions.start(userID: account.id, now: now, address: address, stage: stage)
        var response = Response.redirect(to: target)
        response.setCookie(SessionCookie.carrying(session.token, secure: environment.configuration.secureCookies))
        return response
    }

    static func passwordProblems(_ form: FormFields, email: String) -> [FieldError] {
        if let problem = PasswordRule.problem(with: form["password"], email: email) {
            return [FieldError(field: "password", message: problem)]
        }
        if form["password"] != form["confirm"] {
            return [FieldError(field: "confirm", message: "The two passwords are not the same")]
        }
        return []
    }

    func setupPage(
        _ request: Request, _ context: ConfidantRequestContext, token: String, name: String, email: String,
        errors: [FieldError], status: HTTPResponse.Status
    ) -> Response {
        let formToken = FormToken(request: request, secure: environment.configuration.secureCookies)
        let view = SetupView(
            chrome: PageChrome(title: errors.isEmpty ? "Set up Confidant" : "Error: Set up Confidant", context: context),
            token: token, formToken: formToken.value, name: name, email: email, errors: errors, errorFor: FieldError.byField(errors))
        var response = environment.pages.page(.setup, view, status: status)
        formToken.apply(to: &response)
        return response
    }

    func setPasswordPage(
        _ request: Request, _ context: ConfidantRequestContext, token: String, user: UserAccount, errors: [FieldError],
        status: HTTPResponse.Status
    ) -> Response {
        let formToken = FormToken(request: request, secure: environment.configuration.secureCookies)
        let view = SetPasswordView(
            chrome: PageChrome(title: errors.isEmpty ? "Choose your password" : "Error: Choose your password", context: context),
            token: token, formToken: formToken.value, accountName: user.name, accountEmail: user.email, errors: errors,
            errorFor: FieldError.byField(errors))
        var response = environment.pages.page(.setPassword, view, status: status)
        formToken.apply(to: &response)
        return response
    }
}
