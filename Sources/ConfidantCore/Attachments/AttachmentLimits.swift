/// How much may be attached: each file, and everything on one record (the organisation sets both; the defaults are
/// more than the 40 MB a file other systems allow would need twice over for a letter).
public struct AttachmentLimits: Sendable, Equatable {
    /// The most one file may hold, in bytes.
    public var perFile: Int
    /// The most all the files of one concern or person may hold together, in bytes.
    public var perRecord: Int
    /// The most files one upload may carry (each file's last piece is held until the whole upload has arrived).
    public static let filesPerUpload = 10

    public init(perFile: Int = 25 * 1_048_576, perRecord: Int = 100 * 1_048_576) {
        self.perFile = perFile
        self.perRecord = perRecord
    }
}
