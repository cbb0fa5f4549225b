/// Who would receive a proposed share, in the contract's words.
public enum RecipientKind: String, CaseIterable, Sendable, Codable {
    /// The designated safeguarding lead: always inside the circle (contract rule 1).
    case dsl
    /// Another member of staff (contract rule 2).
    case staff
    /// A professional at a partner agency (contract rules 3–5).
    case partnerAgency = "partner_agency"
    /// A parent or carer.
    case parentCarer = "parent_carer"
    /// The public: never a recipient of case information (contract rule 10).
    case `public`
}
