import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Account administration pages: administrators only, and nothing here shows case content.
struct UserAdminRoutes {
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

    struct IssuedLink: Sendable {
        let name: String
        let url: String
        let expires: String
    }

    struct UsersView {
        let chrome: PageChrome
        let users: [UserRow]
        let form: NewUserForm
        let notice: String?
        let issuedLink: IssuedLink?
        let errors: [FieldError]
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
            if let details, try await environment.users.find(email: details.email) != nil {
                errors.append(FieldError(field: "email", message: "An account with this email address already exists"))
            }
            guard let details, let role, errors.isEmpty else {
                return try await usersPage(context, name: form["name"], email: form["email"], role: role, errors: errors,
                                           status: .badRequest)
            }
            let now = environment.clock()
            let user = try await environment.users.create(details, role: role, passwordHash: nil, now: now, by: context.actor)
            return try await usersPage(context, notice: "\(user.name) can now sign in once they have chosen a password.",
                                       issuedLink: try await issueLink(for: user, now: now, by: context.actor), status: .created)
        }
        routes.post("/admin/users/{id}/role", access: .administrators) { request, context in
            let user = try await target(context)
            let form = try await FormFields.read(request, context: context)
            guard let role = UserRole(rawValue: form["role"]) else { throw WebError.badRequest("Choose a role from the list.") }
            _ = try await environment.users.setRole(id: user.id, role: role, now: environment.clock(), by: context.actor)
            return .redirect(to: "/admin/users?done=role")
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
            return try await usersPage(context, notice: nil, issuedLink: try await issueLink(for: user, now: now, by: context.actor))
        }
    }

    static let notices = [
        "role": "The role has been changed. It applies from the person's next page.",
        "disabled": "The account is disabled and its sessions have ended.",
        "enabled": "The account is enabled again.",
    ]

    /// The account named in the path; an administrator may not change their own role or disable themselves,
    /// so that an installation can never be left without one.
    func target(_ context: ConfidantRequestContext, allowSelf: Bool = false) async throws -> UserAccount {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text),
              let user = try await environment.users.find(id: id) else { throw WebError.notFound }
        if !allowSelf, user.id == context.user?.id {
            throw WebError.conflict("You cannot change your own role or disable your own account. Ask another administrator.")
        }
        return user
    }

    func issueLink(for user: UserAccount, now: Date, by actor: String) async throws -> IssuedLink {
        let lifetime = environment.configuration.setPasswordLinkLifetime
        let token = try await environment.links.issue(.setPassword, userID: user.id, now: now, validFor: lifetime, by: actor)
        let expires = now.addingTimeInterval(lifetime).formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
        return IssuedLink(name: user.name, url: environment.configuration.link("/set-password/\(token)"), expires: expires + " UTC")
    }

    static func roleOptions(selected: UserRole?) -> [RoleOption] {
        UserRole.allCases.map { RoleOption(value: $0.rawValue, label: $0.title, selected: $0 == selected) }
    }

    func usersPage(
        _ context: ConfidantRequestContext, name: String = "", email: String = "", role: UserRole? = .staff,
        notice: String? = nil, issuedLink: IssuedLink? = nil, errors: [FieldError] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let rows = try await environment.users.all().map { user in
            UserRow(
                id: user.id.uuidString, name: user.name, email: user.email,
                status: user.disabled ? "Disabled" : (user.hasPassword ? "Active" : "Waiting for password"),
                isSelf: user.id == context.user?.id, toggleAction: user.disabled ? "enable" : "disable",
                toggleLabel: user.disabled ? "Enable" : "Disable", roleOptions: Self.roleOptions(selected: user.role))
        }
        let view = UsersView(
            chrome: PageChrome(title: errors.isEmpty ? "Accounts" : "Error: Accounts", context: context, path: "/admin/users"),
            users: rows, form: NewUserForm(name: name, email: email, roleOptions: Self.roleOptions(selected: role ?? .staff)),
            notice: notice, issuedLink: issuedLink, errors: errors)
        return environment.pages.page("users", view, status: status)
    }
}
