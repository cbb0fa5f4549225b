import Foundation

/// What a file is attached to: a concern (drafts and submitted ones, where it is an addendum) or a person's record.
public enum AttachmentOwner: Sendable, Hashable {
    case concern(UUID)
    case person(UUID)

    /// The word stored for the kind of record.
    public var kind: String {
        switch self {
        case .concern: "concern"
        case .person: "person"
        }
    }

    public var id: UUID {
        switch self {
        case .concern(let id), .person(let id): id
        }
    }

    /// The record as the audit log names it.
    public var auditTarget: String { "\(kind):\(id.uuidString.lowercased())" }

    public init?(kind: String, id: UUID) {
        switch kind {
        case "concern": self = .concern(id)
        case "person": self = .person(id)
        default: return nil
        }
    }
}

/// A file kept on a record: its facts in the clear, its name and caption sealed like a narrative, its bytes sealed in
/// pieces under a key of its own.
public struct Attachment: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let owner: AttachmentOwner
    public let kind: AttachmentKind
    /// The file's name as it was uploaded, and what the uploader said it shows.
    public let name: String
    public let caption: String
    /// Bytes kept, and their SHA-256 (the same as in the `attachment_added` audit event).
    public let size: Int
    public let sha256: String
    public let removedLocation: Bool
    public let addedBy: UUID
    public let addedAt: Date
    /// Attached after the concern was submitted: an addendum, never part of what was first written.
    public let isAddendum: Bool

    public init(
        id: UUID, owner: AttachmentOwner, kind: AttachmentKind, name: String, caption: String, size: Int, sha256: String,
        removedLocation: Bool, addedBy: UUID, addedAt: Date, isAddendum: Bool
    ) {
        self.id = id
        self.owner = owner
        self.kind = kind
        self.name = name
        self.caption = caption
        self.size = size
        self.sha256 = sha256
        self.removedLocation = removedLocation
        self.addedBy = addedBy
        self.addedAt = addedAt
        self.isAddendum = isAddendum
    }

    /// The longest caption kept, in characters.
    public static let maximumCaptionLength = 500

    /// Who may open it: the safeguarding leads every file, a staff member the files they attached themselves (the
    /// record's other files may hold what they were never told).
    public static func canOpen(addedBy: UUID, user: UserAccount) -> Bool {
        guard !user.disabled else { return false }
        if user.role.isSafeguardingLead { return true }
        return user.role == .staff && addedBy == user.id
    }
}
