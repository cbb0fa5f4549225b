/// The role of a person the case record knows, which decides the stem of their pseudonym.
public enum PersonRole: String, Sendable, CaseIterable, Codable {
    case child
    case adult
    case parentCarer = "parent_carer"
    case staff
    case other

    /// The words before the letter in the pseudonym, as the `confidant redact` contract gives them.
    public var pseudonymStem: String {
        switch self {
        case .child: "Child"
        case .adult: "Adult"
        case .parentCarer: "Parent/Carer"
        case .staff: "Staff member"
        case .other: "Person"
        }
    }
}
