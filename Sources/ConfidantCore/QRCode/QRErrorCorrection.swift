/// A QR code error correction level (ISO/IEC 18004 §6.5.1): how much of the symbol can be damaged and still read.
///
/// Posters get level M (about 15% recoverable), the usual trade-off between size and robustness
/// for printed codes that may be scuffed or partly covered.
public enum QRErrorCorrection: String, CaseIterable, Sendable, Codable {
    /// About 7% of codewords recoverable.
    case low = "L"
    /// About 15% of codewords recoverable.
    case medium = "M"
    /// About 25% of codewords recoverable.
    case quartile = "Q"
    /// About 30% of codewords recoverable.
    case high = "H"

    /// The two bits that stand for the level in the format information (ISO/IEC 18004 Table 12).
    public var formatBits: Int {
        switch self {
        case .low: 1
        case .medium: 0
        case .quartile: 3
        case .high: 2
        }
    }

    /// The number of error correction codewords in each block of a version (ISO/IEC 18004 Table 9).
    public func eccCodewordsPerBlock(version: Int) -> Int {
        Self.eccPerBlock[tableRow][version - 1]
    }

    /// The number of error correction blocks in a version (ISO/IEC 18004 Table 9).
    public func blockCount(version: Int) -> Int {
        Self.blocks[tableRow][version - 1]
    }

    private var tableRow: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    // Table 9 of ISO/IEC 18004, versions 1 to 40, rows L, M, Q, H (generated from the
    // python-qrcode package's RS_BLOCK_TABLE and checked against the codeword capacity of each version).
    private static let eccPerBlock: [[Int]] = [
        [
            7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30,
            30, 30, 30, 30, 30,
        ],
        [
            10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
            28, 28, 28, 28, 28, 28,
        ],
        [
            13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30,
            30, 30, 30, 30, 30, 30,
        ],
        [
            17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
            30, 30, 30, 30, 30, 30,
        ],
    ]

    private static let blocks: [[Int]] = [
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [
            1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45,
            47, 49,
        ],
        [
            1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59,
            62, 65, 68,
        ],
        [
            1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70,
            74, 77, 81,
        ],
    ]
}
