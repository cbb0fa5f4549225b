/// Removes the location a camera wrote into a photo's Exif block (a TIFF structure), in place.
///
/// The GPS directory's entries and every value they point to are zeroed, and its entry in the first directory is taken
/// out; an XMP packet held in the TIFF (which can repeat the location) is zeroed and its entry taken out too. Nothing
/// moves, so every other offset in the photo stays right and the picture itself is untouched.
enum ExifLocation {
    static let gpsTag: UInt16 = 0x8825
    static let xmpTag: UInt16 = 0x02BC

    /// Removes location data from the TIFF structure occupying `bytes[range]`; returns whether there was any.
    /// Throws when the structure points outside itself.
    static func remove(in bytes: inout [UInt8], range: Range<Int>) throws(ExifDamage) -> Bool {
        var tiff = TIFFView(base: range.lowerBound, end: range.upperBound)
        guard range.count >= 8 else { throw ExifDamage() }
        switch (bytes[range.lowerBound], bytes[range.lowerBound + 1]) {
        case (0x49, 0x49): tiff.littleEndian = true
        case (0x4D, 0x4D): tiff.littleEndian = false
        default: throw ExifDamage()
        }
        guard try tiff.u16(bytes, 2) == 42 else { throw ExifDamage() }
        let first = Int(try tiff.u32(bytes, 4))
        var removed = false
        for tag in [gpsTag, xmpTag] {
            guard let entry = try tiff.entry(bytes, directory: first, tag: tag) else { continue }
            if tag == gpsTag {
                let gps = Int(try tiff.u32(bytes, entry + 8))
                try tiff.zeroDirectory(&bytes, at: gps)
            } else {
                try tiff.zeroValue(&bytes, entry: entry)
            }
            try tiff.removeEntry(&bytes, directory: first, entry: entry)
            removed = true
        }
        return removed
    }
}

/// The Exif block's offsets point outside it.
struct ExifDamage: Error {}

/// Reads and writes a TIFF structure inside a larger buffer: offsets are from `base`, and nothing past `end` is touched.
struct TIFFView {
    let base: Int
    let end: Int
    var littleEndian = true

    func check(_ offset: Int, _ count: Int) throws(ExifDamage) -> Int {
        guard offset >= 0, count >= 0, base + offset + count <= end else { throw ExifDamage() }
        return base + offset
    }

    func u16(_ bytes: [UInt8], _ offset: Int) throws(ExifDamage) -> UInt16 {
        let at = try check(offset, 2)
        let (a, b) = (UInt16(bytes[at]), UInt16(bytes[at + 1]))
        return littleEndian ? a | b << 8 : a << 8 | b
    }

    func u32(_ bytes: [UInt8], _ offset: Int) throws(ExifDamage) -> UInt32 {
        let (high, low) = (UInt32(try u16(bytes, offset)), UInt32(try u16(bytes, offset + 2)))
        return littleEndian ? low << 16 | high : high << 16 | low
    }

    /// The offset of the entry for `tag` in the directory at `directory`, if it has one.
    func entry(_ bytes: [UInt8], directory: Int, tag: UInt16) throws(ExifDamage) -> Int? {
        let count = Int(try u16(bytes, directory))
        _ = try check(directory, 2 + count * 12 + 4)
        for index in 0..<count where try u16(bytes, directory + 2 + index * 12) == tag {
            return directory + 2 + index * 12
        }
        return nil
    }

    /// Zeroes the value an entry points to, when it is too large to sit in the entry itself.
    func zeroValue(_ bytes: inout [UInt8], entry: Int) throws(ExifDamage) {
        let sizes: [UInt16: Int] = [1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8]
        let type = try u16(bytes, entry + 2)
        let count = Int(try u32(bytes, entry + 4))
        let size = (sizes[type] ?? 1).multipliedReportingOverflow(by: count)
        guard !size.overflow else { throw ExifDamage() }
        if size.partialValue > 4 {
            let at = try check(Int(try u32(bytes, entry + 8)), size.partialValue)
            for index in at..<at + size.partialValue { bytes[index] = 0 }
        }
        let at = try check(entry + 8, 4)
        for index in at..<at + 4 { bytes[index] = 0 }
    }

    /// Zeroes a whole directory: each entry's value, then the entries, their count and the link to a next directory.
    func zeroDirectory(_ bytes: inout [UInt8], at directory: Int) throws(ExifDamage) {
        let count = Int(try u16(bytes, directory))
        let at = try check(directory, 2 + count * 12 + 4)
        for index in 0..<count { try zeroValue(&bytes, entry: directory + 2 + index * 12) }
        for index in at..<at + 2 + count * 12 + 4 { bytes[index] = 0 }
    }

    /// Takes an entry out of a directory: the later entries and the next-directory link move up by one entry, and the
    /// freed last twelve bytes are zeroed.
    func removeEntry(_ bytes: inout [UInt8], directory: Int, entry: Int) throws(ExifDamage) {
        let count = Int(try u16(bytes, directory))
        let start = try check(directory, 2 + count * 12 + 4)
        let tail = start + 2 + count * 12 + 4
        let from = base + entry + 12
        for index in from..<tail { bytes[index - 12] = bytes[index] }
        for index in tail - 12..<tail { bytes[index] = 0 }
        let newCount = UInt16(count - 1)
        let (high, low) = (UInt8(newCount >> 8), UInt8(newCount & 0xFF))
        bytes[start] = littleEndian ? low : high
        bytes[start + 1] = littleEndian ? high : low
    }
}
