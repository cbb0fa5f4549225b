import Crypto
import Foundation

/// One file on its way in: checked, cleaned of location data and cut into pieces to be sealed, as it arrives.
///
/// Nothing here holds the whole file: at most the first bytes (to recognise it), one photo segment (`LocationFilter`),
/// the end of an Office file (to read its directory) and one piece. The store seals each piece as it comes and keeps the
/// file only once `finish` has accepted it.
public struct AttachmentIntake: Sendable {
    /// The size of the pieces a file is sealed in.
    public static let pieceSize = 256 * 1024

    public let name: AttachmentName
    let perFile: Int
    let roomOnRecord: Int
    let perRecord: Int

    var head: [UInt8] = []
    var provisional: AttachmentKind?
    var filter: LocationFilter?
    var text: TextCheck?
    var tail: [UInt8]?
    var piece: [UInt8] = []
    var hash = SHA256()
    var received = 0
    var stored = 0

    /// `roomOnRecord`: how many bytes the record may still take.
    public init(name: AttachmentName, limits: AttachmentLimits, roomOnRecord: Int) {
        self.name = name
        perFile = limits.perFile
        self.roomOnRecord = roomOnRecord
        perRecord = limits.perRecord
    }

    /// What was accepted.
    public struct Accepted: Sendable, Equatable {
        public let kind: AttachmentKind
        /// Bytes kept (after location data was removed).
        public let size: Int
        /// SHA-256 of the bytes kept, in lower-case hex.
        public let sha256: String
        public let removedLocation: Bool
    }

    /// Takes the next bytes; returns the whole pieces now ready to seal.
    public mutating func take(_ bytes: ArraySlice<UInt8>) throws(AttachmentProblem) -> [[UInt8]] {
        received += bytes.count
        guard received <= perFile else { throw .tooLarge(name: name.text, limit: perFile) }
        guard received <= roomOnRecord else { throw .recordFull(limit: perRecord) }
        guard provisional != nil else {
            head += bytes
            guard head.count >= AttachmentKind.headLength else { return [] }
            let start = head
            head = []
            try recognise(start)
            return try pass(start[...], last: false)
        }
        return try pass(bytes, last: false)
    }

    /// No more bytes: the last piece, and what the file was.
    public mutating func finish() throws(AttachmentProblem) -> (last: [UInt8], accepted: Accepted) {
        if provisional == nil {
            guard !head.isEmpty else { throw .empty(name: name.text) }
            let start = head
            head = []
            try recognise(start)
            // Fewer bytes than the head fill no piece: they all stay in `piece`.
            _ = try pass(start[...], last: false)
        }
        guard var filter, let provisional else { throw .empty(name: name.text) }
        let rest = try filter.finish()
        self.filter = filter
        if var text {
            guard text.take([], last: true) else { throw .notWhatItSays(name: name.text, actually: .text) }
        }
        var kind = provisional
        if let tail { kind = try OfficeArchive.check(tail: tail, size: received, provisional: provisional, name: name.text) }
        try checkClaim(kind)
        hash.update(data: rest)
        stored += rest.count
        piece += rest
        let digest = hash.finalize().map { String(format: "%02x", $0) }.joined()
        return (piece, Accepted(kind: kind, size: stored, sha256: digest, removedLocation: filter.removedLocation))
    }

    mutating func recognise(_ start: [UInt8]) throws(AttachmentProblem) {
        guard let kind = AttachmentKind.recognise(start) else { throw .notAllowed(name: name.text) }
        if kind != .word && kind != .openDocument { try checkClaim(kind) }
        provisional = kind
        filter = LocationFilter(kind: kind, name: name.text)
        if kind == .text { text = TextCheck() }
        if kind == .word || kind == .openDocument { tail = [] }
    }

    /// A name that says another kind is refused, so that nobody downloads "letter.pdf" and gets something else.
    func checkClaim(_ kind: AttachmentKind) throws(AttachmentProblem) {
        guard let claimed = name.claimedKinds else { return }
        guard !claimed.isEmpty else { throw .notAllowed(name: name.text) }
        guard claimed.contains(kind) else { throw .notWhatItSays(name: name.text, actually: kind) }
    }

    mutating func pass(_ bytes: ArraySlice<UInt8>, last: Bool) throws(AttachmentProblem) -> [[UInt8]] {
        if var check = text {
            guard check.take(bytes, last: last) else { throw .notAllowed(name: name.text) }
            text = check
        }
        if var kept = tail {
            kept += bytes
            if kept.count > OfficeArchive.tailLength { kept.removeFirst(kept.count - OfficeArchive.tailLength) }
            tail = kept
        }
        guard var filter else { return [] }
        let clean = try filter.take(bytes)
        self.filter = filter
        hash.update(data: clean)
        stored += clean.count
        piece += clean
        var ready: [[UInt8]] = []
        while piece.count > Self.pieceSize {  // a full last piece waits for finish: the last is never empty
            ready.append(Array(piece[..<Self.pieceSize]))
            piece.removeFirst(Self.pieceSize)
        }
        return ready
    }
}
