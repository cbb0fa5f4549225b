/// Where a share stands; a decision not to share is kept as carefully as a share (docs/sharing.md, UK guidance on explaining refusals).
public enum ShareStatus: String, CaseIterable, Codable, Sendable {
    /// Sent: the snapshot is frozen and the recipient can open it.
    case shared
    /// The engine escalated; a safeguarding lead must approve or refuse.
    case awaitingApproval = "awaiting_approval"
    /// A safeguarding lead refused, with a reason.
    case refused
    /// The engine denied it, or the user decided to stop.
    case notShared = "not_shared"

    /// The words shown on pages.
    public var label: String {
        switch self {
        case .shared: "Shared"
        case .awaitingApproval: "Waiting for a safeguarding lead"
        case .refused: "Refused by a safeguarding lead"
        case .notShared: "Decided not to share"
        }
    }
}
