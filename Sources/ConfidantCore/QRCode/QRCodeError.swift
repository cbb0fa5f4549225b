/// Why a QR code could not be made.
public enum QRCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data does not fit in the largest version allowed at this error correction level.
    case dataTooLong(bytes: Int, maximumBytes: Int)
    /// The versions asked for are outside 1…40 or the minimum is above the maximum.
    case invalidVersionRange(minimum: Int, maximum: Int)

    /// A sentence saying what to fix.
    public var description: String {
        switch self {
        case .dataTooLong(let bytes, let maximum):
            "the text is \(bytes) bytes long; at most \(maximum) bytes fit: use a shorter link"
        case .invalidVersionRange(let minimum, let maximum):
            "QR code versions must lie in 1…40 with the minimum not above the maximum (got \(minimum)…\(maximum))"
        }
    }
}
