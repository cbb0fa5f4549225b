import Hummingbird

/// What went wrong with a request, in words for the person who made it; mapped to a status once, here.
public enum WebError: Error, Equatable {
    case signInRequired
    case forbidden
    case notFound
    case badRequest(String)
    case formExpired
    case unsupportedMediaType
    case tooManyAttempts(seconds: Int)
    case payloadTooLarge(limit: Int)
    case conflict(String)
    case serviceUnavailable
    /// The password was right but the second factor is still owed (or not set up).
    case secondFactorRequired
    /// A sensitive action needs the password and second factor again (step-up).
    case stepUpRequired
    /// Confidant is checking too many passwords at once; try again in a moment.
    case busy(seconds: Int)
    /// A signed-in person must acknowledge the current policy before anything else (API clients see this; browsers are taken there).
    case policyNotAcknowledged
    /// A fault in Confidant itself, not in the request; logged with detail, shown without.
    case unexpected

    /// The HTTP status the error is answered with.
    public var status: HTTPResponse.Status {
        switch self {
        case .signInRequired: .unauthorized
        case .forbidden, .formExpired, .policyNotAcknowledged, .secondFactorRequired, .stepUpRequired: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .unsupportedMediaType: .unsupportedMediaType
        case .tooManyAttempts: .tooManyRequests
        case .payloadTooLarge: .contentTooLarge
        case .conflict: .conflict
        case .serviceUnavailable, .busy: .serviceUnavailable
        case .unexpected: .internalServerError
        }
    }

    /// A short title for the error page.
    public var title: String {
        switch self {
        case .signInRequired: "Sign in to continue"
        case .forbidden: "You cannot open this page"
        case .formExpired: "This form has expired"
        case .notFound: "Page not found"
        case .badRequest: "Something in the request is not right"
        case .unsupportedMediaType: "This kind of content is not accepted"
        case .tooManyAttempts: "Too many attempts"
        case .payloadTooLarge: "What you sent is too large"
        case .conflict: "This conflicts with what is already there"
        case .serviceUnavailable: "Confidant cannot reach its database"
        case .busy: "Confidant is busy"
        case .policyNotAcknowledged: "Read the confidentiality policy first"
        case .secondFactorRequired: "Finish signing in"
        case .stepUpRequired: "Confirm it is you"
        case .unexpected: "Something went wrong in Confidant"
        }
    }

    /// What happened and what to do next.
    public var message: String {
        switch self {
        case .signInRequired: "You need to sign in first."
        case .forbidden: "Your role does not give access to this. If you need it for your work, ask your safeguarding lead."
        case .formExpired: "For your safety, forms stop working after a while or when you sign out. Go back, reload the page and try again."
        case .notFound: "There is nothing at this address. Check it, or go to your home page."
        case .badRequest(let why): why
        case .unsupportedMediaType: "Send forms as application/x-www-form-urlencoded and API requests as application/json."
        case .tooManyAttempts(let seconds):
            "There have been too many failed attempts. Wait \(seconds) second\(seconds == 1 ? "" : "s") and try again."
        case .payloadTooLarge(let limit): "The most Confidant accepts in one request is \(limit / 1024) KiB."
        case .conflict(let why): why
        case .serviceUnavailable: "Try again in a minute. If it goes on, tell your administrator."
        case .busy(let seconds): "Many people are signing in at this moment. Wait \(seconds) seconds and try again."
        case .secondFactorRequired: "Enter the code from your authenticator app, or set one up, before anything else."
        case .stepUpRequired: "This needs your password and authenticator code again. Confirm them, then repeat what you were doing."
        case .policyNotAcknowledged:
            "Sign in to Confidant in a browser, read the current confidentiality policy and acknowledge it. Until then nothing else is open to this account."
        case .unexpected: "Nothing you did caused this. Nothing was half-saved. Try again; if it goes on, tell your administrator."
        }
    }

    /// Seconds a client should wait before trying again (the `Retry-After` header), when there is a wait.
    public var retryAfter: Int? {
        switch self {
        case .tooManyAttempts(let seconds), .busy(let seconds): max(1, seconds)
        default: nil
        }
    }

    /// A stable word for API clients.
    public var code: String {
        switch self {
        case .signInRequired: "sign_in_required"
        case .forbidden: "forbidden"
        case .formExpired: "csrf_token_invalid"
        case .notFound: "not_found"
        case .badRequest: "bad_request"
        case .unsupportedMediaType: "unsupported_media_type"
        case .tooManyAttempts: "too_many_attempts"
        case .payloadTooLarge: "payload_too_large"
        case .conflict: "conflict"
        case .serviceUnavailable: "service_unavailable"
        case .busy: "busy"
        case .policyNotAcknowledged: "policy_not_acknowledged"
        case .secondFactorRequired: "second_factor_required"
        case .stepUpRequired: "step_up_required"
        case .unexpected: "internal_error"
        }
    }
}
