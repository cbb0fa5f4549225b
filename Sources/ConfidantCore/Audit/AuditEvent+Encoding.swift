import Crypto

extension AuditEvent {
    /// The version byte that opens every canonical encoding, so a future format can never be mistaken for this one.
    public static let encodingVersion: UInt8 = 1

    /// The canonical, unambiguous bytes of the event: what is hashed, and what the store re-hashes when it verifies.
    ///
    /// Layout (all integers big-endian):
    /// `version (1 byte = 1) · sequence (8) · time (8, two's complement) ·
    /// len(actor) (4) · actor · len(action) (4) · action · len(target) (4) · target ·
    /// len(detail) (4) · detail · previousHash (32)`, strings as UTF-8.
    /// Every variable field carries its length, so the encoding can be read back in one
    /// way only: no two different events encode the same bytes (moving a character from
    /// `actor` into `target`, say, changes a length prefix). `hash` itself is not encoded.
    public var canonicalEncoding: [UInt8] {
        var buffer = [UInt8]()
        appendCanonicalEncoding(to: &buffer)
        return buffer
    }

    /// The RFC 9162 leaf hash of the canonical encoding: SHA-256(0x00 || encoding).
    public func computedHash() -> AuditHash {
        var buffer = [UInt8]()
        return computedHash(reusing: &buffer)
    }

    /// The leaf hash, building the encoding in `buffer` (emptied first) so that a loop allocates nothing per event.
    public func computedHash(reusing buffer: inout [UInt8]) -> AuditHash {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(MerkleTree.leafPrefix)
        appendCanonicalEncoding(to: &buffer)
        return buffer.withUnsafeBytes { raw in
            var hasher = SHA256()
            hasher.update(bufferPointer: raw)
            return AuditHash(hasher.finalize())
        }
    }

    /// Appends the canonical encoding to `buffer`.
    public func appendCanonicalEncoding(to buffer: inout [UInt8]) {
        buffer.append(AuditEvent.encodingVersion)
        Self.appendBigEndian(sequence, to: &buffer)
        Self.appendBigEndian(UInt64(bitPattern: time), to: &buffer)
        Self.appendLengthPrefixed(actor, to: &buffer)
        Self.appendLengthPrefixed(action.rawValue, to: &buffer)
        Self.appendLengthPrefixed(target, to: &buffer)
        Self.appendLengthPrefixed(detail, to: &buffer)
        previousHash.withUnsafeBytes { buffer.append(contentsOf: $0) }
    }

    static func appendBigEndian(_ value: UInt64, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    static func appendLengthPrefixed(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            // Fields are limited to a few kilobytes (AuditEventField.byteLimit) and the verifier
            // rejects longer ones before encoding, so the count always fits in four bytes.
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: utf8.count).bigEndian) { buffer.append(contentsOf: $0) }
            buffer.append(contentsOf: utf8)
        }
    }
}
