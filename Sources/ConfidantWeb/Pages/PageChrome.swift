import ConfidantCore
import ConfidantStore

/// What the shared layout needs on every page: the title, who is signed in, and their navigation.
struct PageChrome: Sendable {
    struct NavigationLink: Sendable {
        let href: String
        let label: String
        let current: Bool
    }

    let title: String
    let signedIn: Bool
    let userName: String
    let roleTitle: String
    let csrfToken: String
    /// A fresh one-use token for the forms on this page (`SubmitOnceMiddleware`).
    let onceToken: String
    var navigation: [NavigationLink]
    /// How long an unused session lasts, so the page can warn before it ends.
    var idleSeconds: Int = 0
    /// What waits for a safeguarding lead (triage, approvals, advice, overdue tasks), as a badge ("1,000+" once a queue's
    /// count stops); nil for everyone else.
    var waiting: String?

    /// The chrome for `context`'s viewer; `path` marks the current navigation item.
    init(title: String, context: ConfidantRequestContext, path: String = "") {
        self.title = title
        let session = context.session
        self.signedIn = session != nil
        self.userName = session?.user.name ?? ""
        self.roleTitle = session?.user.role.title ?? ""
        self.csrfToken = session?.csrfToken ?? ""
        self.onceToken = session == nil ? "" : SecretToken.generate()
        // Until the second factor is proved or set up, every link would lead straight back: show none.
        let fullySignedIn = session?.stage == .signedIn
        self.navigation = (session.flatMap { fullySignedIn ? Self.links(for: $0.user.role) : nil } ?? []).map {
            NavigationLink(href: $0.href, label: $0.label, current: $0.href == path)
        }
    }

    /// The places each role can go; a link appears only where the route exists and the role may call it.
    static func links(for role: UserRole) -> [(href: String, label: String)] {
        var links: [(href: String, label: String)] = [("/home", "Home")]
        if RecordAccess.recorders.contains(role) {
            links.append(("/people", "People"))
            links.append(("/my-records", "My records"))
        }
        if role.isSafeguardingLead {
            links.append(("/triage", "Triage"))
            links.append(("/shares/approvals", "Approvals"))
            links.append(("/search", "Search records"))
        }
        if [.staff, .dsl, .deputyDSL, .partner].contains(role) { links.append(("/advice", "Advice")) }
        if RecordAccess.recorders.contains(role) || role == .partner { links.append(("/shares", "Shared with me")) }
        if RecordAccess.recorders.contains(role) { links.append(("/tasks", "Inform and involve")) }
        if [.admin, .dsl, .deputyDSL].contains(role) { links.append(("/agencies", "Partner agencies")) }
        if [.manager, .dsl, .deputyDSL].contains(role) { links.append(("/reports", "Reports")) }
        if [.manager, .dsl, .deputyDSL].contains(role) { links.append(("/breaches", "Data breaches")) }
        if RecordAccess.leads.contains(role) {
            links.append(("/subject-access", "Subject access"))
            links.append(("/retention", "Retention"))
            links.append(("/transfers", "Transfers"))
        }
        if role == .admin { links.append(("/admin/users", "Accounts")) }
        if role == .auditor { links.append(("/audit", "Audit log")) }
        links.append(("/policy", "Policy"))
        return links
    }
}

/// A field-level problem in a submitted form, linked from the error summary.
struct FieldError: Sendable {
    let field: String
    let message: String

    /// Each field's first message, keyed by the name its template shows it under: a radio group's
    /// options (`kind-child`) share one message (`kind`) when `group` names the group's prefix.
    static func byField(_ errors: [FieldError], groups: [String] = []) -> [String: String] {
        Dictionary(
            errors.map { error in (groups.first { error.field.hasPrefix($0 + "-") } ?? error.field, error.message) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Core's field problems, as the pages show them.
    static func from(_ problems: [RecordFieldError]) -> [FieldError] { problems.map { FieldError(field: $0.field, message: $0.message) } }

    /// A length limit as a message says it: "20,000 characters" (grouped, as people write numbers).
    static func characters(_ limit: Int) -> String { "\(limit.grouped) characters" }

    /// The same for a Core form's mistakes.
    static func byField(_ errors: [RecordFieldError], groups: [String] = []) -> [String: String] {
        byField(errors.map { FieldError(field: $0.field, message: $0.message) }, groups: groups)
    }
}
