import Foundation

/// What a report may know of one submitted concern: its plain facts and times, never its words, its person's name
/// or any id, so nothing in a report can be traced back to a record.
public struct ConcernFact: Sendable, Equatable {
    public var submittedAt: Date
    public var conversationAt: Date?
    public var categories: [ConcernCategory]
    public var risk: RiskLevel?
    public var disclosedBy: DisclosedBy?
    public var limitsExplained: Bool?
    public var offered: ConfidentialityOffered?
    /// The first triage decision: when, and what it was.
    public var firstTriage: (at: Date, outcome: TriageOutcome)?
    /// Whether the person was asked what they want to happen (nil: not recorded), and, once closed, whether it was achieved.
    public var wishesAsked: Bool?
    public var achieved: CaseClosure.Achieved?
    /// How many concerns share exactly these facts: a store may count alike concerns together (`GROUP BY`) instead of
    /// sending each; 1 for one concern.
    public var count: Int

    public init(
        submittedAt: Date, conversationAt: Date? = nil, categories: [ConcernCategory] = [], risk: RiskLevel? = nil,
        disclosedBy: DisclosedBy? = nil, limitsExplained: Bool? = nil, offered: ConfidentialityOffered? = nil,
        firstTriage: (at: Date, outcome: TriageOutcome)? = nil, wishesAsked: Bool? = nil, achieved: CaseClosure.Achieved? = nil,
        count: Int = 1
    ) {
        self.submittedAt = submittedAt
        self.conversationAt = conversationAt
        self.categories = categories
        self.risk = risk
        self.disclosedBy = disclosedBy
        self.limitsExplained = limitsExplained
        self.offered = offered
        self.firstTriage = firstTriage
        self.wishesAsked = wishesAsked
        self.achieved = achieved
        self.count = count
    }

    public static func == (a: ConcernFact, b: ConcernFact) -> Bool {
        a.submittedAt == b.submittedAt && a.conversationAt == b.conversationAt && a.categories == b.categories && a.risk == b.risk
            && a.disclosedBy == b.disclosedBy && a.limitsExplained == b.limitsExplained && a.offered == b.offered
            && a.firstTriage?.at == b.firstTriage?.at && a.firstTriage?.outcome == b.firstTriage?.outcome && a.wishesAsked == b.wishesAsked
            && a.achieved == b.achieved && a.count == b.count
    }
}

/// When one concern happened, was recorded and was first triaged: the times the report's durations come from.
public struct ConcernTiming: Sendable, Equatable {
    public var submittedAt: Date
    public var conversationAt: Date?
    public var triagedAt: Date?

    public init(submittedAt: Date, conversationAt: Date?, triagedAt: Date?) {
        self.submittedAt = submittedAt
        self.conversationAt = conversationAt
        self.triagedAt = triagedAt
    }
}

extension Array where Element == ConcernFact {
    /// How many concerns these facts stand for.
    var total: Int { reduce(0) { $0 + $1.count } }
}

/// What a report may know of one share: when it was proposed, where it ended, whether the person was named, and
/// for a share that broke a confidence, how telling the person went.
public struct ShareFact: Sendable, Equatable {
    /// Where a share ended, as the report counts it.
    public enum Ending: String, CaseIterable, Sendable {
        /// The decision engine permitted it and it was sent.
        case permitted
        /// The engine escalated it and a lead approved it.
        case approved
        /// The engine escalated it and a lead refused it.
        case refused
        /// Escalated and still waiting for a lead.
        case awaitingApproval = "awaiting_approval"
        /// The engine denied it.
        case denied
        /// The person proposing it decided not to share.
        case notShared = "not_shared"

        public var label: String {
            switch self {
            case .permitted: "Permitted by the policy and shared"
            case .approved: "Escalated, approved by a safeguarding lead"
            case .refused: "Escalated, refused by a safeguarding lead"
            case .awaitingApproval: "Escalated, still waiting for a lead"
            case .denied: "Denied by the policy"
            case .notShared: "Decided not to share"
            }
        }
    }

    /// How telling the person about a share that broke a confidence went.
    public enum Informing: String, CaseIterable, Sendable {
        /// Told (or involved) within the due time.
        case inTime = "in_time"
        /// Told, but after the due time.
        case late
        /// A lead recorded why the person was not told.
        case withheld
        /// Not done yet, and not due yet.
        case open
        /// Not done, and past the due time.
        case overdue

        public var label: String {
            switch self {
            case .inTime: "Told within the due time"
            case .late: "Told after the due time"
            case .withheld: "Not told, with a lead's recorded reason"
            case .open: "Not told yet, not yet due"
            case .overdue: "Overdue: not told and past the due time"
            }
        }
    }

    public var proposedAt: Date
    public var ending: Ending
    /// Whether the person was named; nil when the share never got as far as choosing.
    public var identified: Bool?
    /// For a share that broke a confidence, how informing went; nil when it broke none.
    public var informing: Informing?

    public init(proposedAt: Date, ending: Ending, identified: Bool?, informing: Informing?) {
        self.proposedAt = proposedAt
        self.ending = ending
        self.identified = identified
        self.informing = informing
    }

    /// How informing went for a task due at `dueAt`: done at `completedAt` (withheld when `withheld`), judged at `now`.
    public static func informing(dueAt: Date, completedAt: Date?, withheld: Bool, now: Date) -> Informing {
        if let completedAt { return withheld ? .withheld : (completedAt <= dueAt ? .inTime : .late) }
        return now > dueAt ? .overdue : .open
    }
}
