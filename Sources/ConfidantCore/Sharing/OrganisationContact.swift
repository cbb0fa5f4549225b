/// Whom a recipient calls back about a share: the organisation, its safeguarding lead and its safeguarding phone and email.
///
/// The phone and email come from the organisation's settings; the lead is the account that holds the DSL role.
public struct OrganisationContact: Sendable, Equatable, Codable {
    public var organisation: String
    public var leadName: String
    public var phone: String
    public var email: String

    /// Creates the contact block's facts.
    public init(organisation: String, leadName: String, phone: String, email: String) {
        self.organisation = organisation
        self.leadName = leadName
        self.phone = phone
        self.email = email
    }

    /// The block as a recipient reads it; a detail the organisation has not set is said to be missing, not left blank.
    var fields: [ShareField] {
        [
            ShareField("Organisation", organisation.isEmpty ? "Not set" : organisation),
            ShareField("Designated safeguarding lead", leadName.isEmpty ? "Not set" : leadName),
            ShareField("Safeguarding phone", phone.isEmpty ? "Not set: ask the person who sent this" : phone),
            ShareField("Safeguarding email", email.isEmpty ? "Not set: ask the person who sent this" : email),
        ]
    }
}
