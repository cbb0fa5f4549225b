import Crypto
import Testing

@testable import ConfidantCore

@Suite struct AuditHashTests {
    @Test func hexRoundTripKeepsTheBytesInOrder() throws {
        let bytes = (0..<32).map { UInt8($0 * 7 & 0xFF) }
        let hash = try #require(AuditHash(bytes: bytes))
        #expect(hash.bytes == bytes)
        #expect(hash.hex == "00070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9")
        #expect(AuditHash(hex: hash.hex) == hash)
        #expect(AuditHash(hex: hash.hex.uppercased()) == hash)
        #expect(AuditHash(base64: hash.base64) == hash)
    }

    @Test func digestOfEmptyStringIsTheWellKnownValue() {
        let hash = AuditHash(SHA256.hash(data: [UInt8]()))
        #expect(hash.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test(arguments: ["", "00", String(repeating: "g", count: 64), String(repeating: "0", count: 63), String(repeating: "0", count: 66)])
    func malformedHexIsRejected(_ text: String) {
        #expect(AuditHash(hex: text) == nil)
    }

    @Test func wrongLengthsAreRejected() {
        #expect(AuditHash(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(AuditHash(bytes: [UInt8](repeating: 1, count: 33)) == nil)
        #expect(AuditHash(base64: "AAAA") == nil)
    }

    @Test func zeroIsAllZeroBytes() {
        #expect(AuditHash.zero.bytes == [UInt8](repeating: 0, count: 32))
        #expect(AuditHash.zero.hex == String(repeating: "0", count: 64))
    }
}
