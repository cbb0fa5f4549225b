/// The kinds of file a concern or a person's record may carry: what a DSL is given (a photo of a handwritten note, a
/// screenshot of messages, a letter from a GP). Anything else is refused: a file is taken for what its first bytes
/// are, never for what its name says.
public enum AttachmentKind: String, Codable, Sendable, CaseIterable {
    case jpeg
    case png
    case heic
    case pdf
    case text
    case word
    case openDocument = "odt"

    /// What a person calls it.
    public var label: String {
        switch self {
        case .jpeg: "JPEG photo"
        case .png: "PNG image"
        case .heic: "HEIC photo"
        case .pdf: "PDF document"
        case .text: "Plain text"
        case .word: "Word document"
        case .openDocument: "OpenDocument text"
        }
    }

    /// The media type it is served with.
    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .heic: "image/heic"
        case .pdf: "application/pdf"
        case .text: "text/plain; charset=utf-8"
        case .word: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .openDocument: "application/vnd.oasis.opendocument.text"
        }
    }

    /// The file-name ending a download is given, whatever the name it came with.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .heic: "heic"
        case .pdf: "pdf"
        case .text: "txt"
        case .word: "docx"
        case .openDocument: "odt"
        }
    }

    /// A photo or picture, whose location data is removed before it is sealed.
    public var isPhoto: Bool { self == .jpeg || self == .png || self == .heic }

    /// Shown in the page itself; browsers cannot draw HEIC, so a HEIC photo is downloaded like a document.
    public var showsInline: Bool { self == .jpeg || self == .png }

    /// The sentence the upload form shows: which kinds are taken.
    public static let allowedSentence = "photos (JPEG, PNG, HEIC), PDF documents, plain text, Word (.docx) and OpenDocument (.odt) text"

    /// How many of a file's first bytes `recognise` needs to decide.
    public static let headLength = 80

    /// Recognises a file from its first bytes (at least `headLength`, or the whole file when it is shorter).
    ///
    /// A ZIP archive is provisionally Word or OpenDocument: which one, and whether it is a document at all, is settled by
    /// `OfficeArchive` once its directory (at the end of the file) has arrived. Text is anything else that is UTF-8
    /// without control characters other than tab, line feed, carriage return and form feed.
    public static func recognise(_ head: [UInt8]) -> AttachmentKind? {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts(Array("ftyp".utf8), at: 4), head.count >= 12 {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            return ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"].contains(brand) ? .heic : nil
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // An OpenDocument file begins with an uncompressed entry "mimetype" holding its media type.
            let odt = Array("mimetypeapplication/vnd.oasis.opendocument.text".utf8)
            return starts(odt, at: 30) ? .openDocument : .word
        }
        var text = TextCheck()
        return text.take(head[...], last: false) ? .text : nil
    }
}

/// Checks, a piece at a time, that a file is UTF-8 text without control characters; a character split between two
/// pieces is carried over.
public struct TextCheck: Sendable {
    var carried: [UInt8] = []

    public init() {}

    /// Whether `bytes` keep the file valid text; `last` when no more bytes follow.
    public mutating func take(_ bytes: ArraySlice<UInt8>, last: Bool) -> Bool {
        var piece = carried + bytes
        carried = []
        if !last {
            // Hold back an unfinished character at the end for the next piece.
            var start = piece.count
            while start > 0, piece.count - start < 4, piece[start - 1] & 0xC0 == 0x80 { start -= 1 }
            if start > 0, piece[start - 1] >= 0xC0 {
                let lead = piece[start - 1]
                let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                if piece.count - (start - 1) < needed {
                    carried = Array(piece[(start - 1)...])
                    piece.removeLast(carried.count)
                }
            }
        }
        for byte in piece where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { return false }
        if piece.contains(0x7F) { return false }
        return String(validating: piece, as: UTF8.self) != nil
    }
}
