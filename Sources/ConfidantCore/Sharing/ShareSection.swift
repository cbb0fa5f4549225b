import Foundation

/// One part of what leaves the organisation in a share: a heading and the exact text or fields sent.
public struct ShareSection: Codable, Sendable, Equatable {
    public var heading: String
    public var text: String
    /// Labelled facts, for the blocks that are not narrative ("Who this is about", "Who to contact").
    public var fields: [ShareField]
    /// The files sent, for the "Files" section: each one's facts, so the snapshot says exactly which bytes left.
    public var files: [SharedFile]
    /// The marks sent, for the "Body map" section, drawn on the outline they were made on.
    public var bodyMarks: [BodyMark]

    /// Creates a section.
    public init(heading: String, text: String = "", fields: [ShareField] = [], files: [SharedFile] = [], bodyMarks: [BodyMark] = []) {
        self.heading = heading
        self.text = text
        self.fields = fields
        self.files = files
        self.bodyMarks = bodyMarks
    }

    enum CodingKeys: String, CodingKey { case heading, text, fields, files, bodyMarks }

    /// Reads a section; snapshots frozen before sections had fields, files or marks have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        heading = try container.decode(String.self, forKey: .heading)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        fields = try container.decodeIfPresent([ShareField].self, forKey: .fields) ?? []
        files = try container.decodeIfPresent([SharedFile].self, forKey: .files) ?? []
        bodyMarks = try container.decodeIfPresent([BodyMark].self, forKey: .bodyMarks) ?? []
    }
}

/// A file a share sends: which stored file, and what it is, as it was when the share was made.
///
/// Files are never changed once stored, so the id and its SHA-256 name exactly the bytes the recipient may open.
public struct SharedFile: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var caption: String
    public var kind: AttachmentKind
    public var size: Int
    public var sha256: String

    /// The file's facts, with its name and caption as they are sent.
    public init(_ attachment: Attachment, name: String, caption: String) {
        id = attachment.id
        self.name = name
        self.caption = caption
        kind = attachment.kind
        size = attachment.size
        sha256 = attachment.sha256
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
