/// The Exif and XMP items a HEIC photo's `meta` box lists, and where their bytes lie (ISO/IEC 23008-12, the `iinf` and
/// `iloc` boxes).
struct HEICItems {
    /// An item to clean: where it lies in the file, or in the `meta` box's own `idat`.
    struct Patch: Sendable {
        enum Kind: Sendable { case exif, xmp }
        let kind: Kind
        let range: Range<Int>
        let inMeta: Range<Int>?

        /// Cleans the item's bytes `piece[range]`: the Exif keeps all but its GPS directory, XMP becomes spaces.
        func apply(to piece: inout [UInt8], range: Range<Int>, name: String) throws(AttachmentProblem) -> Bool {
            switch kind {
            case .xmp:
                for index in range { piece[index] = 0x20 }
                return true
            case .exif:
                // The item starts with the offset of the TIFF header from the end of that field.
                guard range.count >= 4 else { throw .damaged(name: name, why: "its camera details are broken") }
                let offset = piece[range.lowerBound..<range.lowerBound + 4].reduce(0) { $0 << 8 | Int($1) }
                let start = range.lowerBound + 4 + offset
                guard offset >= 0, start < range.upperBound else { throw .damaged(name: name, why: "its camera details are broken") }
                do {
                    return try ExifLocation.remove(in: &piece, range: start..<range.upperBound)
                } catch {
                    throw .damaged(name: name, why: "its camera details are broken")
                }
            }
        }
    }

    var patches: [Patch] = []

    /// Reads a whole `meta` box.
    init(meta: [UInt8], name: String) throws(AttachmentProblem) {
        var reader = BoxReader(bytes: meta, name: name)
        var kinds: [UInt32: Patch.Kind] = [:]
        var locations: [(item: UInt32, method: Int, extents: [(Int, Int)])] = []
        var idat: Range<Int>?
        try reader.skip(12)  // size, "meta", version and flags
        while reader.offset < meta.count {
            let (type, body) = try reader.box()
            var inner = BoxReader(bytes: meta, name: name, offset: body.lowerBound, end: body.upperBound)
            switch type {
            case "iinf": kinds = try Self.itemKinds(&inner)
            case "iloc": locations = try Self.locations(&inner)
            case "idat": idat = body
            default: break
            }
        }
        for location in locations {
            guard let kind = kinds[location.item] else { continue }
            guard location.extents.count == 1, let (offset, length) = location.extents.first else {
                throw .damaged(name: name, why: "its camera details are split up")
            }
            switch location.method {
            case 0: patches.append(Patch(kind: kind, range: offset..<offset + length, inMeta: nil))
            case 1:
                guard let idat, offset + length <= idat.count else { throw .damaged(name: name, why: "its camera details are broken") }
                let start = idat.lowerBound + offset
                patches.append(Patch(kind: kind, range: start..<start + length, inMeta: start..<start + length))
            default: throw .damaged(name: name, why: "its camera details are stored in a way Confidant cannot clean")
            }
        }
    }

    /// Which items are Exif, and which XMP (a `mime` item of type application/rdf+xml).
    static func itemKinds(_ reader: inout BoxReader) throws(AttachmentProblem) -> [UInt32: Patch.Kind] {
        let version = try reader.u8()
        try reader.skip(3)
        let count = version == 0 ? Int(try reader.u16()) : Int(try reader.u32())
        var kinds: [UInt32: Patch.Kind] = [:]
        for _ in 0..<count {
            let (type, body) = try reader.box()
            guard type == "infe" else { continue }
            var entry = BoxReader(bytes: reader.bytes, name: reader.name, offset: body.lowerBound, end: body.upperBound)
            let entryVersion = try entry.u8()
            try entry.skip(3)
            guard entryVersion >= 2 else { continue }
            let item = entryVersion == 2 ? UInt32(try entry.u16()) : try entry.u32()
            try entry.skip(2)
            let itemType = try entry.fourCC()
            if itemType == "Exif" { kinds[item] = .exif }
            if itemType == "mime" {
                _ = try entry.string()  // item name
                if try entry.string().contains("rdf+xml") { kinds[item] = .xmp }
            }
        }
        return kinds
    }

    static func locations(_ reader: inout BoxReader) throws(AttachmentProblem) -> [(item: UInt32, method: Int, extents: [(Int, Int)])] {
        let version = try reader.u8()
        try reader.skip(3)
        let sizes = try reader.u8(), more = try reader.u8()
        let (offsetSize, lengthSize, baseSize) = (Int(sizes >> 4), Int(sizes & 0x0F), Int(more >> 4))
        let indexSize = version == 0 ? 0 : Int(more & 0x0F)
        let count = version < 2 ? Int(try reader.u16()) : Int(try reader.u32())
        var result: [(item: UInt32, method: Int, extents: [(Int, Int)])] = []
        for _ in 0..<count {
            let item = version < 2 ? UInt32(try reader.u16()) : try reader.u32()
            let method = version == 0 ? 0 : Int(try reader.u16() & 0x0F)
            try reader.skip(2)  // data reference index
            let base = try reader.number(baseSize)
            var extents: [(Int, Int)] = []
            for _ in 0..<Int(try reader.u16()) {
                _ = try reader.number(indexSize)
                let offset = try reader.number(offsetSize), length = try reader.number(lengthSize)
                extents.append((base + offset, length))
            }
            result.append((item, method, extents))
        }
        return result
    }
}

/// Reads big-endian numbers and boxes from part of a buffer, refusing to read past its end.
struct BoxReader {
    let bytes: [UInt8]
    let name: String
    var offset: Int
    let end: Int

    init(bytes: [UInt8], name: String, offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.name = name
        self.offset = offset
        self.end = end ?? bytes.count
    }

    mutating func take(_ count: Int) throws(AttachmentProblem) -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= end else { throw .damaged(name: name, why: "its description is cut short") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func skip(_ count: Int) throws(AttachmentProblem) { _ = try take(count) }
    mutating func u8() throws(AttachmentProblem) -> UInt8 { try take(1).first ?? 0 }
    mutating func u16() throws(AttachmentProblem) -> UInt16 { try take(2).reduce(0) { $0 << 8 | UInt16($1) } }
    mutating func u32() throws(AttachmentProblem) -> UInt32 { try take(4).reduce(0) { $0 << 8 | UInt32($1) } }

    mutating func number(_ size: Int) throws(AttachmentProblem) -> Int {
        guard [0, 4, 8].contains(size) else { throw .damaged(name: name, why: "its description uses an unknown number size") }
        let value = try take(size).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard value < UInt64(Int32.max) else { throw .damaged(name: name, why: "its description points too far") }
        return Int(value)
    }

    mutating func fourCC() throws(AttachmentProblem) -> String { String(decoding: try take(4), as: UTF8.self) }

    mutating func string() throws(AttachmentProblem) -> String {
        var characters: [UInt8] = []
        while true {
            let byte = try u8()
            if byte == 0 { break }
            characters.append(byte)
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// The next box's type and the range of its contents.
    mutating func box() throws(AttachmentProblem) -> (String, Range<Int>) {
        let start = offset
        var size = Int(try u32())
        let type = try fourCC()
        if size == 1 { size = try number(8) }
        if size == 0 { size = end - start }
        let header = offset - start
        guard size >= header, start + size <= end else { throw .damaged(name: name, why: "its description is cut short") }
        offset = start + size
        return (type, (start + header)..<(start + size))
    }
}
