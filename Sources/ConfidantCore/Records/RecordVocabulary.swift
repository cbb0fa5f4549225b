import Foundation

/// Whom a record is about, and whose information a proposed share is about: the decision engine's `subject.kind`.
public enum PersonKind: String, CaseIterable, Codable, Sendable {
    /// A child: safeguarding duties always apply (contract rule 5).
    case child
    /// An adult with care and support needs who cannot protect themselves (an adult at risk).
    case adultAtRisk = "adult_at_risk"
    /// Any other adult.
    case adult

    /// Plain words for pages.
    public var label: String {
        switch self {
        case .child: "Child or young person"
        case .adultAtRisk: "Adult at risk"
        case .adult: "Adult"
        }
    }
}

/// Who told the staff member, or how they came to know.
public enum DisclosedBy: String, CaseIterable, Codable, Sendable {
    /// The person the concern is about told the staff member.
    case person
    /// Someone else did: a sibling, a neighbour, a teacher. They are never identified in a share unless chosen.
    case thirdParty = "third_party"
    /// The staff member saw or heard something themselves.
    case staffObservation = "staff_observation"

    public var label: String {
        switch self {
        case .person: "The person themselves"
        case .thirdParty: "Someone else (a third party)"
        case .staffObservation: "I saw or heard it myself"
        }
    }
}

/// Kinds of harm a concern is about (the product specification's list).
public enum ConcernCategory: String, CaseIterable, Codable, Sendable {
    case physical
    case emotional
    case sexual
    case neglect
    case selfHarm = "self_harm"
    case exploitation
    case domesticAbuse = "domestic_abuse"
    case onlineHarm = "online_harm"
    case radicalisation
    case other

    public var label: String {
        switch self {
        case .physical: "Physical abuse"
        case .emotional: "Emotional abuse"
        case .sexual: "Sexual abuse"
        case .neglect: "Neglect"
        case .selfHarm: "Self-harm"
        case .exploitation: "Exploitation"
        case .domesticAbuse: "Domestic abuse"
        case .onlineHarm: "Online harm"
        case .radicalisation: "Radicalisation"
        case .other: "Something else"
        }
    }
}

/// A safeguarding lead's decision on a submitted concern.
public enum TriageOutcome: String, CaseIterable, Codable, Sendable {
    /// Share information (the sharing flow decides how, with the decision engine).
    case share
    /// Keep watching, and look again by a review date.
    case monitor
    /// No further action, with the reason why.
    case noFurtherAction = "no_further_action"
    /// Referred to children's social care or the multi-agency safeguarding hub.
    case referredChildrensSocialCare = "referred_childrens_social_care"
    case referredAdultSocialCare = "referred_adult_social_care"
    case referredPolice = "referred_police"
    /// Referred to the local authority designated officer: an allegation against someone who works with children.
    case referredLADO = "referred_lado"
    /// Referred for early help: support before the threshold for social care.
    case earlyHelp = "early_help"

    public var label: String {
        switch self {
        case .share: "Share information"
        case .monitor: "Monitor, with a review date"
        case .noFurtherAction: "No further action"
        case .referredChildrensSocialCare: "Referred to children's social care or the MASH"
        case .referredAdultSocialCare: "Referred to adult social care"
        case .referredPolice: "Referred to the police"
        case .referredLADO: "Referred to the LADO (allegation against someone who works with children)"
        case .earlyHelp: "Referred for early help"
        }
    }

    /// Whether the decision is a referral, which records its date and the agency's reference.
    public var isReferral: Bool {
        switch self {
        case .share, .monitor, .noFurtherAction: false
        case .referredChildrensSocialCare, .referredAdultSocialCare, .referredPolice, .referredLADO, .earlyHelp: true
        }
    }
}

/// A referral made as a triage decision: when, and the reference the agency gave (if any).
public struct TriageReferral: Sendable, Equatable, Codable {
    /// YYYY-MM-DD.
    public var date: String
    public var reference: String

    public init(date: String, reference: String) {
        self.date = date
        self.reference = reference
    }
}

/// How a linked person relates to the person a record is about.
public enum Relationship: String, CaseIterable, Codable, Sendable {
    case parentCarer = "parent_carer"
    case sibling
    case household = "household_member"
    case other

    public var label: String {
        switch self {
        case .parentCarer: "Parent or carer"
        case .sibling: "Brother or sister"
        case .household: "Lives in the same household"
        case .other: "Other"
        }
    }
}

extension PersonKind {
    /// What the audit log calls a person it must not name: their kind and the first four characters of their record's
    /// id ("Child 7F3A"), the same for every event about them, so an auditor can follow one person without learning who.
    public func pseudonym(for id: UUID) -> String {
        let word =
            switch self {
            case .child: "Child"
            case .adultAtRisk: "Adult at risk"
            case .adult: "Adult"
            }
        return "\(word) \(id.uuidString.prefix(4).uppercased())"
    }

    /// The kind and id prefix a pseudonym names ("Child 7F3A" → child, "7F3A"), for searching the log by it.
    public static func parsePseudonym(_ text: String) -> (PersonKind, String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for kind in [PersonKind.adultAtRisk, .adult, .child] {
            let word = kind.pseudonym(for: UUID()).dropLast(5)
            guard trimmed.lowercased().hasPrefix(word.lowercased() + " ") else { continue }
            let prefix = trimmed.dropFirst(word.count + 1)
            guard prefix.count == 4, prefix.allSatisfy(\.isHexDigit) else { return nil }
            return (kind, prefix.uppercased())
        }
        return nil
    }
}
