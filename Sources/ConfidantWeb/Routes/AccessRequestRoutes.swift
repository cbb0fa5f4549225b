import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The designated safeguarding lead decides who may read cases: roles an administrator asked for wait here.
struct AccessRequestRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let leads = RouteAccess.roles([.dsl])

    struct Row: Sendable {
        let id: String
        let name: String
        let email: String
        let role: String
        let requestedBy: String
        let requestedAt: String
        let ownRequest: Bool
        /// This request's form sent with mistakes: each message beside its field (`decision`, `reason`), and what was sent.
        var errorFor: [String: String]? = nil
        var approveChosen = false
        var refuseChosen = false
        var typedReason = ""
    }

    /// A decision sent with mistakes: on which request, what was chosen and typed.
    struct FailedDecision {
        let requestID: UUID
        let decision: String
        let reason: String
    }

    struct View {
        let chrome: PageChrome
        let requests: [Row]
        let notice: String?
        let errors: [FieldError]
    }

    func register(on routes: SecureRouter) {
        routes.get("/access-requests", access: Self.leads) { request, context in
            let notice = request.uri.queryParameters["done"].map {
                $0 == "approved"
                    ? "Approved. The person has been emailed a link to choose their password if they had none."
                    : "Refused. The account keeps the role it had."
            }
            return try await page(context, notice: notice, errors: [], status: .ok)
        }
        routes.post("/access-requests/{id}", access: Self.leads) { request, context in
            let lead = try context.signedInUser()
            let id = try context.uuidParameter()
            let form = try await FormFields.read(request, context: context)
            // Both mistakes at once, beside their fields, with what was sent given back.
            var errors: [FieldError] = []
            let approve: Bool? =
                switch form["decision"] {
                case "approve": true
                case "refuse": false
                default: nil
                }
            if approve == nil { errors.append(FieldError(field: "decision-\(id)-approve", message: "Choose approve or refuse")) }
            if form["reason"].trimmed.isEmpty {
                errors.append(FieldError(field: "reason-\(id)", message: "Give a reason for the decision: it goes in the audit log"))
            }
            guard errors.isEmpty, let approve else {
                return try await page(
                    context, notice: nil, errors: errors, status: .badRequest,
                    failed: FailedDecision(requestID: id, decision: form["decision"], reason: form["reason"]))
            }
            if let redirect = environment.needsStepUp(context, returnTo: "/access-requests") { return redirect }
            let now = environment.clock()
            let decided = try await environment.accessRequests.decide(id, approve: approve, reason: form["reason"], by: lead, now: now)
            if approve, !decided.account.hasPassword {
                _ = try await environment.sendSetPasswordLink(to: decided.account.id, now: now, by: AuditName.user(lead.id))
            }
            return .redirect(to: "/access-requests?done=\(approve ? "approved" : "refused")")
        }
    }

    func page(
        _ context: ConfidantRequestContext, notice: String?, errors: [FieldError], status: HTTPResponse.Status, failed: FailedDecision? = nil
    ) async throws -> Response {
        let lead = try context.signedInUser()
        let names = Dictionary(try await environment.users.all().map { (AuditName.user($0.id), $0.name) }, uniquingKeysWith: { a, _ in a })
        var rows = try await environment.accessRequests.waiting().map { request in
            Row(
                id: request.id.uuidString, name: request.account.name, email: request.account.email, role: request.role.title,
                requestedBy: names[request.requestedBy] ?? (request.requestedBy == AuditName.system ? "the command line" : request.requestedBy),
                requestedAt: RecordRoutes.format(request.requestedAt),
                ownRequest: request.requesterID == lead.id)
        }
        if let failed, let index = rows.firstIndex(where: { $0.id == failed.requestID.uuidString }) {
            rows[index].errorFor = FieldError.byField(errors, groups: ["decision"]).reduce(into: [:]) { fields, entry in
                fields[entry.key.hasPrefix("reason-") ? "reason" : entry.key] = entry.value
            }
            rows[index].approveChosen = failed.decision == "approve"
            rows[index].refuseChosen = failed.decision == "refuse"
            rows[index].typedReason = failed.reason
        }
        let title = errors.isEmpty ? "Who may read cases" : "Error: Who may read cases"
        let view = View(
            chrome: try await environment.chrome(title, context, path: "/access-requests"), requests: rows,
            notice: notice, errors: errors)
        return environment.pages.page(.accessRequests, view, status: status)
    }
}
