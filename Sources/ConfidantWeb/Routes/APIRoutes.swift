import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The JSON API under `/api/v1`, described in `openapi.yaml`.
struct APIRoutes: RouteRegistration {
    let environment: WebEnvironment

    struct SessionStatus: Encodable {
        let signedIn: Bool
        let user: UserJSON?
        /// Send this as `X-CSRF-Token` with state-changing calls made with the session cookie.
        let csrfToken: String?
    }

    struct NewUser: Decodable {
        let name: String
        let email: String
        let role: String
    }

    struct CreatedUser: Encodable {
        let user: UserJSON
        /// The address the one-time set-password link was emailed to; none yet while the role waits for approval.
        let setPasswordLinkSentTo: String?
        /// Whether the role reads cases and waits for the designated safeguarding lead's approval.
        let waitingForApproval: Bool
    }

    func register(on routes: SecureRouter) {
        routes.get("/api/v1/session", access: .everyone) { _, context in
            try APIResponse.json(
                SessionStatus(
                    signedIn: context.user != nil, user: context.user.map(UserJSON.init), csrfToken: context.session?.csrfToken))
        }
        routes.get("/api/v1/users", access: .administrators) { _, _ in
            struct Users: Encodable { let users: [UserJSON] }
            return try APIResponse.json(Users(users: try await environment.users.all().map(UserJSON.init)))
        }
        routes.post("/api/v1/users", access: .administrators) { request, context in
            let body = try await APIResponse.decode(NewUser.self, from: request, context: context)
            let details = try AccountDetails(name: body.name, email: body.email)
            guard let role = UserRole(rawValue: body.role) else {
                throw WebError.badRequest(
                    "field `role`: \"\(body.role.prefix(40))\" is not one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let now = environment.clock()
            let grant = try await environment.accessRequests.createAccount(details, role: role, by: context.user, now: now)
            switch grant {
            case .granted(let user):
                // The link goes to the new account's own address; the caller never sees it.
                _ = try await environment.sendSetPasswordLink(to: user.id, now: now, by: context.actor)
                return try APIResponse.json(
                    CreatedUser(user: UserJSON(user), setPasswordLinkSentTo: user.email, waitingForApproval: false),
                    status: .created)
            case .waiting(let request):
                return try APIResponse.json(
                    CreatedUser(user: UserJSON(request.account), setPasswordLinkSentTo: nil, waitingForApproval: true), status: .created)
            }
        }
    }
}
