/// One part of what leaves the organisation in a share: a heading and the exact text or fields sent.
public struct ShareSection: Codable, Sendable, Equatable {
    public var heading: String
    public var text: String
    /// Labelled facts, for the blocks that are not narrative ("Who this is about", "Who to contact").
    public var fields: [ShareField]

    /// Creates a section.
    public init(heading: String, text: String = "", fields: [ShareField] = []) {
        self.heading = heading
        self.text = text
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey { case heading, text, fields }

    /// Reads a section; snapshots frozen before sections had fields have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        heading = try container.decode(String.self, forKey: .heading)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        fields = try container.decodeIfPresent([ShareField].self, forKey: .fields) ?? []
    }
}

/// A labelled fact in a share: "Date of birth: 27 March 2014 (12)".
public struct ShareField: Codable, Sendable, Equatable {
    public var label: String
    public var value: String

    /// Creates a field.
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}
