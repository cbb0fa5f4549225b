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
    }
    struct FormValues: Sendable { let name, agreementReference, agreementReviewDate: String }
    struct View {
        let chrome: PageChrome
        let agencies: [AgencyRow]
        let types: [Option]
        let form: FormValues
        let errors: [FieldError]
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
            let agency = PartnerAgency(
                id: UUID(), name: form["name"].trimmed, type: type ?? .other,
                agreementReference: form["agreement_reference"].trimmed,
                agreementReviewDate: form["agreement_review_date"].trimmed)
            var errors = agency.problems().map { FieldError(field: $0.field, message: $0.message) }
            if type == nil { errors.insert(FieldError(field: "type-childrens_social_care", message: "Choose the kind of agency"), at: 0) }
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
            guard !name.isEmpty, !name.exceedsLimit(200), email.contains("@"), email.utf8.count <= 254 else {
                throw WebError.badRequest("Give the contact's name and a valid email address.")
            }
            _ = try await environment.shares.addContact(to: id, name: name, email: email, by: user.id, now: environment.clock())
            return .redirect(to: "/agencies")
        }
    }

    func page(
        _ context: ConfidantRequestContext, form: FormValues, type: AgencyType?, errors: [FieldError],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let partnerEmails = Set(
            try await environment.users.all().filter { $0.role == .partner && !$0.disabled }.map {
                AgencyContact.normalised($0.email)
            })
        let rows = try await environment.shares.agencies().map { agency in
            AgencyRow(
                id: agency.id.uuidString, name: agency.name, type: agency.type.label, agreementReference: agency.agreementReference,
                agreementReviewDate: agency.agreementReviewDate,
                contacts: agency.contacts.map { ContactRow(name: $0.name, email: $0.email, hasAccount: partnerEmails.contains($0.email)) })
        }
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Partner agencies" : "Error: Partner agencies", context, path: "/agencies"),
            agencies: rows, types: AgencyType.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0 == type) },
            form: form, errors: errors, mayAddContacts: context.user?.role.isSafeguardingLead == true)
        return environment.pages.page(.agencies, view, status: status)
    }
}
