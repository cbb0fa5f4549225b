import ConfidantStore
import Foundation
import Testing

@Suite("The data-encryption key file")
struct DataKeyFileTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("confidant-key-\(UUID().uuidString)/confidant.key").path
    }

    @Test("a missing key file is created with mode 0600 and read back with the same key id")
    func createdPrivately() throws {
        let path = temporaryPath()
        let first = try DataKeyFile.loadOrCreate(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try DataKeyFile.loadOrCreate(path: path).current.id == first.current.id)
    }

    @Test("a file that is not a key is refused, not overwritten")
    func invalidRefused() throws {
        let path = temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "not a key".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try DataKeyFile.loadOrCreate(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a key")
    }
}
