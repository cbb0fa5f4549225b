import ConfidantCore

/// Who may call a route. Every route states one; there is no default, so nothing is open by accident.
public enum RouteAccess: Sendable, Equatable {
    /// Anyone, signed in or not: sign-in, setup links, health, static files, public pages.
    case everyone
    /// Only signed-in people whose role is in the set.
    case roles(Set<UserRole>)

    /// Any signed-in person, whatever their role.
    public static let anySignedIn = RouteAccess.roles(Set(UserRole.allCases))
    /// Administrators only.
    public static let administrators = RouteAccess.roles([.admin])

    /// Whether `user` may call the route.
    public func allows(_ user: UserAccount?) -> Bool {
        switch self {
        case .everyone: true
        case .roles(let roles): user.map { $0.canSignIn && roles.contains($0.role) } ?? false
        }
    }
}

/// A route as registered, with its access rule: the table the route-walk test checks.
public struct DeclaredRoute: Sendable, Hashable {
    public let method: String
    public let path: String
    public let access: RouteAccess
    /// Whether the route returns case content, so it must write a `case_read` event first.
    public let returnsCaseContent: Bool
    /// Whether someone who has not yet acknowledged the current policy may call it (the induction, signing out).
    public let beforeInduction: Bool

    public static func == (a: DeclaredRoute, b: DeclaredRoute) -> Bool { a.method == b.method && a.path == b.path }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
    }
}
