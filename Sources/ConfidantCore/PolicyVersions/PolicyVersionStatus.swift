/// Where a version of the organisation's policy is in its life: drafted, consulted on, in force, replaced.
///
/// A policy people are held to must be agreed before it applies, so a version is consulted on
/// before publication, and the published text is never edited: changes start a new draft.
public enum PolicyVersionStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case consultation
    case published
    case superseded

    /// The name shown to people in pages and messages.
    public var title: String {
        switch self {
        case .draft: "Draft"
        case .consultation: "Open for consultation"
        case .published: "Published (current)"
        case .superseded: "Superseded"
        }
    }

    /// Whether the version can no longer change (published or superseded).
    public var isFinal: Bool { self == .published || self == .superseded }
}
