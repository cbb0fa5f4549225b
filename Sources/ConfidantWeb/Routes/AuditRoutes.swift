import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The auditors' searchable log and integrity check, and "who has seen this record" for safeguarding leads.
struct AuditRoutes: RouteRegistration {
    let environment: WebEnvironment
    let verifierKey: AuditVerifierKey?

    struct ActionOption: Sendable { let value: String; let label: String; let selected: Bool }
    struct Filters: Sendable { let actor: String; let target: String; let from: String; let to: String }
    struct EventRow: Sendable {
        let sequence: UInt64
        let time: String
        let actor: String
        let action: String
        let target: String
        let detail: String
    }
    struct Verification: Sendable { let summary: String; let state: String }

    struct AuditLogView {
        let chrome: PageChrome
        let size: UInt64
        let verifierKey: String
        let verification: Verification?
        let filters: Filters
        let actions: [ActionOption]
        let events: [EventRow]
        let resultCaption: String
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    struct ViewerRow: Sendable {
        let name: String
        let firstSeen: String
        let lastSeen: String
        let count: Int
        let how: String
    }

    struct SeenByView {
        let chrome: PageChrome
        let target: String
        let viewers: [ViewerRow]
    }

    /// Only auditors search the whole log: it names who did what, though never what a record says.
    static let auditors = RouteAccess.roles([.auditor])
    /// Safeguarding leads see who has opened the records they are responsible for; auditors too.
    static let leadsAndAuditors = RouteAccess.roles([.dsl, .deputyDSL, .auditor])

    func register(on routes: SecureRouter) {
        routes.get("/audit", access: Self.auditors) { request, context in
            try await logPage(request, context, verification: nil)
        }
        routes.post("/audit/verify", access: Self.auditors) { request, context in
            let result = try await environment.audit.verify(key: verifierKey)
            let verification = Verification(summary: result.summary, state: result.isIntact ? "verified" : "tampered")
            return try await logPage(request, context, verification: verification)
        }
        routes.get("/audit/seen-by", access: Self.leadsAndAuditors) { request, context in
            guard let target = request.uri.queryParameters["target"].map(String.init), !target.isEmpty, target.count <= 200 else {
                throw WebError.badRequest("Say which record: /audit/seen-by?target=<record>.")
            }
            let names = try await actorNames()
            let viewers = try await environment.audit.viewers(of: target).map { viewer in
                ViewerRow(
                    name: names[viewer.actor] ?? viewer.actor, firstSeen: AuditTime.iso8601(milliseconds: viewer.firstSeen),
                    lastSeen: AuditTime.iso8601(milliseconds: viewer.lastSeen), count: viewer.count,
                    how: viewer.actions.map(\.rawValue).joined(separator: ", "))
            }
            return environment.pages.page(
                .seenBy,
                SeenByView(
                    chrome: PageChrome(title: "Who has seen this record", context: context),
                    target: target, viewers: viewers))
        }
    }

    func logPage(_ request: Request, _ context: ConfidantRequestContext, verification: Verification?) async throws -> Response {
        let query = request.uri.queryParameters
        let text = { (name: String) -> String in
            String((query[Substring(name)].map(String.init) ?? "").prefix(200)).trimmingCharacters(in: .whitespaces)
        }
        let filters = Filters(actor: text("actor"), target: text("target"), from: text("from"), to: text("to"))
        let action = text("action")
        var errors: [FieldError] = []
        let from = Self.day(filters.from, field: "from", errors: &errors)
        let to = Self.day(filters.to, field: "to", errors: &errors).map { $0 + 24 * 60 * 60 * 1000 - 1 }
        var actorID: String?
        if !filters.actor.isEmpty {
            if let user = try await environment.users.find(email: filters.actor) {
                actorID = AuditName.user(user.id)
            } else {
                actorID = filters.actor
            }
        }
        let events =
            errors.isEmpty
            ? try await environment.audit.search(
                actor: actorID, action: action.isEmpty ? nil : action, target: filters.target.isEmpty ? nil : filters.target,
                from: from, to: to, limit: 200)
            : []
        let names = try await actorNames()
        let rows = events.map { event in
            EventRow(
                sequence: event.sequence, time: AuditTime.iso8601(milliseconds: event.time),
                actor: names[event.actor] ?? event.actor, action: event.action.rawValue, target: event.target,
                detail: event.detail)
        }
        let view = AuditLogView(
            chrome: PageChrome(title: errors.isEmpty ? "Audit log" : "Error: Audit log", context: context, path: "/audit"),
            size: try await environment.audit.head().size, verifierKey: verifierKey?.text ?? "none configured",
            verification: verification, filters: filters,
            actions: AuditAction.allCases.map { ActionOption(value: $0.rawValue, label: Self.words($0.rawValue), selected: $0.rawValue == action) },
            events: rows, resultCaption: rows.count == 200 ? "The newest 200 matching events" : "\(rows.count) matching events, newest first",
            errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.auditLog, view, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// Account ids to "Name <email>", so auditors read people, not identifiers.
    func actorNames() async throws -> [String: String] {
        var names: [String: String] = [:]
        for user in try await environment.users.all() { names[AuditName.user(user.id)] = "\(user.name) <\(user.email)>" }
        return names
    }

    /// An action's name as words a person reads ("sign_in_failed" → "Sign in failed").
    static func words(_ action: String) -> String {
        let spaced = action.replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }

    /// Milliseconds at the start of a day (UTC) typed as people write it (24/11/2026, 2026-11-24), or an error on the field.
    static func day(_ text: String, field: String, errors: inout [FieldError]) -> Int64? {
        guard !text.isEmpty else { return nil }
        guard let day = CalendarDay(typed: text) else {
            errors.append(FieldError(field: field, message: "Enter the \(field) date like 24/11/2026 or 2026-11-24"))
            return nil
        }
        return AuditClock.milliseconds(day.start)
    }
}
