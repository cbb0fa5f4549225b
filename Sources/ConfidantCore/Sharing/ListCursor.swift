import Foundation

/// Where a list shown newest first continues: the time and id of the last row a page showed (keyset paging, so a page
/// deep in a long list reads only its own rows and does not shift as new rows arrive).
public struct ListCursor: Sendable, Equatable {
    public let at: Date
    public let id: UUID

    public init(at: Date, id: UUID) {
        self.at = at
        self.id = id
    }

    /// The cursor as a link carries it: `seconds_id`, the time exactly as stored.
    public var text: String { "\(at.timeIntervalSince1970)_\(id.uuidString.lowercased())" }

    /// Reads a cursor from a link; nil when it is not one.
    public init?(text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 40, let seconds = Double(parts[0]), seconds.isFinite,
            let id = UUID(uuidString: String(parts[1]))
        else { return nil }
        self.init(at: Date(timeIntervalSince1970: seconds), id: id)
    }
}
