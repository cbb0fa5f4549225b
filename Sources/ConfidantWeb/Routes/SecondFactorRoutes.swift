import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The second factor: the code after the password, setting up an authenticator app with its recovery
/// codes, and confirming both again (step-up) before a sensitive action.
struct SecondFactorRoutes: RouteRegistration {
    let environment: WebEnvironment

    struct CodeView {
        let chrome: PageChrome
        let action: String
        let heading: String
        let explanation: String
        let next: String
        let askPassword: Bool
        let askCode: Bool
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    struct EnrolView {
        let chrome: PageChrome
        let next: String
        let enrolled: Bool
        let required: Bool
        let qrCode: String
        let secretGroups: String
        let recoveryCodes: [String]
        let codesLeft: Int
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    func register(on routes: SecureRouter) {
        routes.get("/sign-in/code", access: .anySignedIn, beforeInduction: true, stages: [.needsCode]) { request, context in
            codePage(context, next: Self.next(request), errors: [], status: .ok)
        }
        routes.post("/sign-in/code", access: .anySignedIn, beforeInduction: true, stages: [.needsCode]) { request, context in
            let user = try context.signedInUser()
            let form = try await FormFields.read(request, context: context)
            let next = SafeRedirect.path(form["next"])
            guard let proof = try await prove(form["code"], for: user, context: context) else {
                return codePage(context, next: next, errors: [Self.wrongCode], status: .unauthorized)
            }
            let response = try await complete(
                context, secondFactor: proof,
                next: proof == "recovery_code"
                    ? "/account/second-factor?next=\(Self.encoded(next))" : next)
            return response
        }
        routes.get("/account/second-factor", access: .anySignedIn, beforeInduction: true, stages: [.signedIn, .needsEnrolment]) { request, context in
            try await enrolPage(context, next: Self.next(request), errors: [], status: .ok)
        }
        routes.post("/account/second-factor", access: .anySignedIn, beforeInduction: true, stages: [.signedIn, .needsEnrolment]) { request, context in
            let user = try context.signedInUser()
            let form = try await FormFields.read(request, context: context)
            let next = SafeRedirect.path(form["next"])
            let now = environment.clock()
            guard let factor = try await environment.secondFactors.factor(of: user.id), !factor.confirmed,
                let step = Authenticator.step(of: form["code"], secret: factor.secret, now: now)
            else {
                return try await enrolPage(
                    context, next: next,
                    errors: [
                        FieldError(
                            field: "code", message: "That code does not match. Type the 6 digits your app shows now")
                    ], status: .badRequest)
            }
            let codes = Authenticator.recoveryCodes()
            try await environment.secondFactors.confirm(user.id, step: step, recoveryCodes: codes, now: now)
            var response = environment.pages.page(
                .secondFactor,
                EnrolView(
                    chrome: try await environment.chrome("Your recovery codes", context), next: next, enrolled: true,
                    required: SecondFactorRule.isRequired(for: user.role), qrCode: "", secretGroups: "", recoveryCodes: codes,
                    codesLeft: codes.count, errors: [], errorFor: [:]))
            if context.session?.stage == .needsEnrolment, let token = context.sessionToken {
                let fresh = try await environment.sessions.complete(token: token, secondFactor: "enrolled", now: now, address: context.clientAddress)
                response.setCookie(SessionCookie.carrying(fresh.token, secure: environment.configuration.secureCookies))
            }
            return response
        }
        routes.post("/account/second-factor/replace", access: .anySignedIn) { request, context in
            let user = try context.signedInUser()
            if let redirect = environment.needsStepUp(context, returnTo: "/account/second-factor") { return redirect }
            try await environment.secondFactors.remove(user.id)
            return .redirect(to: "/account/second-factor")
        }
        routes.get("/step-up", access: .anySignedIn, beforeInduction: true) { request, context in
            try await stepUpPage(context, next: Self.next(request), errors: [], status: .ok)
        }
        routes.post("/step-up", access: .anySignedIn, beforeInduction: true) { request, context in
            let user = try context.signedInUser()
            let form = try await FormFields.read(request, context: context)
            let next = SafeRedirect.path(form["next"])
            guard let token = context.sessionToken else { throw WebError.stepUpRequired }
            let now = environment.clock()
            if let refusal = try await environment.signInLimits.admit([SignInLimiter.Key("step-up:\(user.id)", .accountAtAddress)], now: now) {
                throw WebError.tooManyAttempts(seconds: refusal.wait)
            }
            let hash = try await environment.users.credentials(email: user.email)?.passwordHash ?? environment.decoyHash
            let passwordRight = try await environment.verifyPassword(form["password"], hash: hash)
            let enrolled = try await environment.secondFactors.isEnrolled(user.id)
            // The code is tried only after the password is right: a wrong password must not use up a
            // recovery code or one of the account's code attempts.
            var codeRight = !enrolled
            if enrolled, passwordRight { codeRight = try await prove(form["code"], for: user, context: context) != nil }
            guard passwordRight, codeRight else {
                return try await stepUpPage(
                    context, next: next,
                    errors: [
                        FieldError(field: "password", message: "The password or code is not right")
                    ], status: .unauthorized)
            }
            try await environment.signInLimits.clear(["step-up:\(user.id)"])
            try await environment.sessions.stepUp(token: token, now: now)
            return .redirect(to: next)
        }
    }

    static let wrongCode = FieldError(
        field: "code", message: "That code is not right or has been used. Type the 6 digits your app shows now, or a recovery code")

    /// Checks an authenticator code or a recovery code, each usable once, with attempts counted before
    /// the check like passwords; returns how it was proved.
    func prove(_ typed: String, for user: UserAccount, context: ConfidantRequestContext) async throws -> String? {
        let now = environment.clock()
        if let refusal = try await environment.signInLimits.admit(
            [
                SignInLimiter.Key("code:\(user.id)", .accountAtAddress),
                SignInLimiter.Key("code-address:\(context.clientAddress.prefix(64))", .address),
            ], now: now)
        {
            throw WebError.tooManyAttempts(seconds: refusal.wait)
        }
        let code = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !code.isEmpty, code.utf8.count <= 40 else { return nil }
        if code.filter(\.isNumber).count == code.filter({ !$0.isWhitespace }).count {
            guard let factor = try await environment.secondFactors.factor(of: user.id), factor.confirmed,
                let step = Authenticator.step(of: code, secret: factor.secret, now: now),
                try await environment.secondFactors.use(step: step, of: user.id)
            else { return nil }
            try await environment.signInLimits.clear(["code:\(user.id)"])
            return "authenticator"
        }
        guard try await environment.secondFactors.useRecoveryCode(code, of: user.id, now: now) else { return nil }
        return "recovery_code"
    }

    /// Finishes signing in: a new session token for the full session, then onward.
    func complete(_ context: ConfidantRequestContext, secondFactor: String, next: String) async throws -> Response {
        guard let token = context.sessionToken else { throw WebError.signInRequired }
        let fresh = try await environment.sessions.complete(
            token: token, secondFactor: secondFactor, now: environment.clock(), address: context.clientAddress)
        var response = Response.redirect(to: next)
        response.setCookie(SessionCookie.carrying(fresh.token, secure: environment.configuration.secureCookies))
        return response
    }

    static func next(_ request: Request) -> String { SafeRedirect.path(request.uri.queryParameters["next"].map(String.init) ?? "") }

    static func encoded(_ path: String) -> String { path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

    func codePage(_ context: ConfidantRequestContext, next: String, errors: [FieldError], status: HTTPResponse.Status) -> Response {
        let view = CodeView(
            chrome: PageChrome(title: errors.isEmpty ? "Enter your code" : "Error: Enter your code", context: context),
            action: "/sign-in/code", heading: "Enter the code from your authenticator app",
            explanation:
                "Open the authenticator app on your phone and type the 6 digits it shows for Confidant. Lost your phone? Type one of your recovery codes instead.",
            next: next, askPassword: false, askCode: true, errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.code, view, status: status)
    }

    func stepUpPage(_ context: ConfidantRequestContext, next: String, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let user = try context.signedInUser()
        let view = CodeView(
            chrome: try await environment.chrome(errors.isEmpty ? "Confirm it is you" : "Error: Confirm it is you", context),
            action: "/step-up", heading: "Confirm it is you",
            explanation: "What you are about to do changes who can see cases or takes information out of Confidant, so it needs your password"
                + (try await environment.secondFactors.isEnrolled(user.id) ? " and a code from your authenticator app" : "") + " again.",
            next: next, askPassword: true, askCode: try await environment.secondFactors.isEnrolled(user.id), errors: errors,
            errorFor: FieldError.byField(errors))
        return environment.pages.page(.code, view, status: status)
    }

    func enrolPage(_ context: ConfidantRequestContext, next: String, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let user = try context.signedInUser()
        let now = environment.clock()
        var secret = ""
        var enrolled = false
        if let factor = try await environment.secondFactors.factor(of: user.id) {
            enrolled = factor.confirmed
            secret = factor.secret
        }
        // A new secret each time the page is opened afresh; after a wrong code, the one being set up stays.
        if !enrolled, errors.isEmpty || secret.isEmpty {
            secret = Authenticator.newSecret()
            try await environment.secondFactors.begin(user.id, secret: secret, now: now)
        }
        let url = Authenticator.enrolmentURL(secret: secret, account: user.email, issuer: "Confidant")
        let qr =
            enrolled
            ? ""
            : ((try? QRCode(text: url, errorCorrection: .medium).svg(
                label: "QR code to scan with your authenticator app")) ?? "")
        // The key an app is given by hand is the one in the QR code's address (the secret in base32).
        let key = url.split(separator: "secret=").last.map { String($0.prefix { $0 != "&" }) } ?? ""
        let groups = stride(from: 0, to: key.count, by: 4).map { start in String(key.dropFirst(start).prefix(4)) }.joined(separator: " ")
        let view = EnrolView(
            chrome: try await environment.chrome(errors.isEmpty ? "Second factor" : "Error: Second factor", context), next: next,
            enrolled: enrolled, required: SecondFactorRule.isRequired(for: user.role), qrCode: qr, secretGroups: enrolled ? "" : groups,
            recoveryCodes: [], codesLeft: enrolled ? try await environment.secondFactors.recoveryCodesLeft(user.id) : 0, errors: errors,
            errorFor: FieldError.byField(errors))
        return environment.pages.page(.secondFactor, view, status: status)
    }
}

extension WebEnvironment {
    /// Where a password that was right leads: the code page when a second factor is set up, setting one up
    /// when the role needs it and there is none, otherwise straight on. The password alone opens nothing more.
    func signInStage(for account: UserAccount, next: String) async throws -> (SessionStage, String) {
        let encoded = SecondFactorRoutes.encoded(next)
        if try await secondFactors.isEnrolled(account.id) { return (.needsCode, "/sign-in/code?next=\(encoded)") }
        if SecondFactorRule.isRequired(for: account.role) { return (.needsEnrolment, "/account/second-factor?next=\(encoded)") }
        return (.signedIn, next)
    }

    /// A redirect to confirm the password and second factor again, unless that was done in the last five minutes.
    ///
    /// API calls with a bearer token have no session to step up; they are made by integrations an
    /// operator set up with `confidant user token`, whose tokens expire.
    func needsStepUp(_ context: ConfidantRequestContext, returnTo: String) -> Response? {
        guard let session = context.session else { return nil }
        if let at = session.steppedUpAt, clock().timeIntervalSince(at) < SecondFactorRule.stepUpLifetime { return nil }
        return .redirect(to: "/step-up?next=\(SecondFactorRoutes.encoded(returnTo))")
    }
}
