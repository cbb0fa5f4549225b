import Foundation

/// A file's name as the uploader's device gave it, checked before anything is stored.
///
/// Names are shown back to readers and used when a file is downloaded, so one that could climb out of a folder, hide
/// characters or end up as a different kind of file is refused rather than quietly changed.
public struct AttachmentName: Sendable, Equatable {
    public let text: String

    /// The longest name kept, in characters.
    public static let maximumLength = 200

    public init(_ raw: String) throws(AttachmentProblem) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .badName("is empty") }
        guard trimmed.count <= Self.maximumLength else { throw .badName("is longer than \(Self.maximumLength) characters") }
        guard !trimmed.contains("/"), !trimmed.contains("\\") else { throw .badName("contains a folder separator (/ or \\)") }
        guard trimmed != ".", trimmed != ".." else { throw .badName("is not a file's name") }
        for scalar in trimmed.unicodeScalars {
            let value = scalar.value
            // C0 and C1 controls, and the bidirectional overrides that make "gpj.exe" read as "exe.jpg".
            if value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
                throw .badName("contains control characters")
            }
        }
        text = trimmed
    }

    /// The name's ending after its last dot, lower-cased; "" when there is none.
    public var fileExtension: String {
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex else { return "" }
        return text[text.index(after: dot)...].lowercased()
    }

    /// The kinds whose usual name endings this one is; an unknown ending says nothing.
    public var claimedKinds: Set<AttachmentKind>? {
        switch fileExtension {
        case "jpg", "jpeg", "jpe", "jfif": [.jpeg]
        case "png": [.png]
        case "heic", "heif", "hif": [.heic]
        case "pdf": [.pdf]
        case "txt", "text", "md", "csv", "log": [.text]
        case "docx": [.word]
        case "odt": [.openDocument]
        case "doc", "docm", "dotm", "xls", "xlsx", "xlsm", "ppt", "pptx", "pptm", "zip", "exe", "js", "html", "htm", "svg", "bat", "cmd", "scr":
            []
        default: nil
        }
    }
}
