import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The register of partner agencies and their contacts, kept by administrators and safeguarding leads (docs/sharing.md).
struct AgencyRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let keepers = RouteAccess.roles([.admin, .dsl, .deputyDSL])
    /// Who may name a contact: a contact's address is where shares and one-time codes go, so an
    /// administrator who could add one could have a share sent to a mailbox they hold.
    static let contactKeepers = RouteAccess.roles([.dsl, .deputyDSL])

    struct ContactRow: Sendable { let name: String; let email: String; let hasAccount: Bool }
    struct AgencyRow: Sendable {
        let id: String
        let name: String
        let type: String
        let agreementReference: String
        let agreementReviewDate: String
        let contacts: [ContactRow]
        /// The contact form as sent, with its messages, when it was this agency's form that had a mistake.
        let contactForm: ContactForm?
    }
    /// A contact form sent with a mistake: what was typed and each field's message.
    struct ContactForm: Sendable {
        let name: String
        let email: String
        let errors: [FieldError]
        let errorFor: [String: String]
    }
    struct FormValues: Sendable { let name, agreementReference, agreementReviewDate: String }
    struct View {
        let chrome: PageChrome
        let agencies: [AgencyRow]
        let types: [Option]
        let form: FormValues
        let errors: [FieldError]
        let errorFor: [String: String]
        /// Only safeguarding leads name contacts (see `contactKeepers`).
        let mayAddContacts: Bool
    }

    func register(on routes: SecureRouter) {
        routes.get("/agencies", access: Self.keepers) { _, context in
            try await page(
                context, form: FormValues(name: "", agreementReference: "", agreementReviewDate: ""), type: nil,
                errors: [], status: .ok)
        }
        routes.post("/agencies", access: Self.keepers) { request, context in
            guard let user = context.user else { throw WebError.signInRequired }
            let form = try await FormFields.read(request, context: context)
            let type = AgencyType(rawValue: form["type"])
            // A browser without a date input sends the day as it was typed (24/11/2026); it is kept as YYYY-MM-DD.
            let reviewDate = form["agreement_review_date"].trimmed
            let agency = PartnerAgency(
                id: UUID(), name: form["name"].trimmed, type: type ?? .other,
                agreementReference: form["agreement_reference"].trimmed,
                agreementReviewDate: CalendarDay(typed: reviewDate)?.iso ?? reviewDate)
            var errors = agency.problems().map { FieldError(field: $0.field, message: $0.message) }
            if type == nil {
                // In the order of the form: after the name, before the agreement.
                let place = errors.firstIndex { $0.field != "name" } ?? errors.endIndex
                errors.insert(FieldError(field: "type-childrens_social_care", message: "Choose the kind of agency"), at: place)
            }
            guard errors.isEmpty else {
                return try await page(
                    context,
                    form: FormValues(
                        name: agency.name, agreementReference: agency.agreementReference,
                        agreementReviewDate: agency.agreementReviewDate),
                    type: type, errors: errors, status: .badRequest)
            }
            _ = try await environment.shares.createAgency(agency, by: user.id, now: environment.clock())
            return .redirect(to: "/agencies")
        }
        routes.post("/agencies/{id}/contacts", access: Self.contactKeepers) { request, context in
            guard let user = context.user else { throw WebError.signInRequired }
            let id = try context.uuidParameter()
            let form = try await FormFields.read(request, context: context)
            let name = form["name"].trimmed
            let email = AgencyContact.normalised(form["email"])
            let errors = Self.contactProblems(name: name, email: email)
            guard errors.isEmpty else {
                // The summary links to this agency's own fields (`contact-name-<agency>`); the messages sit beside them.
                let contactForm = ContactForm(
                    name: name, email: form["email"].trimmed,
                    errors: errors.map { FieldError(field: "contact-\($0.field)-\(id.uuidString)", message: $0.message) },
                    errorFor: FieldError.byField(errors))
                return try await page(
                    context, form: FormValues(name: "", agreementReference: "", agreementReviewDate: ""), type: nil, errors: [],
                    contactForm: (id, contactForm), status: .badRequest)
            }
            _ = try await environment.shares.addContact(to: id, name: name, email: email, by: user.id, now: environment.clock())
            return .redirect(to: "/agencies")
        }
    }

    /// The contact form's mistakes, by field (`name`, `email`); the address is checked as an account's is.
    static func contactProblems(name: String, email: String) -> [FieldError] {
        var errors: [FieldError] = []
        if name.isEmpty { errors.append(FieldError(field: "name", message: "Enter the contact's name")) }
        if name.exceedsLimit(200) { errors.append(FieldError(field: "name", message: "Keep the name to 200 characters")) }
        if email.utf8.count > 254 || !AccountDetails.looksLikeEmail(email) {
            errors.append(FieldError(field: "email", message: "Enter the contact's email address, for example name@agency.example"))
        }
        return errors
    }

    func page(
        _ context: ConfidantRequestContext, form: FormValues, type: AgencyType?, errors: [FieldError],
        contactForm: (agency: UUID, form: ContactForm)? = nil, status: HTTPResponse.Status
    ) async throws -> Response {
        let partnerEmails = Set(
            try await environment.users.all().filter { $0.role == .partner && !$0.disabled }.map {
                AgencyContact.normalised($0.email)
            })
        let rows = try await environment.shares.agencies().map { agency in
            AgencyRow(
                id: agency.id.uuidString, name: agency.name, type: agency.type.label, agreementReference: agency.agreementReference,
                agreementReviewDate: agency.agreementReviewDate,
                contacts: agency.contacts.map { ContactRow(name: $0.name, email: $0.email, hasAccount: partnerEmails.contains($0.email)) },
                contactForm: contactForm?.agency == agency.id ? contactForm?.form : nil)
        }
        let mistaken = !errors.isEmpty || contactForm != nil
        let view = View(
            chrome: try await environment.chrome(mistaken ? "Error: Partner agencies" : "Partner agencies", context, path: "/agencies"),
            agencies: rows, types: AgencyType.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0 == type) },
            form: form, errors: errors, errorFor: FieldError.byField(errors, groups: ["type"]),
            mayAddContacts: context.user?.role.isSafeguardingLead == true)
        return environment.pages.page(.agencies, view, status: status)
    }
}
