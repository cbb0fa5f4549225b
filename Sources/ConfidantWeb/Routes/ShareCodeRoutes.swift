import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird
import Logging

/// Opening a share without an account: a partner contact who has none asks for a one-time code by
/// email (written to the outbox and a log line) and types it in. Public routes, so they say nothing
/// about whether a share exists beyond what the link holder already has.
struct ShareCodeRoutes: RouteRegistration {
    let environment: WebEnvironment

    struct View {
        let chrome: PageChrome
        let id: String
        let organisation: String
        let formToken: String
        let notice: String?
        let sections: [ShareSection]
        let purpose: String?
        let errors: [FieldError]
    }

    func register(on routes: SecureRouter) {
        routes.get("/shares/{id}/code", access: .everyone) { request, context in
            try page(request, context, notice: nil, errors: [], status: .ok)
        }
        routes.post("/shares/{id}/code", access: .everyone) { request, context in
            let id = try shareID(context)
            let link = environment.configuration.link("/shares/\(id)/code")
            let email = try await environment.shares.issueAccessCode(for: id, link: link, from: context.clientAddress, now: environment.clock())
            // The outbox is the hand-over to mail delivery; this line says an email is waiting, never the code.
            context.logger.notice("Email queued in outbox", metadata: ["to": "\(email.recipient)", "subject": "\(email.subject)"])
            return try page(
                request, context,
                notice: "We have emailed a code to the address we hold for you. It works once, for 15 minutes; codes sent earlier still work.",
                errors: [], status: .ok)
        }
        routes.post("/shares/{id}/code/open", access: .everyone) { request, context in
            let id = try shareID(context)
            let form = try await FormFields.read(request, context: context)
            let code = form["code"].trimmed
            guard code.count <= 20, !code.isEmpty else {
                return try page(
                    request, context, notice: nil, errors: [FieldError(field: "code", message: "Enter the 8-digit code from the email")],
                    status: .badRequest)
            }
            do {
                let share = try await environment.shares.openWithAccessCode(id, code: code, from: context.clientAddress, now: environment.clock())
                let view = View(
                    chrome: PageChrome(title: "Information shared with you", context: context), id: id.uuidString,
                    organisation: "MCT", formToken: "", notice: nil, sections: share.snapshot.sections,
                    purpose: share.snapshot.purpose.rawValue.replacingOccurrences(of: "_", with: " "), errors: [])
                return environment.pages.page(.shareCode, view)
            } catch ShareCodeError.invalidCode {
                return try page(
                    request, context, notice: nil,
                    errors: [
                        FieldError(
                            field: "code", message: "This code is not right, has been used, or has expired. Ask for a new one")
                    ], status: .badRequest)
            }
        }
    }

    func shareID(_ context: ConfidantRequestContext) throws -> UUID {
        try context.uuidParameter()
    }

    func page(
        _ request: Request, _ context: ConfidantRequestContext, notice: String?, errors: [FieldError],
        status: HTTPResponse.Status
    ) throws -> Response {
        let id = try shareID(context)
        let token = FormToken(request: request, secure: environment.configuration.secureCookies)
        let view = View(
            chrome: PageChrome(title: errors.isEmpty ? "Information shared with you" : "Error: Information shared with you", context: context),
            id: id.uuidString, organisation: "MCT", formToken: token.value, notice: notice, sections: [], purpose: nil, errors: errors)
        var response = environment.pages.page(.shareCode, view, status: status)
        token.apply(to: &response)
        return response
    }
}
