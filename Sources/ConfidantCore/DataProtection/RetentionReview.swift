import Foundation

/// A lead's decision on a person's file when its review date comes (IRMS toolkit: review, never automatic deletion):
/// keep it longer, with a reason and a new date; put it under legal hold (an inquiry, a court case, an insurer's
/// claim), which keeps it whatever its dates say until the hold is lifted with a reason; or lift a hold. Disposal
/// takes two leads: one proposes it, with a reason, and another carries it out (`RetentionFile.disposal`).
public struct RetentionDecision: Sendable, Equatable, Codable {
    public enum Step: String, Sendable, Codable, CaseIterable {
        case extended
        case held
        case holdLifted = "hold_lifted"
        case disposalProposed = "disposal_proposed"
        case proposalWithdrawn = "proposal_withdrawn"

        public var words: String {
            switch self {
            case .extended: "Kept longer"
            case .held: "Put under legal hold"
            case .holdLifted: "Legal hold lifted"
            case .disposalProposed: "Proposed for disposal"
            case .proposalWithdrawn: "Disposal proposal withdrawn"
            }
        }
    }

    public var step: Step
    /// The new review date of an extension.
    public var until: CalendarDay?
    public var reason: String
    public var by: DecisionBy

    public init(step: Step, until: CalendarDay?, reason: String, by: DecisionBy) {
        self.step = step
        self.until = until
        self.reason = reason
        self.by = by
    }

    /// The longest reason kept, in characters.
    public static let maximumReason = 5_000
    /// The furthest an extension may reach, in years from today: a typing slip ("2206") is refused.
    public static let longestExtensionYears = 30
}

/// Where a person's file stands against its retention schedule, as its page and the leads' review queue show it.
public enum RetentionStanding: Sendable, Equatable {
    /// Kept until its review date.
    case kept(until: CalendarDay)
    /// Its review date has come: a lead decides.
    case due(since: CalendarDay)
    /// Under legal hold: nothing is disposed of until it is lifted.
    case held(reason: String, since: Date)
}

/// A record kept under the retention schedule as retention sees it: a person's file, or advice asked about nobody in
/// particular; when the schedule says it is reviewed, and the decisions taken since.
public struct RetentionFile: Sendable, Equatable {
    /// The person's id, or the advice request's.
    public let id: UUID
    public let review: RetentionSchedule.Review
    /// Oldest first.
    public let decisions: [RetentionDecision]

    public init(id: UUID, review: RetentionSchedule.Review, decisions: [RetentionDecision]) {
        self.id = id
        self.review = review
        self.decisions = decisions
    }

    /// The hold in force, if any: the last hold not followed by a lifting.
    public var hold: RetentionDecision? {
        guard let last = decisions.last(where: { $0.step == .held || $0.step == .holdLifted }), last.step == .held else { return nil }
        return last
    }

    /// The proposal to dispose of the file still waiting for a second lead: the last proposal, unless the file was
    /// since kept longer, put under hold or the proposal withdrawn.
    public var pendingDisposal: RetentionDecision? {
        guard let index = decisions.lastIndex(where: { $0.step == .disposalProposed }) else { return nil }
        let cancelled = decisions[(index + 1)...].contains { [.extended, .held, .proposalWithdrawn].contains($0.step) }
        return cancelled ? nil : decisions[index]
    }

    /// Whether `user` may dispose of the file `today`: its review date has come, it is not under legal hold, and
    /// another lead proposed it (two leads, so that no one person can destroy a file).
    public func disposal(by user: UUID, today: CalendarDay) -> DisposalRefusal? {
        switch standing(today: today) {
        case .held(let reason, _): return .held(reason)
        case .kept(let until): return .notDue(until)
        case .due: break
        }
        guard let proposal = pendingDisposal else { return .noProposal }
        return proposal.by.userID == user ? .sameLead : nil
    }

    /// The day the file is next reviewed: the schedule's, or a later one a lead extended it to.
    public var reviewOn: CalendarDay {
        decisions.compactMap { $0.step == .extended ? $0.until : nil }.reduce(review.on) { max($0, $1) }
    }

    /// The rule that set the review date, without the person's dates (a child's review date is their date of birth
    /// plus the schedule's years): what a disposal certificate and the command-line report state.
    public var reviewRule: String {
        reviewOn > review.on ? "Kept longer by a lead's decision, after: \(review.rule)" : review.rule
    }

    /// The review date as a report that leaves Confidant gives it: the year alone when the date is a date of birth
    /// plus the schedule's years, the day otherwise.
    public var reviewOnWithoutBirth: String {
        reviewOn == review.on && review.fromBirth ? String(reviewOn.year) : reviewOn.iso
    }

    /// Why it is reviewed then, in words.
    public var reviewReason: String {
        guard reviewOn > review.on, let latest = decisions.last(where: { $0.step == .extended && $0.until == reviewOn }) else {
            return review.reason
        }
        return "Kept until \(reviewOn.spelledOut) by a lead's decision: \(latest.reason)"
    }

    public func standing(today: CalendarDay) -> RetentionStanding {
        if let hold { return .held(reason: hold.reason, since: hold.by.at) }
        return reviewOn > today ? .kept(until: reviewOn) : .due(since: reviewOn)
    }

    public func standingWords(today: CalendarDay) -> String {
        switch standing(today: today) {
        case .kept(let until): "Kept until its review on \(until.spelledOut)"
        case .due(let since): "Due for review since \(since.spelledOut)"
        case .held(let reason, _): "Under legal hold: \(reason)"
        }
    }

    /// Checks a lead's decision from its form: a reason always; an extension's new date after today and the current
    /// review date, and within `longestExtensionYears`; a hold only when none is in force, a lifting only when one is.
    public func deciding(
        step: String, until: String, reason: String, by user: UUID, now: Date
    ) -> Result<RetentionDecision, FormProblems> {
        var problems: [RecordFieldError] = []
        let today = CalendarDay(containing: now)
        let chosen = RetentionDecision.Step(rawValue: step)
        if chosen == nil { problems.append(RecordFieldError(field: "step", message: "Choose what to do with the file")) }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if why.isEmpty { problems.append(RecordFieldError(field: "reason", message: "Give the reason: it is kept with the decision")) }
        if why.count > RetentionDecision.maximumReason {
            problems.append(RecordFieldError(field: "reason", message: "Keep the reason to \(RetentionDecision.maximumReason) characters"))
        }
        var day: CalendarDay?
        switch chosen {
        case .extended:
            day = CalendarDay(typed: until)
            if let new = day {
                if new <= today || new <= reviewOn {
                    problems.append(RecordFieldError(field: "until", message: "Give a day after \(max(today, reviewOn).spelledOut)"))
                }
                if new > today.adding(years: RetentionDecision.longestExtensionYears) {
                    problems.append(
                        RecordFieldError(field: "until", message: "Keep it at most \(RetentionDecision.longestExtensionYears) years from today"))
                }
            } else {
                problems.append(RecordFieldError(field: "until", message: "Give the new review date, like 24/11/2030"))
            }
        case .held:
            if hold != nil { problems.append(RecordFieldError(field: "step", message: "The file is already under legal hold")) }
        case .holdLifted:
            if hold == nil { problems.append(RecordFieldError(field: "step", message: "The file is not under legal hold")) }
        case .disposalProposed:
            switch standing(today: today) {
            case .held:
                problems.append(RecordFieldError(field: "step", message: "The file is under legal hold: lift the hold before proposing disposal"))
            case .kept(let until):
                problems.append(RecordFieldError(field: "step", message: "The file is kept until its review on \(until.spelledOut)"))
            case .due:
                if pendingDisposal != nil {
                    problems.append(RecordFieldError(field: "step", message: "Disposal is already proposed: another lead decides"))
                }
            }
        case .proposalWithdrawn:
            if pendingDisposal == nil { problems.append(RecordFieldError(field: "step", message: "No disposal is proposed")) }
        case nil:
            break
        }
        guard problems.isEmpty, let chosen else { return .failure(FormProblems(problems)) }
        return .success(RetentionDecision(step: chosen, until: day, reason: why, by: DecisionBy(userID: user, at: now)))
    }
}
