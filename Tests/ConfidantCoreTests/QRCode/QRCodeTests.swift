import Testing

@testable import ConfidantCore

@Suite("QR code encoder")
struct QRCodeTests {
    @Test("Reed–Solomon gives the Thonky tutorial's error correction codewords for HELLO WORLD 1-M")
    func reedSolomonKnownVector() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(data: data, eccCount: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("The generator polynomial of degree 2 is x² + 3x + 2 (roots α⁰ and α¹)")
    func generatorPolynomial() {
        #expect(ReedSolomon.generator(degree: 2) == [1, 3, 2])
        #expect(ReedSolomon.multiply(0x80, 2) == 0x1D)
    }

    @Test(
        "Format information at level M matches ISO/IEC 18004 Table C.1 for every mask",
        arguments: [
            (QRMask.checkerboard, "101010000010010"), (.horizontalLines, "101000100100101"),
            (.verticalLines, "101111001111100"), (.diagonalLines, "101101101001011"),
            (.largeCheckerboard, "100010111111001"), (.fields, "100000011001110"),
            (.diamonds, "100111110010111"), (.meadow, "100101010100000"),
        ])
    func formatBitsLevelM(mask: QRMask, expected: String) {
        #expect(String(QRCode.formatBits(errorCorrection: .medium, mask: mask), radix: 2).leftPadded(to: 15) == expected)
    }

    @Test("Format information at level L, Q and H for mask 0 matches the standard")
    func formatBitsOtherLevels() {
        #expect(QRCode.formatBits(errorCorrection: .low, mask: .checkerboard) == 0b111011111000100)
        #expect(QRCode.formatBits(errorCorrection: .quartile, mask: .checkerboard) == 0b011010101011111)
        #expect(QRCode.formatBits(errorCorrection: .high, mask: .checkerboard) == 0b001011010001001)
    }

    @Test(
        "Version information matches ISO/IEC 18004 Table D.1",
        arguments: [
            (7, 0x07C94), (8, 0x085BC), (9, 0x09A99), (10, 0x0A4D3), (40, 0x28C69),
        ])
    func versionBits(version: Int, expected: Int) {
        #expect(QRCode.versionBits(version: version) == expected)
    }

    @Test("Byte-mode capacity at level M for versions 1–10 matches ISO/IEC 18004 Table 7")
    func byteCapacityLevelM() {
        let capacities = (1...10).map { QRCode.byteCapacity(version: $0, errorCorrection: .medium) }
        #expect(capacities == [14, 26, 42, 62, 84, 106, 122, 152, 180, 213])
        #expect(QRCode.byteCapacity(version: 40, errorCorrection: .medium) == 2331)
        #expect(QRCode.byteCapacity(version: 40, errorCorrection: .low) == 2953)
    }

    @Test(
        "Alignment pattern centres match Annex E",
        arguments: [
            (1, [Int]()), (2, [6, 18]), (7, [6, 22, 38]), (10, [6, 28, 50]), (32, [6, 34, 60, 86, 112, 138]),
            (40, [6, 30, 58, 86, 114, 142, 170]),
        ])
    func alignmentPositions(version: Int, expected: [Int]) {
        #expect(QRCode.alignmentPositions(version: version) == expected)
    }

    @Test("Byte-mode data codewords: mode, count, bytes, terminator and alternating pad bytes")
    func dataCodewords() {
        // "Hi" = 0x48 0x69: 0100 00000010 01001000 01101001 0000, then 0xEC 0x11 …
        let codewords = QRCode.dataCodewords(bytes: Array("Hi".utf8), version: 1, errorCorrection: .medium)
        #expect(codewords.count == 16)
        #expect(Array(codewords.prefix(6)) == [0x40, 0x24, 0x86, 0x90, 0xEC, 0x11])
        #expect(codewords.last == 0x11)
    }

    @Test("Each reference matrix is reproduced module for module", arguments: qrReferenceFixtures)
    func matchesReference(fixture: QRReferenceFixture) throws {
        let level = try #require(QRErrorCorrection(rawValue: fixture.level))
        let code: QRCode
        if fixture.choseMask {
            // segno chose version and mask itself: our penalty evaluation must choose the same.
            code = try QRCode(text: fixture.text, errorCorrection: level)
        } else {
            let mask = try #require(QRMask(rawValue: fixture.mask))
            code = try QRCode(
                text: fixture.text, errorCorrection: level,
                minimumVersion: fixture.version, maximumVersion: fixture.version, mask: mask)
        }
        #expect(code.version == fixture.version)
        #expect(code.mask.rawValue == fixture.mask)
        #expect(code.size == 17 + 4 * fixture.version)
        #expect(code.bitRows == fixture.rows)
    }

    @Test("The fixtures cover versions 1–10 at level M with all eight masks")
    func fixtureCoverage() {
        let fixed = qrReferenceFixtures.filter { !$0.choseMask && $0.level == "M" }
        for version in 1...10 {
            #expect(Set(fixed.filter { $0.version == version }.map(\.mask)) == Set(0..<8), "version \(version)")
        }
    }

    @Test("The smallest version that holds the text is chosen")
    func smallestVersion() throws {
        #expect(try QRCode(text: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(text: String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(text: String(repeating: "a", count: 213)).version == 10)
        #expect(try QRCode(text: "x", minimumVersion: 5).version == 5)
    }

    @Test("Text too long for version 40 is refused with the limit")
    func tooLong() {
        #expect(throws: QRCodeError.dataTooLong(bytes: 2332, maximumBytes: 2331)) {
            try QRCode(text: String(repeating: "a", count: 2332))
        }
        #expect(throws: QRCodeError.dataTooLong(bytes: 27, maximumBytes: 26)) {
            try QRCode(text: String(repeating: "a", count: 27), maximumVersion: 2)
        }
        #expect(throws: QRCodeError.invalidVersionRange(minimum: 0, maximum: 3)) {
            try QRCode(text: "a", minimumVersion: 0, maximumVersion: 3)
        }
    }

    @Test("The SVG has a viewBox with the quiet zone, fill attributes, no style or script, and draws exactly the dark modules")
    func svgRoundTrip() throws {
        let code = try QRCode(text: "https://confidant.example.org/p/children")
        let svg = code.svg(label: "Link to \"What happens\" <children>")
        let width = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(width)\""))
        #expect(svg.hasSuffix("\"/></svg>"))
        #expect(svg.contains("fill=\"#000000\""))
        #expect(svg.contains("aria-label=\"Link to &quot;What happens&quot; &lt;children&gt;\""))
        #expect(!svg.contains("style"))
        #expect(!svg.contains("script"))
        // Redraw the matrix from the path's runs and compare.
        let d = try #require(svg.split(separator: " d=\"").last?.split(separator: "\"").first)
        var drawn = [Bool](repeating: false, count: code.size * code.size)
        for run in d.split(separator: "z") {
            let numbers = run.dropFirst().split(whereSeparator: { "hv -".contains($0) }).compactMap { Int($0) }
            let (x, y, length) = (numbers[0] - 4, numbers[1] - 4, numbers[2])
            for column in x..<(x + length) { drawn[y * code.size + column] = true }
        }
        #expect(drawn == code.modules)
    }

    @Test("Every version at level M builds a symbol of the right size whose format bits read back", arguments: 1...40)
    func everyVersionLevelM(version: Int) throws {
        let code = try QRCode(text: "https://a.ex/", minimumVersion: version, maximumVersion: version)
        #expect(code.size == 17 + 4 * version)
        // Read the first copy of the format information back (row 8 and column 8 near the top-left finder).
        var bits = 0
        let positions: [(Int, Int)] = (0...5).map { ($0, 8) } + [(7, 8), (8, 8), (8, 7)] + (9..<15).map { (8, 14 - $0) }
        for (index, position) in positions.enumerated() where code.isDark(row: position.0, column: position.1) {
            bits |= 1 << index
        }
        #expect(bits == QRCode.formatBits(errorCorrection: .medium, mask: code.mask))
        #expect(code.isDark(row: code.size - 8, column: 8))
    }
}

extension String {
    /// The string with leading zeros up to a length.
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
