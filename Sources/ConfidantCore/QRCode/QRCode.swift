/// A QR code symbol (ISO/IEC 18004 Model 2) holding bytes in byte mode: a square matrix of dark and light modules.
///
/// Made for the links on the public explainer posters [Purpose of policy: "easily understood by
/// everyone"]: a poster carries a code that opens the page for its audience. The encoder is
/// pure Swift so Core stays free of I/O and system libraries. Scope: byte mode only (a URL is
/// bytes), one segment, no ECI, no Structured Append, no Micro QR; versions 1–40 at all four error
/// correction levels (the posters use M). The mask is chosen by the four penalty rules of §7.8.3,
/// or fixed by the caller (tests use that to compare with reference encoders).
public struct QRCode: Hashable, Sendable {
    /// The version, 1…40: the symbol is 17 + 4·version modules wide.
    public let version: Int
    /// The error correction level.
    public let errorCorrection: QRErrorCorrection
    /// The data mask applied.
    public let mask: QRMask
    /// The width and height in modules, without the quiet zone.
    public let size: Int
    /// The modules row by row, top to bottom, left to right; `true` is dark.
    public let modules: [Bool]

    /// Encodes text as UTF-8 bytes in the smallest version that holds it.
    public init(
        text: String, errorCorrection: QRErrorCorrection = .medium, minimumVersion: Int = 1,
        maximumVersion: Int = 40, mask: QRMask? = nil
    ) throws(QRCodeError) {
        try self.init(
            bytes: Array(text.utf8), errorCorrection: errorCorrection,
            minimumVersion: minimumVersion, maximumVersion: maximumVersion, mask: mask)
    }

    /// Encodes bytes in the smallest version within the range that holds them.
    public init(
        bytes: [UInt8], errorCorrection: QRErrorCorrection = .medium, minimumVersion: Int = 1,
        maximumVersion: Int = 40, mask: QRMask? = nil
    ) throws(QRCodeError) {
        guard 1 <= minimumVersion, minimumVersion <= maximumVersion, maximumVersion <= 40 else {
            throw .invalidVersionRange(minimum: minimumVersion, maximum: maximumVersion)
        }
        guard
            let version = (minimumVersion...maximumVersion).first(where: {
                Self.byteCapacity(version: $0, errorCorrection: errorCorrection) >= bytes.count
            })
        else {
            throw .dataTooLong(
                bytes: bytes.count,
                maximumBytes: Self.byteCapacity(version: maximumVersion, errorCorrection: errorCorrection))
        }
        let data = Self.dataCodewords(bytes: bytes, version: version, errorCorrection: errorCorrection)
        let codewords = Self.interleavedCodewords(data: data, version: version, errorCorrection: errorCorrection)
        var matrix = QRMatrixBuilder(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(codewords)
        let chosen: QRMask
        if let mask {
            chosen = mask
        } else {
            // Try every mask with its format information in place, keep the lowest penalty
            // (the first on a tie), as §7.8.3 prescribes.
            var best = QRMask.checkerboard
            var bestScore = Int.max
            for candidate in QRMask.allCases {
                var trial = matrix
                trial.apply(mask: candidate)
                trial.drawFormatBits(Self.formatBits(errorCorrection: errorCorrection, mask: candidate))
                let score = Self.penalty(modules: trial.modules, size: trial.size)
                if score < bestScore {
                    best = candidate
                    bestScore = score
                }
            }
            chosen = best
        }
        matrix.apply(mask: chosen)
        matrix.drawFormatBits(Self.formatBits(errorCorrection: errorCorrection, mask: chosen))
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = chosen
        self.size = matrix.size
        self.modules = matrix.modules
    }

    /// Whether the module at a row and column is dark (outside the symbol is the light quiet zone).
    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }

    /// The matrix as text, one line per row, `1` for dark and `0` for light (the fixtures' format).
    public var bitRows: [String] {
        (0..<size).map { row in
            String((0..<size).map { isDark(row: row, column: $0) ? "1" : "0" })
        }
    }

    // MARK: Capacity and codewords

    /// The number of modules that carry codewords (data and error correction) in a version.
    public static func rawDataModules(version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignmentCount = version / 7 + 2
            result -= (25 * alignmentCount - 10) * alignmentCount - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    /// The number of data codewords (8-bit) a version holds at a level (ISO/IEC 18004 Table 7).
    public static func dataCodewordCount(version: Int, errorCorrection: QRErrorCorrection) -> Int {
        rawDataModules(version: version) / 8
            - errorCorrection.eccCodewordsPerBlock(version: version) * errorCorrection.blockCount(version: version)
    }

    /// The number of bits in byte mode's character count indicator (ISO/IEC 18004 Table 3).
    static func countBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// The most bytes a version holds in byte mode at a level.
    public static func byteCapacity(version: Int, errorCorrection: QRErrorCorrection) -> Int {
        (dataCodewordCount(version: version, errorCorrection: errorCorrection) * 8 - 4 - countBits(version: version)) / 8
    }

    /// The data codewords: mode 0100, the count, the bytes, the terminator, then pad bytes 0xEC 0x11 (§7.4).
    ///
    /// The bytes must fit (`byteCapacity`); the initialisers check that first.
    public static func dataCodewords(bytes: [UInt8], version: Int, errorCorrection: QRErrorCorrection) -> [UInt8] {
        let capacityBits = dataCodewordCount(version: version, errorCorrection: errorCorrection) * 8
        var bits: [Bool] = []
        bits.reserveCapacity(capacityBits)
        func append(_ value: Int, count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        append(0b0100, count: 4)
        append(bytes.count, count: countBits(version: version))
        for byte in bytes { append(Int(byte), count: 8) }
        append(0, count: min(4, max(0, capacityBits - bits.count)))
        append(0, count: (8 - bits.count % 8) % 8)
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { ($0 << 1) | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < capacityBits / 8 {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits data codewords into blocks, adds each block's Reed–Solomon codewords and interleaves them (§7.6).
    public static func interleavedCodewords(data: [UInt8], version: Int, errorCorrection: QRErrorCorrection) -> [UInt8] {
        let blockCount = errorCorrection.blockCount(version: version)
        let eccCount = errorCorrection.eccCodewordsPerBlock(version: version)
        let rawCodewords = rawDataModules(version: version) / 8
        let shortBlockCount = blockCount - rawCodewords % blockCount
        let shortBlockLength = rawCodewords / blockCount
        var blocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<blockCount {
            let dataLength = shortBlockLength - eccCount + (index < shortBlockCount ? 0 : 1)
            let end = min(offset + dataLength, data.count)
            let blockData = Array(data[min(offset, end)..<end])
            offset += dataLength
            let ecc = ReedSolomon.remainder(data: blockData, eccCount: eccCount)
            // Short blocks get a placeholder so all blocks line up; it is skipped below.
            blocks.append(blockData + (index < shortBlockCount ? [0] : []) + ecc)
        }
        var result: [UInt8] = []
        result.reserveCapacity(rawCodewords)
        for position in 0..<(blocks.first?.count ?? 0) {
            for (index, block) in blocks.enumerated()
            where position != shortBlockLength - eccCount || index >= shortBlockCount {
                result.append(block[position])
            }
        }
        return result
    }

    // MARK: Format and version information

    /// The 15-bit format information for a level and mask: BCH(15,5) with generator 0x537, XOR 0x5412 (§7.9.1).
    public static func formatBits(errorCorrection: QRErrorCorrection, mask: QRMask) -> Int {
        let data = errorCorrection.formatBits << 3 | mask.rawValue
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return ((data << 10) | (remainder & 0x3FF)) ^ 0x5412
    }

    /// The 18-bit version information for versions 7 and above: BCH(18,6) with generator 0x1F25 (§7.10).
    public static func versionBits(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | (remainder & 0xFFF)
    }

    /// The centre coordinates of the alignment patterns in a version (ISO/IEC 18004 Annex E).
    public static func alignmentPositions(version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var positions = [6]
        var position = version * 4 + 10
        for _ in 0..<(count - 1) {
            positions.insert(position, at: 1)
            position -= step
        }
        return positions
    }

    // MARK: Penalty

    /// The penalty score of a masked symbol by the four rules of §7.8.3 (N1 = 3, N2 = 3, N3 = 40, N4 = 10).
    ///
    /// Rule 3 counts 1:1:3:1:1 finder-like runs with four light modules on either side, the area
    /// outside the symbol counting as light, as the standard's quiet zone is.
    public static func penalty(modules: [Bool], size: Int) -> Int {
        var result = 0
        for line in 0..<size {
            for horizontal in [true, false] {
                var runColor = false
                var runLength = 0
                var history = FinderRunHistory(size: size)
                for step in 0..<size {
                    let dark = horizontal ? modules[line * size + step] : modules[step * size + line]
                    if dark == runColor {
                        runLength += 1
                        if runLength == 5 { result += 3 } else if runLength > 5 { result += 1 }
                    } else {
                        history.add(runLength)
                        if !runColor { result += history.countPatterns() * 40 }
                        runColor = dark
                        runLength = 1
                    }
                }
                result += history.terminateAndCount(runColor: runColor, runLength: runLength) * 40
            }
        }
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let color = modules[row * size + column]
                if color == modules[row * size + column + 1], color == modules[(row + 1) * size + column],
                    color == modules[(row + 1) * size + column + 1]
                {
                    result += 3
                }
            }
        }
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        // Ten points for each full 5% step away from half dark.
        let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        result += k * 10
        return result
    }
}

/// The lengths of the last seven runs along a line, for finding 1:1:3:1:1 patterns.
private struct FinderRunHistory {
    let size: Int
    var runs = [Int](repeating: 0, count: 7)

    init(size: Int) { self.size = size }

    mutating func add(_ length: Int) {
        // The first run is extended by the light area outside the symbol.
        let length = runs[0] == 0 ? length + size : length
        runs.removeLast()
        runs.insert(length, at: 0)
    }

    func countPatterns() -> Int {
        let unit = runs[1]
        let core = unit > 0 && runs[2] == unit && runs[3] == unit * 3 && runs[4] == unit && runs[5] == unit
        return (core && runs[0] >= unit * 4 && runs[6] >= unit ? 1 : 0)
            + (core && runs[6] >= unit * 4 && runs[0] >= unit ? 1 : 0)
    }

    mutating func terminateAndCount(runColor: Bool, runLength: Int) -> Int {
        var length = runLength
        if runColor {
            add(length)
            length = 0
        }
        add(length + size)
        return countPatterns()
    }
}

/// The symbol while it is being drawn: modules and which of them belong to function patterns.
private struct QRMatrixBuilder {
    let version: Int
    let size: Int
    var modules: [Bool]
    var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        size = version * 4 + 17
        modules = [Bool](repeating: false, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
    }

    mutating func setFunction(row: Int, column: Int, dark: Bool) {
        modules[row * size + column] = dark
        isFunction[row * size + column] = true
    }

    mutating func drawFunctionPatterns() {
        for index in 0..<size {
            setFunction(row: 6, column: index, dark: index % 2 == 0)
            setFunction(row: index, column: 6, dark: index % 2 == 0)
        }
        drawFinder(row: 3, column: 3)
        drawFinder(row: 3, column: size - 4)
        drawFinder(row: size - 4, column: 3)
        let positions = QRCode.alignmentPositions(version: version)
        let last = positions.count - 1
        for (i, row) in positions.enumerated() {
            for (j, column) in positions.enumerated() {
                // The three corners hold finder patterns.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dr in -2...2 {
                    for dc in -2...2 {
                        setFunction(row: row + dr, column: column + dc, dark: max(abs(dr), abs(dc)) != 1)
                    }
                }
            }
        }
        drawFormatBits(0)  // reserves the area; the real bits are drawn after masking
        drawVersion()
    }

    mutating func drawFinder(row: Int, column: Int) {
        for dr in -4...4 {
            for dc in -4...4 {
                let r = row + dr
                let c = column + dc
                guard (0..<size).contains(r), (0..<size).contains(c) else { continue }
                let distance = max(abs(dr), abs(dc))
                setFunction(row: r, column: c, dark: distance != 2 && distance != 4)
            }
        }
    }

    mutating func drawFormatBits(_ bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        // First copy, around the top-left finder.
        for index in 0...5 { setFunction(row: index, column: 8, dark: bit(index)) }
        setFunction(row: 7, column: 8, dark: bit(6))
        setFunction(row: 8, column: 8, dark: bit(7))
        setFunction(row: 8, column: 7, dark: bit(8))
        for index in 9..<15 { setFunction(row: 8, column: 14 - index, dark: bit(index)) }
        // Second copy, split between the top-right and bottom-left finders.
        for index in 0..<8 { setFunction(row: 8, column: size - 1 - index, dark: bit(index)) }
        for index in 8..<15 { setFunction(row: size - 15 + index, column: 8, dark: bit(index)) }
        setFunction(row: size - 8, column: 8, dark: true)  // the dark module
    }

    mutating func drawVersion() {
        guard version >= 7 else { return }
        let bits = QRCode.versionBits(version: version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let a = size - 11 + index % 3
            let b = index / 3
            setFunction(row: b, column: a, dark: dark)
            setFunction(row: a, column: b, dark: dark)
        }
    }

    mutating func drawCodewords(_ codewords: [UInt8]) {
        var bitIndex = 0
        let totalBits = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }  // skip the vertical timing pattern
            let upward = (right + 1) & 2 == 0
            for vertical in 0..<size {
                let row = upward ? size - 1 - vertical : vertical
                for offset in 0..<2 {
                    let column = right - offset
                    let index = row * size + column
                    guard !isFunction[index], bitIndex < totalBits else { continue }
                    modules[index] = (codewords[bitIndex >> 3] >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    mutating func apply(mask: QRMask) {
        for row in 0..<size {
            for column in 0..<size where !isFunction[row * size + column] && mask.inverts(row: row, column: column) {
                modules[row * size + column].toggle()
            }
        }
    }
}
