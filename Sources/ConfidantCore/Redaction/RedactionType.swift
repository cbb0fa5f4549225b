/// The kinds of identifying span the redactor finds, spelled as the `confidant redact` contract spells them.
public enum RedactionType: String, Sendable, CaseIterable, Codable {
    case person = "PERSON"
    case organisation = "ORGANISATION"
    case address = "ADDRESS"
    case postcode = "POSTCODE"
    case phone = "PHONE"
    case email = "EMAIL"
    case dateOfBirth = "DATE_OF_BIRTH"
    case nhsNumber = "NHS_NUMBER"
    case niNumber = "NI_NUMBER"
    case url = "URL"
    case otherIdentifier = "OTHER_ID"

    /// The plain-words placeholder that replaces a span of this type (people get pseudonyms instead).
    public var placeholder: String {
        switch self {
        case .person: "[person]"
        case .organisation: "[organisation]"
        case .address: "[address]"
        case .postcode: "[postcode]"
        case .phone: "[phone number]"
        case .email: "[email address]"
        case .dateOfBirth: "[date of birth]"
        case .nhsNumber: "[NHS number]"
        case .niNumber: "[National Insurance number]"
        case .url: "[web address]"
        case .otherIdentifier: "[identifier]"
        }
    }

    /// Which detector wins where two spans overlap: the more specific finding decides the type of the merged span.
    var priority: Int {
        switch self {
        case .email, .url: 90
        case .nhsNumber, .niNumber: 85
        case .phone, .postcode: 80
        case .dateOfBirth: 75
        case .address: 70
        case .organisation: 60
        case .otherIdentifier: 50
        case .person: 40
        }
    }
}
