/// What a person signed in to Confidant is there to do; it decides what they may see.
///
/// The roles and their separation of duties come from the product specification:
/// an administrator who creates accounts cannot read cases, and a manager sees only
/// aggregate, de-identified figures.
public enum UserRole: String, CaseIterable, Codable, Sendable {
    case staff
    case dsl
    case deputyDSL = "deputy_dsl"
    case manager
    case admin
    case auditor
    case partner

    /// The name shown to people in pages and messages.
    public var title: String {
        switch self {
        case .staff: "Staff member"
        case .dsl: "Designated safeguarding lead"
        case .deputyDSL: "Deputy safeguarding lead"
        case .manager: "Manager or safeguarding trustee"
        case .admin: "Administrator"
        case .auditor: "Auditor"
        case .partner: "Partner agency contact"
        }
    }

    /// Whether giving someone this role lets them read case content: every record (leads), the
    /// whole audit trail (auditors), or what is shared with an agency (partner contacts).
    ///
    /// An administrator who could give these roles could read cases through an account they
    /// control, so such a role takes effect only when a designated safeguarding lead other than
    /// the person asking approves it.
    public var readsCases: Bool {
        switch self {
        case .dsl, .deputyDSL, .auditor, .partner: true
        case .staff, .manager, .admin: false
        }
    }

    /// Whether this role belongs to the internal safeguarding circle that sees every record.
    public var isSafeguardingLead: Bool { self == .dsl || self == .deputyDSL }
}
