import Foundation

/// Small made-up files of each kind, built byte by byte, with the location data a phone would write.
public enum MadeUpFiles {
    public static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    public static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16 & 0xFFFF) }
    public static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    public static func be32(_ value: Int) -> [UInt8] { be16(value >> 16 & 0xFFFF) + be16(value & 0xFFFF) }

    /// The latitude rationals written into the GPS directory: 51/1, 30/1, 2647/100, which must not survive.
    public static let latitude: [UInt8] = le32(51) + le32(1) + le32(30) + le32(1) + le32(2647) + le32(100)

    /// A little-endian TIFF block: a first directory with the camera's make and a GPS pointer, and a GPS directory with
    /// a latitude reference and the latitude.
    public static func tiffWithGPS() -> [UInt8] {
        // Layout: header 8, IFD0 at 8 (2 entries: 2 + 24 + 4 = 30) -> 38, make "Phone\0" at 38 (6) -> 44,
        // GPS IFD at 44 (2 entries: 30) -> 74, latitude at 74 (24) -> 98.
        var tiff: [UInt8] = [0x49, 0x49] + le16(42) + le32(8)
        tiff += le16(2)
        tiff += le16(0x010F) + le16(2) + le32(6) + le32(38)
        tiff += le16(0x8825) + le16(4) + le32(1) + le32(44)
        tiff += le32(0)
        tiff += Array("Phone".utf8) + [0]
        tiff += le16(2)
        tiff += le16(0x0001) + le16(2) + le32(2) + [0x4E, 0, 0, 0]
        tiff += le16(0x0002) + le16(5) + le32(3) + le32(74)
        tiff += le32(0)
        tiff += latitude
        return tiff
    }

    /// The picture data of the made-up JPEG: what must come through untouched.
    public static let scan: [UInt8] = [0xFF, 0xDA, 0x00, 0x08, 1, 2, 3, 4, 5, 6] + Array(repeating: 0x5A, count: 300) + [0xFF, 0xD9]

    public static func jpegWithLocation() -> [UInt8] {
        let exif = Array("Exif".utf8) + [0, 0] + tiffWithGPS()
        let xmp = Array("http://ns.adobe.com/xap/1.0/".utf8) + [0] + Array("<x:xmpmeta>exif:GPSLatitude 51,30.44N</x:xmpmeta>".utf8)
        var jpeg: [UInt8] = [0xFF, 0xD8]
        jpeg += [0xFF, 0xE0] + be16(16) + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        jpeg += [0xFF, 0xE1] + be16(exif.count + 2) + exif
        jpeg += [0xFF, 0xE1] + be16(xmp.count + 2) + xmp
        jpeg += [0xFF, 0xDB] + be16(6) + [0, 1, 2, 3]
        return jpeg + scan
    }

    public static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] { be32(data.count) + Array(type.utf8) + data + [0, 0, 0, 0] }

    public static func pngWithLocation() -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + pngChunk("IHDR", Array(repeating: 1, count: 13))
            + pngChunk("eXIf", tiffWithGPS()) + pngChunk("iTXt", Array("XML:com.adobe.xmp".utf8) + [0, 0, 0, 0, 0] + Array("GPS 51N".utf8))
            + pngChunk("IDAT", Array(repeating: 0x77, count: 500)) + pngChunk("IEND", [])
    }

    public static func box(_ type: String, _ body: [UInt8]) -> [UInt8] { be32(body.count + 8) + Array(type.utf8) + body }

    /// A HEIC: `ftyp`, then `meta` listing an Exif item that lives in `mdat`; with `metaLast` the `meta` box comes after.
    public static func heicWithLocation(metaLast: Bool = false) -> [UInt8] {
        let ftyp = box("ftyp", Array("heic".utf8) + be32(0) + Array("mif1heic".utf8))
        let exifItem = be32(6) + Array("Exif".utf8) + [0, 0] + tiffWithGPS()
        let picture = Array(repeating: UInt8(0x42), count: 400)
        let infe = box("infe", [2, 0, 0, 0] + be16(1) + be16(0) + Array("Exif".utf8) + [0])
        let iinf = box("iinf", [0, 0, 0, 0] + be16(1) + infe)
        func meta(exifAt offset: Int) -> [UInt8] {
            let iloc = box("iloc", [0, 0, 0, 0, 0x44, 0x00] + be16(1) + be16(1) + be16(0) + be16(1) + be32(offset) + be32(exifItem.count))
            return box(
                "meta", [0, 0, 0, 0] + box("hdlr", [0, 0, 0, 0] + be32(0) + Array("pict".utf8) + be32(0) + be32(0) + be32(0) + [0]) + iinf + iloc)
        }
        let metaSize = meta(exifAt: 0).count
        if metaLast {
            let mdat = box("mdat", picture + exifItem)
            return ftyp + mdat + meta(exifAt: ftyp.count + 8 + picture.count)
        }
        let mdat = box("mdat", picture + exifItem)
        return ftyp + meta(exifAt: ftyp.count + metaSize + 8 + picture.count) + mdat
    }

    /// A ZIP of stored entries; `declared` overrides an entry's unpacked size in the directory, `shiftOffsets` moves every
    /// entry's offset to the first (overlapping entries).
    public static func zip(_ entries: [(String, [UInt8])], declared: [String: Int] = [:], overlapping: Bool = false) -> [UInt8] {
        var body: [UInt8] = []
        var directory: [UInt8] = []
        for (name, data) in entries {
            let offset = overlapping ? 0 : body.count
            let nameBytes = Array(name.utf8)
            body +=
                le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le32(0) + le32(0) + le32(data.count) + le32(data.count)
                + le16(nameBytes.count) + le16(0) + nameBytes + data
            directory +=
                le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le32(0) + le32(0) + le32(data.count)
                + le32(declared[name] ?? data.count) + le16(nameBytes.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
                + le32(offset) + nameBytes
        }
        let end =
            le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count) + le32(directory.count)
            + le32(body.count) + le16(0)
        return body + directory + end
    }

    public static func docx(extra: [(String, [UInt8])] = [], declared: [String: Int] = [:], overlapping: Bool = false) -> [UInt8] {
        zip(
            [("[Content_Types].xml", Array("<Types/>".utf8)), ("word/document.xml", Array("<w:document>made-up letter</w:document>".utf8))]
                + extra, declared: declared, overlapping: overlapping)
    }

    public static func odt() -> [UInt8] {
        zip([("mimetype", Array("application/vnd.oasis.opendocument.text".utf8)), ("content.xml", Array("<office:document-content/>".utf8))])
    }

    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<$0 + needle.count]) == needle }
    }
}
