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
        /// Once opened: what the share says about itself (from, to, why, on what basis, the decision) and what it sent.
        let opened: Bool
        let facts: [ShareField]
        let sections: [ShareRoutes.SectionView]
        /// When the page's files stop opening (the pass's end), when it sent any.
        let filesOpenUntil: String?
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    /// What a recipient reads about a share before its content, the same facts the share page gives a signed-in
    /// recipient: never the organisation's own obligations or the policy's rule ids.
    func recipientFacts(of share: Share) async throws -> [ShareField] {
        let names = try await environment.users.names()
        let snapshot = share.snapshot
        var facts: [ShareField] = []
        let organisation = environment.configuration.organisation.name
        if !organisation.isEmpty { facts.append(ShareField("From", organisation)) }
        facts.append(ShareField("To", snapshot.recipient))
        facts.append(ShareField("Purpose", ShareRoutes.label(snapshot.purpose)))
        facts.append(ShareField("Reason", snapshot.reason))
        facts.append(ShareField("Form", ShareRoutes.label(snapshot.form)))
        facts.append(ShareField("Lawful basis", ShareRoutes.basis(of: share)))
        facts.append(ShareField("Shared by", "\(names[share.proposerID] ?? "unknown"), \(ShareRoutes.spoken(share.createdAt))"))
        if let approval = share.approval {
            facts.append(
                ShareField(
                    "Decision",
                    "Approved by \(names[approval.leadID] ?? "a safeguarding lead") on \(ShareRoutes.spoken(approval.at)): \(approval.reason)"))
        }
        if let expiresAt = share.expiresAt { facts.append(ShareField("This link works until", ShareRoutes.spoken(expiresAt))) }
        return facts
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
                let opened = try await environment.shares.openWithAccessCode(id, code: code, from: context.clientAddress, now: environment.clock())
                let share = opened.share
                let sections = ShareRoutes(environment: environment).sectionViews(share.snapshot.sections, link: ShareRoutes.fileLink(share: id))
                let view = View(
                    chrome: PageChrome(title: "Information shared with you", context: context), id: id.uuidString,
                    organisation: organisationName, formToken: "", notice: nil, opened: true, facts: try await recipientFacts(of: share),
                    sections: sections, filesOpenUntil: sections.contains { !$0.files.isEmpty } ? ShareRoutes.spoken(opened.passExpiresAt) : nil,
                    errors: [], errorFor: [:])
                var response = environment.pages.page(.shareCode, view)
                // The pass opens this share's files from this browser, for an hour; it goes nowhere else.
                response.setCookie(
                    Cookie(
                        name: ShareRoutes.passCookie, value: opened.pass, maxAge: Int(ShareStore.passLifetime), path: "/shares/\(id)/files",
                        secure: environment.configuration.secureCookies, httpOnly: true, sameSite: .strict))
                return response
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

    /// The organisation as the page names it: its configured name, or a plain description when none is set.
    var organisationName: String {
        let name = environment.configuration.organisation.name
        return name.isEmpty ? "A safeguarding organisation" : name
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
            id: id.uuidString, organisation: organisationName, formToken: token.value, notice: notice, opened: false, facts: [], sections: [],
            filesOpenUntil: nil, errors: errors, errorFor: FieldError.byField(errors))
        var response = environment.pages.page(.shareCode, view, status: status)
        token.apply(to: &response)
        return response
    }
}
