/// Who must prove a second factor (an authenticator app's code) after their password.
///
/// Every role that can read all cases, change who may, or see the whole log must: a stolen
/// password alone then opens nothing. For staff and partners it is offered and optional.
public enum SecondFactorRule {
    public static func isRequired(for role: UserRole) -> Bool {
        switch role {
        case .dsl, .deputyDSL, .manager, .admin, .auditor: true
        case .staff, .partner: false
        }
    }

    /// Recovery codes given at enrolment, each usable once.
    public static let recoveryCodeCount = 10
    /// How long a step-up (password and code again) covers sensitive actions.
    public static let stepUpLifetime: Double = 5 * 60
    /// How long someone has to type their code after their password.
    public static let codeStageLifetime: Double = 10 * 60
}

/// How far a browser session has got: a password alone leaves it owing a second factor.
public enum SessionStage: String, Sendable, Codable {
    /// Fully signed in.
    case signedIn = "signed_in"
    /// The password was right; the authenticator code is still owed.
    case needsCode = "needs_code"
    /// The password was right; the role needs a second factor that is not set up yet.
    case needsEnrolment = "needs_enrolment"
}
