import Foundation

/// A partner agency in the register, with the data-sharing agreement that lets information go to it.
public struct PartnerAgency: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    public var type: AgencyType
    /// The reference of the data-sharing agreement with the agency.
    public var agreementReference: String
    /// When the agreement must next be reviewed, as YYYY-MM-DD.
    public var agreementReviewDate: String
    public var contacts: [AgencyContact]

    /// Creates an agency.
    public init(
        id: UUID, name: String, type: AgencyType, agreementReference: String, agreementReviewDate: String,
        contacts: [AgencyContact] = []
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.agreementReference = agreementReference
        self.agreementReviewDate = agreementReviewDate
        self.contacts = contacts
    }

    /// What is wrong with the agency's details, field by field; empty when it can be saved.
    public func problems() -> [RecordFieldError] {
        var errors: [RecordFieldError] = []
        if name.isEmpty { errors.append(RecordFieldError(field: "name", message: "Enter the agency's name")) }
        if name.exceedsLimit(200) { errors.append(RecordFieldError(field: "name", message: "Keep the name to 200 characters")) }
        if agreementReference.isEmpty {
            errors.append(RecordFieldError(field: "agreement_reference", message: "Enter the reference of the data-sharing agreement"))
        }
        if CalendarDay(agreementReviewDate) == nil {
            errors.append(RecordFieldError(field: "agreement_review_date", message: "Enter the agreement's review date, for example 24/11/2027"))
        }
        return errors
    }
}

/// A named person at a partner agency to whom shares can be addressed; they sign in with a `partner` account of the same email.
public struct AgencyContact: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var agencyID: UUID
    public var name: String
    public var email: String

    /// Creates a contact.
    public init(id: UUID, agencyID: UUID, name: String, email: String) {
        self.id = id
        self.agencyID = agencyID
        self.name = name
        self.email = email
    }

    /// The email as compared with account emails: trimmed and lower-cased.
    public static func normalised(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
