/// Why a step on a record (a person, a concern, a share, a task, an advice request) was refused.
public enum RecordError: Error, Equatable, CustomStringConvertible {
    /// No such record, or not one the caller may change.
    case notFound
    /// The record is submitted and immutable (policy, "Recording": the original stays as it was).
    case submittedIsFinal
    /// What was asked for is not possible as asked (a person linked to themselves); the words say what to change.
    case invalidRequest(String)
    /// The record is not in a state that allows the step now (already linked, not waiting for a lead).
    case notNow(String)

    public var description: String {
        switch self {
        case .notFound: "There is no such record, or it is not yours to change."
        case .submittedIsFinal: "A submitted record cannot be changed. Add an addendum instead: the original stays as it was."
        case .invalidRequest(let why), .notNow(let why): why
        }
    }
}
