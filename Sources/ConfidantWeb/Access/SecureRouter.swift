import ConfidantCore
import Foundation
import Hummingbird

/// The only way routes are added: each states who may call it, and the rule is enforced before its handler runs.
///
/// Deny by default: a request that matches no declared route is a 404, and the access check
/// wraps every handler, so a route cannot exist without a rule.
public final class SecureRouter {
    public typealias Handler = @Sendable (Request, ConfidantRequestContext) async throws -> Response

    /// Answers whether a signed-in person must acknowledge the current policy before anything else.
    public typealias InductionGate = @Sendable (UserAccount) async throws -> Bool

    let router: Router<ConfidantRequestContext>
    let inductionGate: InductionGate
    /// Every route registered so far, with its access rule.
    public private(set) var declared: [DeclaredRoute] = []

    init(router: Router<ConfidantRequestContext>, inductionGate: @escaping InductionGate) {
        self.router = router
        self.inductionGate = inductionGate
    }

    /// Registers `handler` for `method` on `path`, callable only as `access` allows.
    ///
    /// A signed-in person who has not acknowledged the current policy is sent to it from every
    /// route except the few marked `beforeInduction` (the induction itself, signing out).
    ///
    /// A session whose password was right but which still owes a second factor reaches only the
    /// routes that accept its stage (the code page, setting up an authenticator, signing out).
    public func on(
        _ path: String, method: HTTPRequest.Method, access: RouteAccess, returnsCaseContent: Bool = false,
        beforeInduction: Bool = false, stages: Set<SessionStage> = [.signedIn], handler: @escaping Handler
    ) {
        declared.append(
            DeclaredRoute(
                method: method.rawValue, path: path, access: access,
                returnsCaseContent: returnsCaseContent, beforeInduction: beforeInduction))
        let gate = inductionGate
        let isAPI = path.hasPrefix("/api/")
        router.on(RouterPath(path), method: method) { request, context in
            guard access.allows(context.user) else {
                throw context.user == nil ? WebError.signInRequired : WebError.forbidden
            }
            if case .roles = access, let stage = context.session?.stage, !stages.contains(stage) {
                guard request.method == .get, !isAPI else { throw WebError.secondFactorRequired }
                let next = request.uri.string.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return Response.redirect(to: (stage == .needsCode ? "/sign-in/code" : "/account/second-factor") + "?next=\(next)")
            }
            if case .roles = access, !beforeInduction, let user = context.user, try await Self.owesAcknowledgement(user, context, gate) {
                // A page is replaced by the policy; an API call is told why it is refused.
                if context.session != nil, !isAPI {
                    // A page they were opening is where they continue afterwards.
                    guard request.method == .get, let next = request.uri.string.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
                    else { return Response.redirect(to: "/induction") }
                    return Response.redirect(to: "/induction?next=\(next)")
                }
                throw WebError.policyNotAcknowledged
            }
            return try await handler(request, context)
        }
    }

    /// Whether `user` must acknowledge the published policy first: a browser's session already says (it was read
    /// in the same statement); an API token asks.
    static func owesAcknowledgement(
        _ user: UserAccount, _ context: ConfidantRequestContext, _ gate: InductionGate
    ) async throws -> Bool {
        if let session = context.session { return session.owesPolicyAcknowledgement }
        return try await gate(user)
    }

    public func get(
        _ path: String, access: RouteAccess, returnsCaseContent: Bool = false, beforeInduction: Bool = false,
        stages: Set<SessionStage> = [.signedIn], handler: @escaping Handler
    ) {
        on(
            path, method: .get, access: access, returnsCaseContent: returnsCaseContent, beforeInduction: beforeInduction,
            stages: stages, handler: handler)
    }

    public func post(
        _ path: String, access: RouteAccess, beforeInduction: Bool = false, stages: Set<SessionStage> = [.signedIn],
        handler: @escaping Handler
    ) {
        on(path, method: .post, access: access, beforeInduction: beforeInduction, stages: stages, handler: handler)
    }
}
