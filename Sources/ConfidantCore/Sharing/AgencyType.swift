/// The kind of partner agency a charity shares with, in the register's words (docs/sharing.md, "Partner agencies").
public enum AgencyType: String, CaseIterable, Codable, Sendable {
    case childrensSocialCare = "childrens_social_care"
    case adultSocialCare = "adult_social_care"
    case police
    case health
    case education
    case lado
    case other

    /// The name shown on pages.
    public var label: String {
        switch self {
        case .childrensSocialCare: "Children's social care"
        case .adultSocialCare: "Adult social care"
        case .police: "Police"
        case .health: "Health"
        case .education: "Education"
        case .lado: "Local authority designated officer (LADO)"
        case .other: "Other"
        }
    }
}
