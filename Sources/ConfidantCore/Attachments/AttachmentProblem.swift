/// Why a file was not attached, in words the person uploading it can act on.
public enum AttachmentProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case empty(name: String)
    case tooLarge(name: String, limit: Int)
    case recordFull(limit: Int)
    case notAllowed(name: String)
    case notWhatItSays(name: String, actually: AttachmentKind)
    case damaged(name: String, why: String)
    case macros(name: String)
    case archiveBomb(name: String)
    case badName(String)
    case cutOff
    case noFile
    case tooManyFiles(limit: Int)
    case captionTooLong(limit: Int)

    public var description: String {
        switch self {
        case .empty(let name): "“\(name)” is empty: choose the file again."
        case .tooLarge(let name, let limit): "“\(name)” is larger than \(Self.megabytes(limit)), the most one file may be."
        case .recordFull(let limit): "These files would take this record past \(Self.megabytes(limit)) of attachments, its limit."
        case .notAllowed(let name):
            "“\(name)” is not a kind of file Confidant keeps. It takes \(AttachmentKind.allowedSentence); save or print it as a PDF first."
        case .notWhatItSays(let name, let actually):
            "“\(name)” is named as another kind of file but is a \(actually.label.lowercased()): rename it or save it again."
        case .damaged(let name, let why): "“\(name)” could not be read (\(why)): save it again and retry."
        case .macros(let name): "“\(name)” holds macros, which Confidant does not keep: save it as a plain .docx or a PDF."
        case .archiveBomb(let name): "“\(name)” unpacks to far more than its size, as a harmful file does: save it again as a PDF."
        case .badName(let why): "The file's name \(why): rename it and retry."
        case .cutOff: "The upload was cut off before it finished, and nothing was kept: try again."
        case .noFile: "Choose at least one file to attach."
        case .tooManyFiles(let limit): "Attach at most \(limit) files at a time: choose fewer and attach the rest next."
        case .captionTooLong(let limit): "Keep the caption to \(limit) characters."
        }
    }

    static func megabytes(_ bytes: Int) -> String { bytes < 1_048_576 ? "\(bytes / 1024) KB" : "\(bytes / 1_048_576) MB" }
}
