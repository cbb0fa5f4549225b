/// Checks a Word (.docx) or OpenDocument (.odt) file from its ZIP directory, which sits at the end of the file, without
/// unpacking it: which kind of document it is, that it carries no macros, and that it is no archive bomb.
///
/// An archive bomb is refused when what it says it unpacks to is out of all proportion to its size, when its entries
/// overlap (one compressed stream counted many times over), or when it holds further archives. The directory's
/// figures are taken as written: Confidant never unpacks the file, and the reader's own program checks them again.
enum OfficeArchive {
    /// How much of the end of the file is kept to find the directory.
    static let tailLength = 1_048_576
    static let largestEntryCount = 10_000
    static let largestUnpacked = 512 * 1_048_576
    static let largestRatio = 100

    struct Entry {
        let name: String
        let packed: Int
        let unpacked: Int
        let offset: Int
    }

    /// The document's kind, from the last `tail` bytes of a file of `size` bytes whose first bytes made it `provisional`.
    static func check(tail: [UInt8], size: Int, provisional: AttachmentKind, name: String) throws(AttachmentProblem) -> AttachmentKind {
        let entries = try directory(tail: tail, size: size, name: name)
        let names = Set(entries.map(\.name))
        guard entries.count <= largestEntryCount else { throw .archiveBomb(name: name) }
        var unpacked = 0
        for entry in entries {
            let lower = entry.name.lowercased()
            if lower.hasSuffix("vbaproject.bin") || lower.hasSuffix("vbadata.xml") { throw .macros(name: name) }
            if [".zip", ".gz", ".7z", ".rar", ".docx", ".odt", ".jar"].contains(where: { lower.hasSuffix($0) }) { throw .archiveBomb(name: name) }
            guard !entry.name.hasPrefix("/"), !entry.name.contains("\\"), !entry.name.split(separator: "/").contains("..") else {
                throw .damaged(name: name, why: "it names files outside itself")
            }
            if entry.unpacked > 1_048_576, entry.unpacked / max(entry.packed, 1) > largestRatio { throw .archiveBomb(name: name) }
            unpacked += entry.unpacked
            if unpacked > largestUnpacked { throw .archiveBomb(name: name) }
        }
        let byOffset = entries.sorted { $0.offset < $1.offset }
        for (entry, next) in zip(byOffset, byOffset.dropFirst())
        where entry.offset + 30 + entry.name.utf8.count + entry.packed > next.offset {
            throw .archiveBomb(name: name)
        }
        if provisional == .openDocument, names.contains("mimetype"), names.contains("content.xml") { return .openDocument }
        if names.contains("[Content_Types].xml"), names.contains("word/document.xml") { return .word }
        throw .notAllowed(name: name)
    }

    /// The entries of the archive's central directory.
    static func directory(tail: [UInt8], size: Int, name: String) throws(AttachmentProblem) -> [Entry] {
        let broken = AttachmentProblem.damaged(name: name, why: "its index is missing or broken")
        func u16(_ at: Int) -> Int { Int(tail[at]) | Int(tail[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        // The end record: its signature, at most 65,535 bytes of comment from the end.
        var end: Int?
        var at = tail.count - 22
        while at >= 0, at >= tail.count - 22 - 65_535 {
            if tail[at] == 0x50, tail[at + 1] == 0x4B, tail[at + 2] == 0x05, tail[at + 3] == 0x06 {
                end = at
                break
            }
            at -= 1
        }
        guard let end else { throw broken }
        let count = u16(end + 10), directorySize = u32(end + 12), directoryOffset = u32(end + 16)
        guard count != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else {
            throw .damaged(name: name, why: "it is too large an archive for a document")
        }
        let tailStart = size - tail.count
        guard directoryOffset >= tailStart, directoryOffset + directorySize == tailStart + end else { throw broken }
        var entries: [Entry] = []
        var cursor = directoryOffset - tailStart
        for _ in 0..<count {
            guard cursor + 46 <= end, u32(cursor) == 0x0201_4B50 else { throw broken }
            let nameLength = u16(cursor + 28), extra = u16(cursor + 30), comment = u16(cursor + 32)
            guard cursor + 46 + nameLength <= end else { throw broken }
            let entryName = String(decoding: tail[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            let packed = u32(cursor + 20), unpacked = u32(cursor + 24), offset = u32(cursor + 42)
            guard packed != 0xFFFF_FFFF, unpacked != 0xFFFF_FFFF, offset < size else { throw .archiveBomb(name: name) }
            entries.append(Entry(name: entryName, packed: packed, unpacked: unpacked, offset: offset))
            cursor += 46 + nameLength + extra + comment
        }
        return entries
    }
}
