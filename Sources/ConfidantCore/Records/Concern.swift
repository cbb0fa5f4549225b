import Foundation

/// The written parts of a concern: what was said and seen, kept apart as good practice asks; stored only encrypted.
public struct ConcernNarrative: Codable, Sendable, Equatable {
    /// Where the conversation happened.
    public var place: String
    /// Who the third party was, when someone else disclosed (never shared unless chosen).
    public var thirdParty: String
    /// The person's account in their own words.
    public var account: String
    /// What the staff member saw or heard themselves.
    public var observations: String
    /// The staff member's opinion, kept apart from fact.
    public var opinion: String
    /// How the limits of confidentiality were explained, or why they were not.
    public var limitsHow: String
    /// What the staff member did next.
    public var actionsTaken: String
    /// What the person wants to happen, in their words: an adult at risk's desired outcomes (Care Act statutory
    /// guidance 14.15, Making Safeguarding Personal), a child's wishes and feelings.
    public var wishes: String
    /// Why the person could not be asked what they want, when they could not.
    public var wishesNotAsked: String

    public init(
        place: String = "", thirdParty: String = "", account: String = "", observations: String = "",
        opinion: String = "", limitsHow: String = "", actionsTaken: String = "", wishes: String = "", wishesNotAsked: String = ""
    ) {
        self.place = place
        self.thirdParty = thirdParty
        self.account = account
        self.observations = observations
        self.opinion = opinion
        self.limitsHow = limitsHow
        self.actionsTaken = actionsTaken
        self.wishes = wishes
        self.wishesNotAsked = wishesNotAsked
    }

    enum CodingKeys: String, CodingKey {
        case place, thirdParty, account, observations, opinion, limitsHow, actionsTaken, wishes, wishesNotAsked
    }

    /// Narratives sealed before the person's wishes were asked have neither field: they read as not recorded.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        place = try container.decode(String.self, forKey: .place)
        thirdParty = try container.decode(String.self, forKey: .thirdParty)
        account = try container.decode(String.self, forKey: .account)
        observations = try container.decode(String.self, forKey: .observations)
        opinion = try container.decode(String.self, forKey: .opinion)
        limitsHow = try container.decode(String.self, forKey: .limitsHow)
        actionsTaken = try container.decode(String.self, forKey: .actionsTaken)
        wishes = try container.decodeIfPresent(String.self, forKey: .wishes) ?? ""
        wishesNotAsked = try container.decodeIfPresent(String.self, forKey: .wishesNotAsked) ?? ""
    }

    /// Whether the person was asked what they want: yes when their words are recorded, no when the reason they could
    /// not be asked is, nil when neither is.
    public var wishesAsked: Bool? {
        if !wishes.isBlank { return true }
        if !wishesNotAsked.isBlank { return false }
        return nil
    }

    /// The most characters one narrative field may hold: long enough for any account, short enough to read.
    public static let maximumFieldLength = 20_000
}

/// Whether a concern is still being written or has been signed and submitted.
public enum ConcernStatus: String, Codable, Sendable {
    case draft
    case submitted
}

/// A disclosure or concern about a person, as recorded by a staff member.
public struct Concern: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var personID: UUID
    public var authorID: UUID
    public var status: ConcernStatus
    public var conversationAt: Date?
    public var disclosedBy: DisclosedBy?
    public var limitsExplained: Bool?
    public var secrecyRequested: Bool?
    public var offered: ConfidentialityOffered?
    public var categories: [ConcernCategory]
    public var risk: RiskLevel?
    public var narrative: ConcernNarrative
    /// The safeguarding lead or deputy it is assigned to; nil means any.
    public var assignedTo: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    /// When it was signed and submitted; nil for a draft.
    public var submittedAt: Date?
    /// For a concern that arrived in a transfer from another organisation: where it came from and who wrote it
    /// there ("Fictional Academy, written by Sam Staffperson"). Its dates are the original ones.
    public var transferredFrom: String?

    public init(
        id: UUID, personID: UUID, authorID: UUID, status: ConcernStatus = .draft, conversationAt: Date? = nil,
        disclosedBy: DisclosedBy? = nil, limitsExplained: Bool? = nil, secrecyRequested: Bool? = nil,
        offered: ConfidentialityOffered? = nil, categories: [ConcernCategory] = [], risk: RiskLevel? = nil,
        narrative: ConcernNarrative = ConcernNarrative(), assignedTo: UUID? = nil, createdAt: Date, updatedAt: Date,
        submittedAt: Date? = nil, transferredFrom: String? = nil
    ) {
        self.id = id
        self.personID = personID
        self.authorID = authorID
        self.status = status
        self.conversationAt = conversationAt
        self.disclosedBy = disclosedBy
        self.limitsExplained = limitsExplained
        self.secrecyRequested = secrecyRequested
        self.offered = offered
        self.categories = categories
        self.risk = risk
        self.narrative = narrative
        self.assignedTo = assignedTo
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.submittedAt = submittedAt
        self.transferredFrom = transferredFrom
    }

    /// What the safeguarding lead must notice about this concern, most urgent first.
    public var alerts: [ConcernAlert] {
        ConcernAlert.alerts(risk: risk, offered: offered, limitsExplained: limitsExplained)
    }

    /// Where the concern stands in the triage queue, lower first: its most urgent alert, then more alerts before
    /// fewer. Kept beside the concern when it is submitted, so that the queue is read in order a page at a time.
    public var triagePriority: Int { ConcernAlert.priority(of: alerts) }

    /// Orders the triage queue: the most urgent alert first, then the oldest submission.
    public static func triageOrder(_ a: Concern, _ b: Concern) -> Bool {
        if a.triagePriority != b.triagePriority { return a.triagePriority < b.triagePriority }
        return (a.submittedAt ?? a.createdAt) < (b.submittedAt ?? b.createdAt)
    }

    /// What stops this draft being submitted at `now`; empty when it is complete.
    ///
    /// The order follows the form, which follows good practice: when and where, who told, their
    /// words apart from observation and opinion, the limits of confidentiality, secrecy, categories,
    /// risk, and what was done.
    public func problemsBeforeSubmitting(now: Date, dateOfBirth: CalendarDay?) -> [RecordFieldError] {
        var problems = problemsInAnyDraft()
        if let conversationAt {
            if conversationAt > now.addingTimeInterval(5 * 60) {
                problems.append(.init(field: "conversation_date", message: "The conversation cannot be in the future"))
            } else if let dateOfBirth, conversationAt < dateOfBirth.start {
                problems.append(.init(field: "conversation_date", message: "The conversation cannot be before the person's date of birth"))
            }
        } else {
            problems.append(.init(field: "conversation_date", message: "Enter when the conversation happened"))
        }
        if narrative.place.isBlank { problems.append(.init(field: "place", message: "Enter where it happened")) }
        switch disclosedBy {
        case nil:
            problems.append(.init(field: "disclosed_by", message: "Choose who told you, or whether you saw it yourself"))
        case .person?:
            if narrative.account.isBlank {
                problems.append(.init(field: "account", message: "Write down what they said, in their own words"))
            }
        case .thirdParty?:
            if narrative.thirdParty.isBlank {
                problems.append(.init(field: "third_party", message: "Say who told you (their name stays private)"))
            }
            if narrative.account.isBlank {
                problems.append(.init(field: "account", message: "Write down what they said, in their own words"))
            }
        case .staffObservation?:
            if narrative.observations.isBlank {
                problems.append(.init(field: "observations", message: "Describe what you saw or heard"))
            }
        }
        if limitsExplained == nil {
            problems.append(.init(field: "limits_explained", message: "Say whether you explained the limits of confidentiality at the start"))
        } else if narrative.limitsHow.isBlank {
            problems.append(
                .init(
                    field: "limits_how",
                    message: limitsExplained == true
                        ? "Say how you explained the limits of confidentiality"
                        : "Say why the limits were not explained"))
        }
        if secrecyRequested == nil {
            problems.append(.init(field: "secrecy_requested", message: "Say whether they asked you to keep it secret"))
        }
        if offered == nil { problems.append(.init(field: "offered", message: "Choose what you told them about confidentiality")) }
        if categories.isEmpty { problems.append(.init(field: "categories", message: "Choose at least one category")) }
        if risk == nil { problems.append(.init(field: "risk", message: "Choose the immediate risk")) }
        if narrative.actionsTaken.isBlank { problems.append(.init(field: "actions_taken", message: "Say what you did next")) }
        return problems
    }

    /// What is wrong even in a draft: only sizes, so that a half-written draft can always be saved.
    public func problemsInAnyDraft() -> [RecordFieldError] {
        let fields: [(String, String)] = [
            ("place", narrative.place), ("third_party", narrative.thirdParty), ("account", narrative.account),
            ("observations", narrative.observations), ("opinion", narrative.opinion), ("limits_how", narrative.limitsHow),
            ("actions_taken", narrative.actionsTaken), ("wishes", narrative.wishes), ("wishes_not_asked", narrative.wishesNotAsked),
        ]
        return fields.filter { $0.1.exceedsLimit(ConcernNarrative.maximumFieldLength) }.map {
            RecordFieldError(
                field: $0.0,
                message: "Keep this to \(ConcernNarrative.maximumFieldLength.grouped) characters; add more as an addendum after submitting")
        }
    }
}

/// Something about a concern that the safeguarding lead must see first.
public enum ConcernAlert: String, CaseIterable, Sendable {
    case immediateDanger = "immediate_danger"
    case significantHarm = "significant_harm"
    case absoluteConfidentialityOffered = "absolute_confidentiality_offered"
    case limitsNotExplained = "limits_not_explained"

    /// Lower is more urgent.
    var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }

    /// The alerts a concern with these answers raises, most urgent first.
    public static func alerts(risk: RiskLevel?, offered: ConfidentialityOffered?, limitsExplained: Bool?) -> [ConcernAlert] {
        var alerts: [ConcernAlert] = []
        if risk == .immediateDanger { alerts.append(.immediateDanger) }
        if risk == .significantHarm { alerts.append(.significantHarm) }
        if offered == .absolute { alerts.append(.absoluteConfidentialityOffered) }
        if limitsExplained == false { alerts.append(.limitsNotExplained) }
        return alerts
    }

    /// The queue position of a concern raising `alerts` (sorted most urgent first): by its most urgent alert, and
    /// among equals more alerts first; a concern with none comes after every one with any.
    public static func priority(of alerts: [ConcernAlert]) -> Int {
        let first = alerts.first?.rank ?? allCases.count
        return first * (allCases.count + 1) + (allCases.count - min(alerts.count, allCases.count))
    }

    public var label: String {
        switch self {
        case .immediateDanger: "Immediate danger"
        case .significantHarm: "Risk of significant harm"
        case .absoluteConfidentialityOffered: "Absolute confidentiality was promised"
        case .limitsNotExplained: "Limits of confidentiality not explained"
        }
    }
}

/// A correction or later information, added to a submitted concern; the original is never changed.
public struct Addendum: Sendable, Equatable {
    public var id: UUID
    public var concernID: UUID
    public var authorID: UUID
    public var text: String
    public var createdAt: Date

    public init(id: UUID, concernID: UUID, authorID: UUID, text: String, createdAt: Date) {
        self.id = id
        self.concernID = concernID
        self.authorID = authorID
        self.text = text
        self.createdAt = createdAt
    }
}

/// A safeguarding lead's recorded decision on a concern.
public struct TriageDecision: Sendable, Equatable {
    public var id: UUID
    public var concernID: UUID
    public var deciderID: UUID
    public var outcome: TriageOutcome
    public var reason: String
    /// For `monitor`: when to look again.
    public var reviewDate: String?
    /// For a referral: its date and the agency's reference.
    public var referral: TriageReferral?
    public var decidedAt: Date

    public init(
        id: UUID, concernID: UUID, deciderID: UUID, outcome: TriageOutcome, reason: String, reviewDate: String?,
        referral: TriageReferral? = nil, decidedAt: Date
    ) {
        self.referral = referral
        self.id = id
        self.concernID = concernID
        self.deciderID = deciderID
        self.outcome = outcome
        self.reason = reason
        self.reviewDate = reviewDate
        self.decidedAt = decidedAt
    }
}

extension String {
    var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}

/// Where a page of the triage queue ends: the last concern's queue position, submission time and id.
public struct TriageCursor: Sendable, Equatable {
    public let priority: Int
    public let submittedAt: Date
    public let id: UUID

    public init(priority: Int, submittedAt: Date, id: UUID) {
        self.priority = priority
        self.submittedAt = submittedAt
        self.id = id
    }

    /// The cursor as a link carries it: `priority.seconds.id`, the time exactly as stored.
    public var text: String { "\(priority)_\(submittedAt.timeIntervalSince1970)_\(id.uuidString.lowercased())" }

    /// Reads a cursor from a link; nil when it is not one.
    public init?(text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 4, let priority = Int(parts[0]), priority >= 0, parts[1].count <= 40,
            let seconds = Double(parts[1]), seconds.isFinite, let id = UUID(uuidString: String(parts[2]))
        else { return nil }
        self.init(priority: priority, submittedAt: Date(timeIntervalSince1970: seconds), id: id)
    }
}
