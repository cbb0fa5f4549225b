/// Takes the location out of a photo as it streams through, before it is sealed: where a photo was taken can lead
/// someone to a child's home or a refuge.
///
/// - JPEG: the Exif segment keeps everything but its GPS directory (`ExifLocation`); XMP and Photoshop (IPTC) segments,
///   which can repeat the place, are dropped.
/// - PNG: the `eXIf` chunk and the text chunks (where XMP lives) are dropped.
/// - HEIC: the `meta` box is read to find the Exif and XMP items; as their bytes pass, the Exif item keeps everything but
///   its GPS directory and the XMP item is blanked. Their length never changes, so no offset in the file moves. A HEIC
///   whose items come before the box that says where they are cannot be cleaned in one pass, and is refused.
///
/// Other kinds pass through unchanged. At most one segment, chunk header or `meta` box is held at a time.
public struct LocationFilter: Sendable {
    enum Stage: Sendable {
        case jpegSignature, jpegMarker, jpegPassSegment(Int), jpegScan
        case pngSignature, pngChunk, pngPass(Int), pngDrop(Int)
        case heicBox, heicPass(Int), heicRest
        case unchanged
    }

    var stage: Stage
    var held: [UInt8] = []
    /// How many bytes have gone out: the offset in the file of the next byte `take` returns.
    var position = 0
    /// In a HEIC, where the items to clean lie in the file, in order.
    var patches: [HEICItems.Patch] = []
    /// Whether anything was removed.
    public private(set) var removedLocation = false
    let name: String

    static let largestHeld = 4 * 1_048_576

    public init(kind: AttachmentKind, name: String) {
        self.name = name
        stage =
            switch kind {
            case .jpeg: .jpegSignature
            case .png: .pngSignature
            case .heic: .heicBox
            default: .unchanged
            }
    }

    /// Passes `bytes` on, returning what may be stored now.
    public mutating func take(_ bytes: ArraySlice<UInt8>) throws(AttachmentProblem) -> [UInt8] {
        if case .unchanged = stage { return Array(bytes) }
        held.append(contentsOf: bytes)
        var out: [UInt8] = []
        while try step(into: &out) {}
        position += out.count
        return out
    }

    /// Called once no more bytes follow: what is left, or why the photo is damaged.
    public mutating func finish() throws(AttachmentProblem) -> [UInt8] {
        var out = try take([])
        switch stage {
        case .jpegScan, .unchanged, .heicRest: break
        case .pngChunk where held.isEmpty: break
        case .heicBox where held.isEmpty: break
        case .heicPass(Int.max): break
        default: throw .damaged(name: name, why: "it ends part-way through")
        }
        guard patches.isEmpty else { throw .damaged(name: name, why: "it ends before the parts it lists") }
        out += held
        held = []
        return out
    }

    /// Moves as many held bytes on as the current stage allows; false when it needs more.
    mutating func step(into out: inout [UInt8]) throws(AttachmentProblem) -> Bool {
        switch stage {
        case .unchanged, .jpegScan, .heicRest:
            out += held
            held = []
            return false
        case .jpegSignature:
            guard held.count >= 2 else { return false }
            emit(2, into: &out)
            stage = .jpegMarker
        case .jpegMarker:
            return try jpegMarker(into: &out)
        case .jpegPassSegment(let remaining), .pngPass(let remaining), .heicPass(let remaining):
            let count = min(remaining, held.count)
            if case .heicPass = stage {
                return try heicPass(remaining: remaining, into: &out)
            }
            emit(count, into: &out)
            let left = remaining - count
            if case .jpegPassSegment = stage {
                stage = left == 0 ? .jpegMarker : .jpegPassSegment(left)
            } else {
                stage = left == 0 ? .pngChunk : .pngPass(left)
            }
            return left == 0
        case .pngSignature:
            guard held.count >= 8 else { return false }
            emit(8, into: &out)
            stage = .pngChunk
        case .pngChunk:
            guard held.count >= 8 else { return false }
            let length = Int(held[0]) << 24 | Int(held[1]) << 16 | Int(held[2]) << 8 | Int(held[3])
            let type = String(decoding: held[4..<8], as: UTF8.self)
            if ["eXIf", "tEXt", "zTXt", "iTXt"].contains(type) {
                removedLocation = true
                stage = .pngDrop(length + 12)
            } else {
                stage = .pngPass(length + 12)
            }
        case .pngDrop(let remaining):
            let count = min(remaining, held.count)
            held.removeFirst(count)
            stage = remaining == count ? .pngChunk : .pngDrop(remaining - count)
            return remaining == count
        case .heicBox:
            return try heicBox(into: &out)
        }
        return true
    }

    mutating func emit(_ count: Int, into out: inout [UInt8]) {
        out += held[..<count]
        held.removeFirst(count)
    }

    mutating func jpegMarker(into out: inout [UInt8]) throws(AttachmentProblem) -> Bool {
        guard held.count >= 2 else { return false }
        guard held[0] == 0xFF else { throw .damaged(name: name, why: "it is not a whole JPEG") }
        let marker = held[1]
        if marker == 0xFF {  // fill byte
            emit(1, into: &out)
            return true
        }
        if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
            emit(2, into: &out)
            return true
        }
        if marker == 0xD9 {
            stage = .jpegScan
            return true
        }
        guard held.count >= 4 else { return false }
        let length = Int(held[2]) << 8 | Int(held[3])
        guard length >= 2 else { throw .damaged(name: name, why: "a JPEG segment has no length") }
        if marker == 0xDA {
            stage = .jpegScan  // the picture itself follows: nothing more to look at
            return true
        }
        guard marker == 0xE1 || marker == 0xED else {
            stage = .jpegPassSegment(2 + length)
            return true
        }
        guard held.count >= 2 + length else { return false }
        var segment = Array(held[..<(2 + length)])
        held.removeFirst(2 + length)
        let exif: [UInt8] = Array("Exif".utf8) + [0, 0]
        if marker == 0xE1, segment.count >= 4 + exif.count, Array(segment[4..<(4 + exif.count)]) == exif {
            do {
                if try ExifLocation.remove(in: &segment, range: (4 + exif.count)..<segment.count) { removedLocation = true }
            } catch {
                throw .damaged(name: name, why: "its camera details are broken")
            }
            out += segment
        } else {
            removedLocation = true  // XMP or IPTC: dropped whole
        }
        stage = .jpegMarker
        return true
    }

    mutating func heicBox(into out: inout [UInt8]) throws(AttachmentProblem) -> Bool {
        guard held.count >= 8 else { return false }
        var size = Int(held[0]) << 24 | Int(held[1]) << 16 | Int(held[2]) << 8 | Int(held[3])
        let type = String(decoding: held[4..<8], as: UTF8.self)
        if size == 1 {
            guard held.count >= 16 else { return false }
            size = held[8..<16].reduce(0) { $0 << 8 | Int($1) }
        }
        if size == 0 {
            // The last box runs to the end of the file.
            stage = patches.isEmpty ? .heicRest : .heicPass(Int.max)
            return true
        }
        guard size >= 8 else { throw .damaged(name: name, why: "a part of the HEIC has no size") }
        guard type == "meta" else {
            stage = .heicPass(size)
            return true
        }
        guard size <= Self.largestHeld else { throw .damaged(name: name, why: "its description is too large") }
        guard held.count >= size else { return false }
        var box = Array(held[..<size])
        held.removeFirst(size)
        let items = try HEICItems(meta: box, name: name)
        for patch in items.patches {
            if let inside = patch.inMeta {
                // Stored in the box itself (`idat`): cleaned here.
                removedLocation = try patch.apply(to: &box, range: inside, name: name) || removedLocation
            } else {
                guard patch.range.lowerBound >= position + size else {
                    throw .damaged(name: name, why: "its location data comes before the part that lists it")
                }
                patches.append(patch)
            }
        }
        patches.sort { $0.range.lowerBound < $1.range.lowerBound }
        out += box
        stage = .heicBox
        return true
    }

    /// Passes a box's bytes on, holding back any item to be cleaned until it is whole.
    mutating func heicPass(remaining: Int, into out: inout [UInt8]) throws(AttachmentProblem) -> Bool {
        let here = position + out.count
        if let patch = patches.first, patch.range.lowerBound < here + min(remaining, held.count) {
            if patch.range.lowerBound > here {
                let count = patch.range.lowerBound - here
                emit(count, into: &out)
                stage = .heicPass(remaining == Int.max ? remaining : remaining - count)
                return true
            }
            guard patch.range.count <= Self.largestHeld else { throw .damaged(name: name, why: "its camera details are too large") }
            guard held.count >= patch.range.count else { return false }
            var piece = Array(held[..<patch.range.count])
            held.removeFirst(patch.range.count)
            removedLocation = try patch.apply(to: &piece, range: 0..<piece.count, name: name) || removedLocation
            out += piece
            patches.removeFirst()
            let left = remaining == Int.max ? remaining : remaining - piece.count
            stage = left == 0 ? .heicBox : .heicPass(left)
            return true
        }
        let count = min(remaining, held.count)
        emit(count, into: &out)
        if remaining == Int.max { return false }
        stage = remaining == count ? .heicBox : .heicPass(remaining - count)
        return remaining == count
    }
}
