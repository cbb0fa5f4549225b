import Foundation

/// A task a share that breaks a confidence opens: tell the person, involve them, or record why they were not told ([Limited confidentiality],
/// contract rule 7).
///
/// One task of each kind per person per concern, however many shares there are: a child is told once about
/// everything shared of one concern, so later shares join the open task (`shareIDs`) rather than opening another.
public struct InformTask: Sendable, Equatable, Identifiable {
    /// What the task asks for, in the words stored and shown.
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// Tell the person what was shared, with whom and why.
        case inform
        /// Record the person's views and wishes, and whether the share changed because of them.
        case involve
        /// Telling them was withheld: record the reason, with a lead's approval and a review date.
        case reasonNotInformed = "reason_not_informed"

        /// The name shown on pages.
        public var label: String {
            switch self {
            case .inform: "Inform the person"
            case .involve: "Involve the person"
            case .reasonNotInformed: "Record why the person was not informed"
            }
        }
    }

    /// How the person was told or involved.
    public enum Method: String, CaseIterable, Codable, Sendable {
        case inPerson = "in_person"
        case phone
        case letter
        case other

        /// The name shown on pages.
        public var label: String {
            switch self {
            case .inPerson: "In person"
            case .phone: "By phone"
            case .letter: "By letter"
            case .other: "Another way"
            }
        }
    }

    public var id: UUID
    /// The share that opened it.
    public var shareID: UUID
    /// Every share the task covers, oldest first (the one that opened it first).
    public var shareIDs: [UUID]
    public var concernID: UUID
    public var personID: UUID
    public var kind: Kind
    public var dueAt: Date
    public var completedBy: UUID?
    public var completedAt: Date?
    public var method: Method?
    /// What the person said, or the reason they were not told.
    public var note: String?

    /// Creates a task.
    public init(
        id: UUID, shareID: UUID, shareIDs: [UUID]? = nil, concernID: UUID, personID: UUID, kind: Kind, dueAt: Date,
        completedBy: UUID? = nil, completedAt: Date? = nil, method: Method? = nil, note: String? = nil
    ) {
        self.id = id
        self.shareID = shareID
        self.shareIDs = shareIDs ?? [shareID]
        self.concernID = concernID
        self.personID = personID
        self.kind = kind
        self.dueAt = dueAt
        self.completedBy = completedBy
        self.completedAt = completedAt
        self.method = method
        self.note = note
    }

    /// How many working days the person has to be told in (docs/sharing.md: default 2, configurable).
    public static let defaultWorkingDays = 2

    /// The tasks a sent share opens, from the obligations of the decision it was sent on: none unless it breaks a confidence.
    public static func kinds(for obligations: [Obligation]) -> [Kind] {
        if obligations.contains(.recordReasonNotInformed) { return [.reasonNotInformed] }
        if obligations.contains(.informIndividual) {
            return obligations.contains(.involveIndividual) ? [.inform, .involve] : [.inform]
        }
        return []
    }

    /// Where a task stands at a moment.
    public enum Progress: String, Sendable, CaseIterable {
        case open
        /// Due within a day.
        case due
        case overdue
        case done
    }

    /// Where the task stands at `now`: done, overdue, due within a day, or open.
    public func state(now: Date) -> Progress {
        if completedAt != nil { return .done }
        if now >= dueAt { return .overdue }
        if dueAt.timeIntervalSince(now) < 86_400 { return .due }
        return .open
    }
}
