/// Someone the "Who should I talk to?" guide can recommend.
public enum TalkContact: String, CaseIterable, Sendable, Codable {
    /// Emergency services: police, ambulance, fire (999).
    case emergencyServices = "emergency-services"
    /// Any member of staff the person trusts.
    case trustedStaff = "trusted-staff"
    /// The designated safeguarding lead (DSL) or their deputy.
    case safeguardingLead = "safeguarding-lead"
    /// Childline, for children and young people (0800 1111).
    case childline
    /// The NSPCC helpline, for adults worried about a child (0808 800 5000).
    case nspccHelpline = "nspcc-helpline"
    /// Samaritans, for anyone who needs to talk (116 123).
    case samaritans
    /// The police non-emergency number (101).
    case policeNonEmergency = "police-non-emergency"

    /// The phone number to call, for contacts outside the organisation.
    public var phone: String? {
        switch self {
        case .emergencyServices: "999"
        case .trustedStaff, .safeguardingLead: nil
        case .childline: "0800 1111"
        case .nspccHelpline: "0808 800 5000"
        case .samaritans: "116 123"
        case .policeNonEmergency: "101"
        }
    }

    /// Whether the contact is part of the organisation (so its confidentiality policy applies).
    public var isInsideOrganisation: Bool { self == .trustedStaff || self == .safeguardingLead }
}
