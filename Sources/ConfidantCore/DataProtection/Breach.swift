import Foundation

/// A possible personal data breach in the register (UK GDPR Art. 33 and 34): what happened and when it was found, what
/// data and whose, what could follow, what was done; then the decisions the organisation records about it.
public struct Breach: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let report: BreachReport
    public let reportedBy: UUID
    public let reportedAt: Date
    /// The share it was reported from: its link was revoked in the same step.
    public let shareID: UUID?
    public let decisions: BreachDecisions

    public init(id: UUID, report: BreachReport, reportedBy: UUID, reportedAt: Date, shareID: UUID?, decisions: BreachDecisions) {
        self.id = id
        self.report = report
        self.reportedBy = reportedBy
        self.reportedAt = reportedAt
        self.shareID = shareID
        self.decisions = decisions
    }

    public var clock: BreachClock { BreachClock(discoveredAt: report.discoveredAt) }
}

/// What is known of a breach when it is reported, in the reporter's words.
public struct BreachReport: Sendable, Equatable, Codable {
    public var whatHappened: String
    public var discoveredAt: Date
    public var dataInvolved: String
    /// Whose data: people by description ("the child and their mother"), never needing a record to be named.
    public var whoseData: String
    public var likelyConsequences: String
    public var actionsTaken: String

    public init(
        whatHappened: String, discoveredAt: Date, dataInvolved: String, whoseData: String, likelyConsequences: String, actionsTaken: String
    ) {
        self.whatHappened = whatHappened
        self.discoveredAt = discoveredAt
        self.dataInvolved = dataInvolved
        self.whoseData = whoseData
        self.likelyConsequences = likelyConsequences
        self.actionsTaken = actionsTaken
    }

    /// The longest a field may be, in characters.
    public static let maximumLength = 10_000
}

/// The decisions recorded on a breach; each may be recorded again as more is known, the latest kept (each in the log).
public struct BreachDecisions: Sendable, Equatable, Codable {
    /// Whether to tell the ICO (Art. 33): both answers are recorded with their reasons (Art. 33(5)).
    public var ico: ICODecision?
    /// Whether the people affected must be told (Art. 34: a high risk to them), and when they were.
    public var affectedPeople: AffectedPeopleDecision?
    /// Whether it is a serious incident to report to the Charity Commission.
    public var charityCommission: CharityCommissionDecision?

    public init(ico: ICODecision? = nil, affectedPeople: AffectedPeopleDecision? = nil, charityCommission: CharityCommissionDecision? = nil) {
        self.ico = ico
        self.affectedPeople = affectedPeople
        self.charityCommission = charityCommission
    }
}

/// Who recorded a decision, and when.
public struct DecisionBy: Sendable, Equatable, Codable {
    public var userID: UUID
    public var at: Date

    public init(userID: UUID, at: Date) {
        self.userID = userID
        self.at = at
    }
}

public struct ICODecision: Sendable, Equatable, Codable {
    public var notify: Bool
    public var reason: String
    /// The ICO's reference once reported (may follow later).
    public var reference: String
    /// Why the decision came after the 72 hours, when it did (Art. 33(1)).
    public var lateReason: String
    public var by: DecisionBy
}

public struct AffectedPeopleDecision: Sendable, Equatable, Codable {
    public var mustTell: Bool
    public var reason: String
    /// The day they were told, once they were.
    public var toldOn: CalendarDay?
    public var by: DecisionBy
}

public struct CharityCommissionDecision: Sendable, Equatable, Codable {
    public var report: Bool
    public var reason: String
    public var by: DecisionBy
}

/// A breach report as its form sent it, before it is checked.
public struct BreachEntry: Sendable, Equatable {
    public var whatHappened = ""
    public var discoveredOn = ""
    public var discoveredTime = ""
    public var dataInvolved = ""
    public var whoseData = ""
    public var likelyConsequences = ""
    public var actionsTaken = ""

    public init(
        whatHappened: String = "", discoveredOn: String = "", discoveredTime: String = "", dataInvolved: String = "", whoseData: String = "",
        likelyConsequences: String = "", actionsTaken: String = ""
    ) {
        self.whatHappened = whatHappened
        self.discoveredOn = discoveredOn
        self.discoveredTime = discoveredTime
        self.dataInvolved = dataInvolved
        self.whoseData = whoseData
        self.likelyConsequences = likelyConsequences
        self.actionsTaken = actionsTaken
    }

    /// What a report needs: what happened, when it was found (not in the future), what data and whose; each field
    /// within its length. The 72 hours run from the moment of discovery, so that is asked to the minute.
    public func checked(now: Date) -> Result<BreachReport, FormProblems> {
        var problems: [RecordFieldError] = []
        func text(_ value: String, _ field: String, required: String?) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if let required, trimmed.isEmpty { problems.append(RecordFieldError(field: field, message: required)) }
            if trimmed.count > BreachReport.maximumLength {
                problems.append(RecordFieldError(field: field, message: "Keep this to \(BreachReport.maximumLength) characters"))
            }
            return trimmed
        }
        let what = text(whatHappened, "what_happened", required: "Say what happened")
        let data = text(dataInvolved, "data_involved", required: "Say what information was involved")
        let whose = text(whoseData, "whose_data", required: "Say whose information it was")
        let consequences = text(likelyConsequences, "likely_consequences", required: nil)
        let actions = text(actionsTaken, "actions_taken", required: nil)
        var discovered: Date?
        if let day = CalendarDay(typed: discoveredOn) {
            if let time = TimeOfDay(typed: discoveredTime) {
                discovered = day.start.addingTimeInterval(Double(time.hour * 3600 + time.minute * 60))
            } else {
                problems.append(RecordFieldError(field: "discovered_time", message: "Give the time it was found, like 14:30"))
            }
        } else {
            problems.append(RecordFieldError(field: "discovered_on", message: "Give the day it was found, like 24/11/2026"))
        }
        if let discovered, discovered > now.addingTimeInterval(60) {
            problems.append(RecordFieldError(field: "discovered_on", message: "The time it was found cannot be in the future"))
        }
        guard problems.isEmpty, let discovered else { return .failure(FormProblems(problems)) }
        return .success(
            BreachReport(
                whatHappened: what, discoveredAt: discovered, dataInvolved: data, whoseData: whose, likelyConsequences: consequences,
                actionsTaken: actions))
    }
}

/// The decisions' forms, checked: each needs its yes or no and the reason for it.
extension BreachDecisions {
    /// The longest reason kept, in characters.
    public static let maximumReason = 5_000

    static func answer(_ text: String, field: String, question: String, problems: inout [RecordFieldError]) -> Bool? {
        switch text {
        case "yes": return true
        case "no": return false
        default:
            problems.append(RecordFieldError(field: field, message: question))
            return nil
        }
    }

    static func reason(_ text: String, field: String, problems: inout [RecordFieldError]) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { problems.append(RecordFieldError(field: field, message: "Give the reason: it is kept with the decision")) }
        if trimmed.count > maximumReason {
            problems.append(RecordFieldError(field: field, message: "Keep the reason to \(maximumReason) characters"))
        }
        return trimmed
    }

    /// The decision whether to tell the ICO. The first one made after the 72 hours must say why it is late.
    public func ico(
        notify: String, reason: String, reference: String, lateReason: String, clock: BreachClock, by user: UUID, now: Date
    ) -> Result<ICODecision, FormProblems> {
        var problems: [RecordFieldError] = []
        let answer = Self.answer(notify, field: "notify", question: "Say whether the ICO is to be told", problems: &problems)
        let why = Self.reason(reason, field: "ico_reason", problems: &problems)
        let late = lateReason.trimmingCharacters(in: .whitespacesAndNewlines)
        let firstDecisionIsLate = (ico?.by.at ?? now) > clock.deadline
        if firstDecisionIsLate, late.isEmpty {
            problems.append(RecordFieldError(field: "late_reason", message: "The 72 hours have passed: say why the decision is late"))
        }
        let ref = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if ref.count > 100 { problems.append(RecordFieldError(field: "reference", message: "Keep the ICO's reference to 100 characters")) }
        guard problems.isEmpty, let answer else { return .failure(FormProblems(problems)) }
        return .success(
            ICODecision(
                notify: answer, reason: why, reference: ref, lateReason: late.isEmpty ? (ico?.lateReason ?? "") : late,
                by: DecisionBy(userID: user, at: now)))
    }

    /// The decision whether the people whose data it was must be told (Art. 34), and the day they were.
    public func affectedPeople(
        mustTell: String, reason: String, toldOn: String, discoveredAt: Date, by user: UUID, now: Date
    ) -> Result<AffectedPeopleDecision, FormProblems> {
        var problems: [RecordFieldError] = []
        let answer = Self.answer(
            mustTell, field: "must_tell", question: "Say whether the people affected must be told", problems: &problems)
        let why = Self.reason(reason, field: "people_reason", problems: &problems)
        var day: CalendarDay?
        let typed = toldOn.trimmingCharacters(in: .whitespaces)
        if !typed.isEmpty {
            day = CalendarDay(typed: typed)
            if let told = day {
                if told.start > now { problems.append(RecordFieldError(field: "told_on", message: "The day they were told cannot be in the future")) }
                if told < CalendarDay(containing: discoveredAt) {
                    problems.append(RecordFieldError(field: "told_on", message: "The day they were told cannot be before the breach was found"))
                }
            } else {
                problems.append(RecordFieldError(field: "told_on", message: "Give the day they were told, like 24/11/2026"))
            }
        }
        guard problems.isEmpty, let answer else { return .failure(FormProblems(problems)) }
        return .success(AffectedPeopleDecision(mustTell: answer, reason: why, toldOn: day, by: DecisionBy(userID: user, at: now)))
    }

    /// The decision whether this is a serious incident to report to the Charity Commission.
    public func charityCommission(report: String, reason: String, by user: UUID, now: Date) -> Result<CharityCommissionDecision, FormProblems> {
        var problems: [RecordFieldError] = []
        let answer = Self.answer(
            report, field: "commission", question: "Say whether it is reported to the Charity Commission", problems: &problems)
        let why = Self.reason(reason, field: "commission_reason", problems: &problems)
        guard problems.isEmpty, let answer else { return .failure(FormProblems(problems)) }
        return .success(CharityCommissionDecision(report: answer, reason: why, by: DecisionBy(userID: user, at: now)))
    }
}
