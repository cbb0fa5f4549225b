/// One of the eight data masks of ISO/IEC 18004 §7.8.2 (Table 10), applied to break up patterns a reader could confuse.
public enum QRMask: Int, CaseIterable, Sendable, Codable {
    /// (row + column) mod 2 = 0.
    case checkerboard = 0
    /// row mod 2 = 0.
    case horizontalLines = 1
    /// column mod 3 = 0.
    case verticalLines = 2
    /// (row + column) mod 3 = 0.
    case diagonalLines = 3
    /// (⌊row / 2⌋ + ⌊column / 3⌋) mod 2 = 0.
    case largeCheckerboard = 4
    /// (row·column) mod 2 + (row·column) mod 3 = 0.
    case fields = 5
    /// ((row·column) mod 2 + (row·column) mod 3) mod 2 = 0.
    case diamonds = 6
    /// ((row + column) mod 2 + (row·column) mod 3) mod 2 = 0.
    case meadow = 7

    /// Whether the module at a row and column is inverted by this mask.
    public func inverts(row: Int, column: Int) -> Bool {
        switch self {
        case .checkerboard: (row + column) % 2 == 0
        case .horizontalLines: row % 2 == 0
        case .verticalLines: column % 3 == 0
        case .diagonalLines: (row + column) % 3 == 0
        case .largeCheckerboard: (row / 2 + column / 3) % 2 == 0
        case .fields: (row * column) % 2 + (row * column) % 3 == 0
        case .diamonds: ((row * column) % 2 + (row * column) % 3) % 2 == 0
        case .meadow: ((row + column) % 2 + (row * column) % 3) % 2 == 0
        }
    }
}
