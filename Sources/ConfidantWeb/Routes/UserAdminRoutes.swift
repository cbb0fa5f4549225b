import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Account administration pages: administrators only, and nothing here shows case content.
struct UserAdminRoutes: RouteRegistration {
    let environment: WebEnvironment

    struct RoleOption: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct UserRow: Sendable {
        let id: String
        let name: String
        let email: String
        let status: String
        let isSelf: Bool
        let toggleAction: String
        let toggleLabel: String
        let roleOptions: [RoleOption]
    }

    struct NewUserForm: Sendable {
        let name: String
        let email: String
        let roleOptions: [RoleOption]
    }

    /// A set-password link just emailed: to whom, and until when it works (never the link itself).
    struct SentLink: Sendable {
        let name: String
        let email: String
        let expires: String
    }

    /// An email not yet delivered, as an administrator may see it.
    struct WaitingEmail: Sendable {
        let recipient: String
        let subject: String
        let queued: String
        let state: String
    }

    struct UsersView {
        let chrome: PageChrome
        let users: [UserRow]
        let form: NewUserForm
        let notice: String?
        let sentLink: SentLink?
        let mailConfigured: Bool
        let waitingEmail: [WaitingEmail]
        let errors: [FieldError]
        let errorFor: [String: String]
    }

    func register(on routes: SecureRouter) {
        routes.get("/admin/users", access: .administrators) { request, context in
            let notice = request.uri.queryParameters["done"].map { Self.notices[String($0)] ?? "" }
            return try await usersPage(context, notice: notice)
        }
        routes.post("/admin/users", access: .administrators) { request, context in
            let form = try await FormFields.read(request, context: context)
            var (details, errors) = AccountForm.details(form)
            let role = UserRole(rawValue: form["role"])
            if role == nil { errors.append(FieldError(field: "role", message: "Choose a role from the list")) }
            guard let details, let role, errors.isEmpty else {
                return try await usersPage(
                    context, name: form["name"], email: form["email"], role: role, errors: errors,
                    status: .badRequest)
            }
            let now = environment.clock()
            let grant: RoleGrant
            do {
                grant = try await environment.accessRequests.createAccount(details, role: role, by: context.user, now: now)
            } catch StoreError.duplicateEmail {
                // Shown beside the field with what was typed, not as an error page.
                return try await usersPage(
                    context, name: form["name"], email: form["email"], role: role,
                    errors: [FieldError(field: "email", message: "An account with this email address already exists")], status: .badRequest)
            }
            switch grant {
            case .granted(let user):
                return try await usersPage(
                    context, notice: "\(user.name) can sign in once they have chosen a password.",
                    sentLink: try await sendLink(to: user, now: now, by: context.actor), status: .created)
            case .waiting(let request):
                return try await usersPage(context, notice: Self.waitingNotice(request), status: .created)
            }
        }
        routes.post("/admin/users/{id}/role", access: .administrators) { request, context in
            let user = try await target(context)
            let form = try await FormFields.read(request, context: context)
            guard let role = UserRole(rawValue: form["role"]) else { throw WebError.badRequest("Choose a role from the list.") }
            if let redirect = environment.needsStepUp(context, returnTo: "/admin/users") { return redirect }
            switch try await environment.accessRequests.requestRole(role, for: user.id, by: context.user, now: environment.clock()) {
            case .granted: return .redirect(to: "/admin/users?done=role")
            case .waiting: return .redirect(to: "/admin/users?done=role-requested")
            }
        }
        routes.post("/admin/users/{id}/disable", access: .administrators) { _, context in
            let user = try await target(context)
            _ = try await environment.users.setDisabled(id: user.id, true, now: environment.clock(), by: context.actor)
            return .redirect(to: "/admin/users?done=disabled")
        }
        routes.post("/admin/users/{id}/enable", access: .administrators) { _, context in
            let user = try await target(context)
            _ = try await environment.users.setDisabled(id: user.id, false, now: environment.clock(), by: context.actor)
            return .redirect(to: "/admin/users?done=enabled")
        }
        routes.post("/admin/users/{id}/password-link", access: .administrators) { _, context in
            let user = try await target(context, allowSelf: true)
            let now = environment.clock()
            return try await usersPage(context, notice: nil, sentLink: try await sendLink(to: user, now: now, by: context.actor))
        }
    }

    static let notices = [
        "role": "The role has been changed. It applies from the person's next page.",
        "role-requested":
            "A role that reads cases applies only once the designated safeguarding lead approves it. They have been asked; until then the account keeps its current role.",
        "disabled": "The account is disabled and its sessions have ended.",
        "enabled": "The account is enabled again.",
    ]

    /// The account named in the path; an administrator may not change their own role or disable themselves,
    /// so that an installation can never be left without one.
    func target(_ context: ConfidantRequestContext, allowSelf: Bool = false) async throws -> UserAccount {
        let id = try context.uuidParameter()
        guard let user = try await environment.users.find(id: id) else { throw WebError.notFound }
        if !allowSelf, user.id == context.user?.id {
            throw WebError.conflict("You cannot change your own role or disable your own account. Ask another administrator.")
        }
        return user
    }

    /// What an administrator is told when a new account waits for a lead.
    static func waitingNotice(_ request: AccessRequest) -> String {
        "\(request.account.name)'s account waits for the designated safeguarding lead to approve the role "
            + "\(request.role.title.lowercased()), because it reads cases. Once it is approved, a set-password link is emailed to them."
    }

    /// Emails a set-password link to the account's own address; the administrator learns only that it was sent.
    func sendLink(to user: UserAccount, now: Date, by actor: String) async throws -> SentLink {
        let expires = try await environment.sendSetPasswordLink(to: user.id, now: now, by: actor)
        let text = expires.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
        return SentLink(name: user.name, email: user.email, expires: text + " UTC")
    }

    static func waiting(_ email: OutboxWaiting) -> WaitingEmail {
        let state =
            email.gaveUp
            ? "Not delivered; Confidant has stopped trying: \(email.lastError ?? "the relay refused it")"
            : email.attempts == 0 ? "Waiting" : "Tried \(email.attempts) time\(email.attempts == 1 ? "" : "s"): \(email.lastError ?? "")"
        return WaitingEmail(
            recipient: email.recipient, subject: email.subject,
            queued: email.queuedAt.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)) + " UTC",
            state: state)
    }

    static func roleOptions(selected: UserRole?) -> [RoleOption] {
        UserRole.allCases.map { RoleOption(value: $0.rawValue, label: $0.title, selected: $0 == selected) }
    }

    func usersPage(
        _ context: ConfidantRequestContext, name: String = "", email: String = "", role: UserRole? = .staff,
        notice: String? = nil, sentLink: SentLink? = nil, errors: [FieldError] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let rows = try await environment.users.all().map { user in
            UserRow(
                id: user.id.uuidString, name: user.name, email: user.email,
                status: user.disabled
                    ? "Disabled"
                    : user.awaitingApproval
                        ? "Waiting for a safeguarding lead's approval"
                        : (user.hasPassword ? "Active" : "Waiting for password"),
                isSelf: user.id == context.user?.id, toggleAction: user.disabled ? "enable" : "disable",
                toggleLabel: user.disabled ? "Enable" : "Disable", roleOptions: Self.roleOptions(selected: user.role))
        }
        let view = UsersView(
            chrome: PageChrome(title: errors.isEmpty ? "Accounts" : "Error: Accounts", context: context, path: "/admin/users"),
            users: rows, form: NewUserForm(name: name, email: email, roleOptions: Self.roleOptions(selected: role ?? .staff)),
            notice: notice, sentLink: sentLink, mailConfigured: environment.configuration.mailConfigured,
            waitingEmail: try await environment.outbox.waiting().map(Self.waiting), errors: errors,
            errorFor: FieldError.byField(errors))
        return environment.pages.page(.users, view, status: status)
    }
}
