import Foundation

/// A request by someone for the personal data held about a person (UK GDPR Art. 15; the ICO's guidance on the right
/// of access): who asked and on what footing, for whom, when it arrived, and how its clock has run since.
public struct SubjectAccessRequest: Sendable, Equatable, Identifiable {
    public let id: UUID
    /// The person whose data is asked for.
    public let personID: UUID
    public let details: SubjectAccessDetails
    /// The day it reached the organisation, by any route: the clock runs from here.
    public let receivedOn: CalendarDay
    public let progress: SubjectAccessProgress
    public let recordedBy: UUID
    public let recordedAt: Date
    /// When the response was released; nil while it is being prepared.
    public let releasedAt: Date?

    public init(
        id: UUID, personID: UUID, details: SubjectAccessDetails, receivedOn: CalendarDay, progress: SubjectAccessProgress, recordedBy: UUID,
        recordedAt: Date, releasedAt: Date?
    ) {
        self.id = id
        self.personID = personID
        self.details = details
        self.receivedOn = receivedOn
        self.progress = progress
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.releasedAt = releasedAt
    }

    public var clock: SubjectAccessClock {
        SubjectAccessClock(
            receivedOn: receivedOn, stops: progress.pauses.map { .init(asked: $0.asked, answered: $0.answered) },
            extensionMonths: progress.extended?.months ?? 0)
    }

    /// Where it stands in words, for the register and the request's page.
    public func standingWords(today: CalendarDay) -> String {
        if let releasedAt { return "Answered on \(CalendarDay(containing: releasedAt).spelledOut)" }
        let due = clock.dueOn(today: today)
        switch clock.standing(today: today) {
        case .stopped:
            let waiting = progress.openPause.map { $0.reason == .identity ? "proof of identity" : "a clarification" } ?? "the requester"
            return "Clock stopped: waiting for \(waiting)"
        case .due(let days) where days == 0: return "Due today"
        case .due(let days): return "Due in \(days) day\(days == 1 ? "" : "s"), on \(due.spelledOut)"
        case .overdue(let days): return "Overdue by \(days) day\(days == 1 ? "" : "s"): it was due on \(due.spelledOut)"
        }
    }

    /// Whether the request is past its due date and not yet answered.
    public func isOverdue(today: CalendarDay) -> Bool {
        guard releasedAt == nil, case .overdue = clock.standing(today: today) else { return false }
        return true
    }
}

/// On what footing someone asks (the ICO's guidance): the person themselves, a parent with parental responsibility for
/// a child, or someone the person has authorised (a solicitor, an advocate, a relative with written authority).
public enum SubjectAccessRequester: String, Sendable, Codable, CaseIterable {
    case thePerson = "the_person"
    case parent
    case representative

    public var words: String {
        switch self {
        case .thePerson: "The person themselves"
        case .parent: "A parent with parental responsibility"
        case .representative: "Someone acting for them with their authority"
        }
    }
}

/// Who asked, how to reach them and what they asked for: sealed, since it names people.
public struct SubjectAccessDetails: Sendable, Equatable, Codable {
    public var requesterName: String
    public var requester: SubjectAccessRequester
    /// An email or postal address for the response.
    public var contact: String
    /// What they asked for, in their words or a summary.
    public var whatAsked: String
    /// How their identity and, for someone acting for another, their authority were checked (or what is still needed).
    public var authority: String

    public init(requesterName: String, requester: SubjectAccessRequester, contact: String, whatAsked: String, authority: String) {
        self.requesterName = requesterName
        self.requester = requester
        self.contact = contact
        self.whatAsked = whatAsked
        self.authority = authority
    }

    /// The longest text kept in one field, in characters.
    public static let maximumLength = 5_000
}

/// Why the clock stood still: the organisation asked the requester for something it needs before it can answer.
public enum SubjectAccessPauseReason: String, Sendable, Codable, CaseIterable {
    case identity
    case clarification

    public var words: String {
        switch self {
        case .identity: "Proof of identity or of authority"
        case .clarification: "A clarification of what is asked for"
        }
    }
}

/// One stop of the clock: asked on one day, answered (if yet) on another.
public struct SubjectAccessPause: Sendable, Equatable, Codable {
    public var reason: SubjectAccessPauseReason
    public var asked: CalendarDay
    public var answered: CalendarDay?
    public var note: String
    public var by: DecisionBy
}

/// The extension of the limit (Art. 12(3)): by how many months, why, and the day the requester was told.
public struct SubjectAccessExtension: Sendable, Equatable, Codable {
    public var months: Int
    public var reason: String
    public var toldOn: CalendarDay
    public var by: DecisionBy
}

/// What has happened to a request's clock since it arrived.
public struct SubjectAccessProgress: Sendable, Equatable, Codable {
    public var pauses: [SubjectAccessPause]
    public var extended: SubjectAccessExtension?

    public init(pauses: [SubjectAccessPause] = [], extended: SubjectAccessExtension? = nil) {
        self.pauses = pauses
        self.extended = extended
    }

    /// The stop still waiting for its answer, if any.
    public var openPause: SubjectAccessPause? { pauses.last { $0.answered == nil } }
}

/// A new request as its form sent it, before it is checked.
public struct SubjectAccessEntry: Sendable, Equatable {
    public var requesterName = ""
    public var requester = ""
    public var contact = ""
    public var whatAsked = ""
    public var authority = ""
    public var receivedOn = ""

    public init(
        requesterName: String = "", requester: String = "", contact: String = "", whatAsked: String = "", authority: String = "",
        receivedOn: String = ""
    ) {
        self.requesterName = requesterName
        self.requester = requester
        self.contact = contact
        self.whatAsked = whatAsked
        self.authority = authority
        self.receivedOn = receivedOn
    }

    /// What a request needs: who asked and on what footing, where to answer, what they asked for, and the day it
    /// arrived (not in the future). Someone asking for another must say how their authority was checked, or that it
    /// is still to be: the clock may then be stopped until it is.
    public func checked(today: CalendarDay) -> Result<(details: SubjectAccessDetails, receivedOn: CalendarDay), FormProblems> {
        var problems: [RecordFieldError] = []
        func text(_ value: String, _ field: String, required: String?) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if let required, trimmed.isEmpty { problems.append(RecordFieldError(field: field, message: required)) }
            if trimmed.count > SubjectAccessDetails.maximumLength {
                problems.append(RecordFieldError(field: field, message: "Keep this to \(SubjectAccessDetails.maximumLength) characters"))
            }
            return trimmed
        }
        let name = text(requesterName, "requester_name", required: "Give the name of the person who asked")
        let kind = SubjectAccessRequester(rawValue: requester)
        if kind == nil {
            problems.append(RecordFieldError(field: "requester", message: "Say who asked: the person, a parent, or someone acting for them"))
        }
        let contactText = text(contact, "contact", required: "Give an email or postal address for the response")
        let what = text(whatAsked, "what_asked", required: "Say what they asked for")
        let authorityText = text(
            authority, "authority",
            required: kind == nil || kind == .thePerson ? nil : "Say how their authority to ask was checked, or that it is still to be checked")
        let day = CalendarDay(typed: receivedOn)
        if let day {
            if day > today { problems.append(RecordFieldError(field: "received_on", message: "The day it arrived cannot be in the future")) }
        } else {
            problems.append(RecordFieldError(field: "received_on", message: "Give the day it arrived, like 24/11/2026"))
        }
        guard problems.isEmpty, let kind, let day else { return .failure(FormProblems(problems)) }
        return .success(
            (SubjectAccessDetails(requesterName: name, requester: kind, contact: contactText, whatAsked: what, authority: authorityText), day))
    }
}

extension SubjectAccessRequest {
    static func day(_ typed: String, field: String, what: String, problems: inout [RecordFieldError]) -> CalendarDay? {
        guard let day = CalendarDay(typed: typed) else {
            problems.append(RecordFieldError(field: field, message: "Give the day \(what), like 24/11/2026"))
            return nil
        }
        return day
    }

    /// The clock stopped: the organisation asked for proof of identity or a clarification on `askedOn`.
    public func pausing(
        reason: String, askedOn: String, note: String, by user: UUID, now: Date
    ) -> Result<SubjectAccessProgress, FormProblems> {
        var problems: [RecordFieldError] = []
        let today = CalendarDay(containing: now)
        if releasedAt != nil { problems.append(RecordFieldError(field: "reason", message: "This request has been answered")) }
        if progress.openPause != nil {
            problems.append(RecordFieldError(field: "reason", message: "The clock is already stopped: record the answer first"))
        }
        let why = SubjectAccessPauseReason(rawValue: reason)
        if why == nil { problems.append(RecordFieldError(field: "reason", message: "Say what was asked for: identity or a clarification")) }
        let asked = Self.day(askedOn, field: "asked_on", what: "it was asked for", problems: &problems)
        if let asked {
            if asked > today { problems.append(RecordFieldError(field: "asked_on", message: "The day it was asked for cannot be in the future")) }
            if asked < receivedOn {
                problems.append(RecordFieldError(field: "asked_on", message: "The day it was asked for cannot be before the request arrived"))
            }
            if let last = progress.pauses.compactMap(\.answered).max(), asked < last {
                problems.append(RecordFieldError(field: "asked_on", message: "The clock last started again on \(last.spelledOut): give a later day"))
            }
            // A request already overdue cannot be stopped: the clock had run out before anything was asked.
            let due = clock.dueOn(today: today)
            if asked > due {
                problems.append(
                    RecordFieldError(field: "asked_on", message: "The request was due on \(due.spelledOut): the clock can no longer be stopped"))
            }
        }
        let noted = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if noted.count > SubjectAccessDetails.maximumLength {
            problems.append(RecordFieldError(field: "note", message: "Keep this to \(SubjectAccessDetails.maximumLength) characters"))
        }
        guard problems.isEmpty, let why, let asked else { return .failure(FormProblems(problems)) }
        var changed = progress
        changed.pauses.append(SubjectAccessPause(reason: why, asked: asked, answered: nil, note: noted, by: DecisionBy(userID: user, at: now)))
        return .success(changed)
    }

    /// The clock started again: what was asked for arrived on `answeredOn`.
    public func resuming(answeredOn: String, now: Date) -> Result<SubjectAccessProgress, FormProblems> {
        var problems: [RecordFieldError] = []
        guard let open = progress.pauses.lastIndex(where: { $0.answered == nil }) else {
            return .failure(FormProblems([RecordFieldError(field: "answered_on", message: "The clock is not stopped")]))
        }
        let answered = Self.day(answeredOn, field: "answered_on", what: "the answer arrived", problems: &problems)
        if let answered {
            if answered > CalendarDay(containing: now) {
                problems.append(RecordFieldError(field: "answered_on", message: "The day the answer arrived cannot be in the future"))
            }
            if answered < progress.pauses[open].asked {
                problems.append(
                    RecordFieldError(
                        field: "answered_on", message: "It was asked for on \(progress.pauses[open].asked.spelledOut): the answer cannot come before")
                )
            }
        }
        guard problems.isEmpty, let answered else { return .failure(FormProblems(problems)) }
        var changed = progress
        changed.pauses[open].answered = answered
        return .success(changed)
    }

    /// The limit extended by `months` (1 or 2) because the request is complex or one of several; the requester must
    /// be told, with the reason, within the first month (Art. 12(3)), so a day told after that is refused.
    public func extending(
        months: String, reason: String, toldOn: String, by user: UUID, now: Date
    ) -> Result<SubjectAccessProgress, FormProblems> {
        var problems: [RecordFieldError] = []
        let today = CalendarDay(containing: now)
        if releasedAt != nil { problems.append(RecordFieldError(field: "months", message: "This request has been answered")) }
        if progress.extended != nil { problems.append(RecordFieldError(field: "months", message: "The limit has already been extended")) }
        let count = Int(months)
        if count == nil || !(1...SubjectAccessClock.longestExtension).contains(count ?? 0) {
            problems.append(RecordFieldError(field: "months", message: "Choose one or two further months"))
        }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if why.isEmpty { problems.append(RecordFieldError(field: "extension_reason", message: "Give the reason: the requester is told it")) }
        if why.count > SubjectAccessDetails.maximumLength {
            problems.append(RecordFieldError(field: "extension_reason", message: "Keep this to \(SubjectAccessDetails.maximumLength) characters"))
        }
        let told = Self.day(toldOn, field: "told_on", what: "the requester was told", problems: &problems)
        if let told {
            let lastDay = clock.lastDayToExtend(today: today)
            if told > today { problems.append(RecordFieldError(field: "told_on", message: "The day they were told cannot be in the future")) }
            if told < receivedOn {
                problems.append(RecordFieldError(field: "told_on", message: "The day they were told cannot be before the request arrived"))
            }
            if told > lastDay {
                problems.append(
                    RecordFieldError(
                        field: "told_on",
                        message: "An extension must be told within the first month, by \(lastDay.spelledOut): this request can no longer be extended")
                )
            }
        }
        guard problems.isEmpty, let count, let told else { return .failure(FormProblems(problems)) }
        var changed = progress
        changed.extended = SubjectAccessExtension(months: count, reason: why, toldOn: told, by: DecisionBy(userID: user, at: now))
        return .success(changed)
    }
}
