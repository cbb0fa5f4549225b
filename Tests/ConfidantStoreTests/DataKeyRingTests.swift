import ConfidantStore
import Crypto
import Foundation
import Testing

@Suite("The data-key ring file")
struct DataKeyRingTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("confidant-ring-\(UUID().uuidString)/confidant.key").path
    }

    @Test("the one-line key file of earlier versions reads as a ring of one, with the same key id as before")
    func legacyFileReads() throws {
        let bytes = Data((0..<32).map { UInt8($0) })
        let ring = try DataKeyRing.parse(bytes.base64EncodedString() + "\n", path: "legacy")
        #expect(ring.ids == [DataKeyRing.id(of: bytes)])
        #expect(ring.current.id.hasPrefix("k-") && ring.current.id.count == 14)
    }

    @Test("a ring written and read back keeps its keys in order, the last current, in a 0600 file")
    func roundTrip() throws {
        let path = temporaryPath()
        let ring = try DataKeyRing.create(path: path).addingNewKey().addingNewKey()
        try ring.write(to: path)
        let read = try DataKeyRing.load(path: path)
        #expect(read.ids == ring.ids)
        #expect(read.current.id == ring.keys[2].id)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["confidant.key"])
    }

    @Test("a value sealed under an older key of the ring opens, and reseals under the current key")
    func opensOlderKeys() throws {
        let old = try DataKeyRing.parse(Data(repeating: 7, count: 32).base64EncodedString(), path: "old")
        let sealed = try old.cipher.seal("a narrative", binding: "concern:1")
        let ring = old.addingNewKey()
        #expect(try ring.cipher.open(String.self, sealed, binding: "concern:1") == "a narrative")
        let resealed = try ring.cipher.reseal(sealed, binding: "concern:1")
        #expect(resealed.keyID == ring.current.id)
        #expect(try ring.cipher.open(String.self, resealed, binding: "concern:1") == "a narrative")
        #expect(throws: CipherError.self) { try ring.cipher.reseal(sealed, binding: "concern:2") }
    }

    @Test(
        "a missing file is an error naming it, never created by load; a wrong id or short key is refused",
        arguments: [
            "k-000000000000 " + Data(repeating: 1, count: 32).base64EncodedString(),
            Data(repeating: 1, count: 16).base64EncodedString(),
            "one two three",
        ])
    func refusals(text: String) throws {
        let path = temporaryPath()
        #expect(throws: StoreError.keyFileMissing(path)) { try DataKeyRing.load(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: StoreError.self) { try DataKeyRing.parse(text, path: path) }
    }
}
