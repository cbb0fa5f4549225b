import Crypto
import Foundation

/// A 32-byte SHA-256 value in the audit log: an event's leaf hash, a tree head, or a proof node.
///
/// The bytes are held inline as four words so that the verifier can keep millions of them
/// flowing through without a heap allocation per event (docs/audit.md asks for at least a
/// million events a second). The words hold the bytes in memory order, so `bytes`,
/// `hex` and `base64` always give the hash exactly as SHA-256 produced it.
public struct AuditHash: Hashable, Sendable, CustomStringConvertible {
    var w0: UInt64
    var w1: UInt64
    var w2: UInt64
    var w3: UInt64

    /// The all-zero hash: the `previousHash` of the first event, which has no predecessor.
    public static let zero = AuditHash(w0: 0, w1: 0, w2: 0, w3: 0)

    /// The number of bytes in a hash.
    public static let byteCount = 32

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// Reads a hash from exactly 32 bytes of raw memory (the caller checks the count).
    init(unsafeLoadingFrom buffer: UnsafeRawBufferPointer) {
        self.w0 = buffer.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        self.w1 = buffer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        self.w2 = buffer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        self.w3 = buffer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// Takes the value of a SHA-256 digest.
    public init(_ digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { AuditHash(unsafeLoadingFrom: $0) }
    }

    /// Makes a hash from 32 bytes, or returns nil when there are not exactly 32.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == AuditHash.byteCount else { return nil }
        let array = Array(bytes)
        self = array.withUnsafeBytes { AuditHash(unsafeLoadingFrom: $0) }
    }

    /// Parses 64 hexadecimal digits (either case), or returns nil for anything else.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 2 * AuditHash.byteCount else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(AuditHash.byteCount)
        var index = 0
        while index < utf8.count {
            guard let high = AuditHash.nibble(utf8[index]), let low = AuditHash.nibble(utf8[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes: bytes)
    }

    /// Parses standard base64 of exactly 32 bytes (the form a checkpoint carries), or returns nil.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64) else { return nil }
        self.init(bytes: data)
    }

    /// The 32 bytes of the hash, in order.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// The hash as 64 lower-case hexadecimal digits: how the log stores it and `verify` prints it.
    public var hex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        withUnsafeBytes { raw in
            for byte in raw {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hash in standard base64: the form of the root hash line in a checkpoint (C2SP tlog-checkpoint).
    public var base64: String {
        Data(bytes).base64EncodedString()
    }

    /// The lower-case hexadecimal form.
    public var description: String { hex }

    /// Lends the 32 bytes of the hash to `body` without copying them to the heap.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var copy = (w0, w1, w2, w3)
        return try Swift.withUnsafeBytes(of: &copy) { try body($0) }
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
