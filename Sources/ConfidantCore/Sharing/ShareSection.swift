/// One part of what leaves the organisation in a share: a heading and the exact text sent.
public struct ShareSection: Codable, Sendable, Equatable {
    public var heading: String
    public var text: String

    /// Creates a section.
    public init(heading: String, text: String) {
        self.heading = heading
        self.text = text
    }
}
