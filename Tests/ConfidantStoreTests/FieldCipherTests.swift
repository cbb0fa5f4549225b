import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("Sealing fields at rest")
struct FieldCipherTests {
    static let key = DataKey(key: SymmetricKey(size: .bits256), id: "k-cipher-test")
    static let cipher = FieldCipher(current: key)

    /// The AES-GCM combined box: a 12-byte nonce, the ciphertext (as long as the JSON), a 16-byte tag.
    static func bytes(_ sealed: FieldCipher.Sealed) throws -> Data {
        try #require(Data(base64Encoded: sealed.box))
    }

    // MARK: Round trips

    @Test("a value opens as it was sealed, for the record it was sealed for")
    func roundTrip() throws {
        let narrative = ConcernNarrative(place: "Library", account: "She said \"no\" — «нет» 🍞", limitsHow: "At the start")
        let sealed = try Self.cipher.seal(narrative, binding: "concern:A")
        #expect(sealed.keyID == "k-cipher-test")
        #expect(try Self.cipher.open(ConcernNarrative.self, sealed, binding: "concern:A") == narrative)
        let details = PersonDetails(name: "Zoë Smith", dateOfBirth: "2014-03-27")
        #expect(try Self.cipher.open(PersonDetails.self, try Self.cipher.seal(details, binding: "person:B"), binding: "person:B") == details)
    }

    @Test(
        "empty, tiny and large values round-trip; the box is the JSON plus 28 bytes",
        arguments: [
            "", "a", "\u{0}", String(repeating: "x", count: 1_000_000), String(repeating: "é🍞", count: 100_000),
        ])
    func sizes(text: String) throws {
        let sealed = try Self.cipher.seal(text, binding: "addendum:1")
        #expect(try Self.cipher.open(String.self, sealed, binding: "addendum:1") == text)
        #expect(try Self.bytes(sealed).count == (try JSONEncoder().encode(text)).count + 12 + 16)
    }

    @Test("optional and numeric values keep their type")
    func otherTypes() throws {
        let none: String? = nil
        #expect(try Self.cipher.open(String?.self, try Self.cipher.seal(none, binding: "x"), binding: "x") == nil)
        #expect(try Self.cipher.open([Int].self, try Self.cipher.seal([1, 2, 3], binding: "x"), binding: "x") == [1, 2, 3])
    }

    @Test("every seal takes a fresh nonce: the same value twice never gives the same box")
    func nonces() throws {
        let boxes = try (0..<2_000).map { _ in try Self.cipher.seal("same words", binding: "concern:A") }
        let nonces = try boxes.map { try Self.bytes($0).prefix(12) }
        #expect(Set(nonces).count == 2_000)
        #expect(Set(boxes.map(\.box)).count == 2_000)
        // And each of them still opens.
        #expect(try boxes.allSatisfy { try Self.cipher.open(String.self, $0, binding: "concern:A") == "same words" })
    }

    @Test("the plaintext is not in the box")
    func notInTheClear() throws {
        let sealed = try Self.cipher.seal("Zebedee Testchild", binding: "person:A")
        let raw = try Self.bytes(sealed)
        #expect(raw.range(of: Data("Zebedee".utf8)) == nil)
        #expect(!sealed.box.contains("Zebedee"))
    }

    // MARK: Refusals

    @Test(
        "a box opens only for the record and column it was sealed for",
        arguments: [
            ("concern:A", "concern:B"),
            ("advice:7", "advice-answer:7"),
            ("advice-answer:7", "advice:7"),
            ("share:7", "share-refusal:7"),
            ("person:ABC", "person:abc"),
            ("person:A", "person:A "),
            ("person:A", ""),
            ("", "person:A"),
        ])
    func binding(sealedFor: String, openedAs: String) throws {
        let sealed = try Self.cipher.seal("words", binding: sealedFor)
        #expect(throws: CipherError.damaged(openedAs)) { try Self.cipher.open(String.self, sealed, binding: openedAs) }
        #expect(throws: CipherError.damaged(openedAs)) { try Self.cipher.reseal(sealed, binding: openedAs) }
    }

    @Test("another key under the same name does not open the box; it says the content was altered or moved")
    func wrongKey() throws {
        let sealed = try Self.cipher.seal("words", binding: "concern:A")
        let impostor = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-cipher-test"))
        #expect(throws: CipherError.damaged("concern:A")) { try impostor.open(String.self, sealed, binding: "concern:A") }
    }

    @Test("a box sealed under a key the ring does not hold names that key")
    func unknownKey() throws {
        let sealed = try Self.cipher.seal("words", binding: "concern:A")
        let other = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-other"))
        #expect(throws: CipherError.unknownKey("k-cipher-test")) { try other.open(String.self, sealed, binding: "concern:A") }
        #expect(throws: CipherError.unknownKey("k-cipher-test")) { try other.reseal(sealed, binding: "concern:A") }
        #expect(!other.hasKey("k-cipher-test"))
    }

    @Test("opening as the wrong type is refused as damaged, not half-read")
    func wrongType() throws {
        let sealed = try Self.cipher.seal("words", binding: "concern:A")
        #expect(throws: CipherError.damaged("concern:A")) { try Self.cipher.open(Int.self, sealed, binding: "concern:A") }
        #expect(throws: CipherError.damaged("concern:A")) { try Self.cipher.open(ConcernNarrative.self, sealed, binding: "concern:A") }
    }

    // MARK: Key rotation

    @Test("a ring seals with its current key and opens with any; re-sealing moves a value to the current key")
    func rotation() throws {
        let old = Self.key, new = DataKey(key: SymmetricKey(size: .bits256), id: "k-cipher-next")
        let ring = FieldCipher(current: new, previous: [old])
        #expect(ring.currentKeyID == "k-cipher-next")
        #expect(ring.hasKey("k-cipher-next") && ring.hasKey("k-cipher-test") && !ring.hasKey("k-nothing"))

        let before = try Self.cipher.seal("words", binding: "concern:A")
        #expect(try ring.open(String.self, before, binding: "concern:A") == "words")
        #expect(try ring.seal("words", binding: "concern:A").keyID == "k-cipher-next")

        let moved = try ring.reseal(before, binding: "concern:A")
        #expect(moved.keyID == "k-cipher-next")
        #expect(moved.box != before.box)
        #expect(try ring.open(String.self, moved, binding: "concern:A") == "words")
        #expect(try FieldCipher(current: new).open(String.self, moved, binding: "concern:A") == "words")
        #expect(throws: CipherError.unknownKey("k-cipher-next")) { try Self.cipher.open(String.self, moved, binding: "concern:A") }
        // Re-sealing under the current key again still gives a fresh box.
        let again = try ring.reseal(moved, binding: "concern:A")
        #expect(again.keyID == moved.keyID && again.box != moved.box)
    }

    @Test("of two previous keys with one name the first is kept; the current key wins over a previous one of its name")
    func duplicateNames() throws {
        let first = DataKey(key: SymmetricKey(size: .bits256), id: "k-dup"), second = DataKey(key: SymmetricKey(size: .bits256), id: "k-dup")
        let ring = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-now"), previous: [first, second])
        let byFirst = try FieldCipher(current: first).seal("one", binding: "x")
        let bySecond = try FieldCipher(current: second).seal("two", binding: "x")
        #expect(try ring.open(String.self, byFirst, binding: "x") == "one")
        #expect(throws: CipherError.damaged("x")) { try ring.open(String.self, bySecond, binding: "x") }

        let current = DataKey(key: SymmetricKey(size: .bits256), id: "k-dup")
        let shadowing = FieldCipher(current: current, previous: [first])
        #expect(try shadowing.open(String.self, try FieldCipher(current: current).seal("now", binding: "x"), binding: "x") == "now")
        #expect(throws: CipherError.damaged("x")) { try shadowing.open(String.self, byFirst, binding: "x") }
    }

    @Test("each refusal tells the operator what happened and what to do")
    func descriptions() {
        #expect(CipherError.cannotSeal.description == "The record could not be encrypted.")
        #expect(
            CipherError.unknownKey("k1").description
                == "The record was encrypted with key k1, which is not in this installation's key ring (confidant-data/confidant.key); restore the key file from your backup."
        )
        #expect(CipherError.damaged("concern:A").description == "The encrypted content of concern:A does not open: it was altered or moved.")
    }

    // MARK: Tampering with what is stored

    /// The ways a stored box can be altered: a bit flipped in each part, bytes cut or added, text that is no box, a key the ring lacks.
    enum Tamper: String, CaseIterable, Sendable {
        case nonceBit, ciphertextBit, tagBit, truncated, extended, tooShort, empty, notBase64, otherRowsKeyID

        func apply(to box: String) -> String {
            guard var data = Data(base64Encoded: box) else { return box }
            switch self {
            case .nonceBit: data[data.startIndex] ^= 0x01
            case .ciphertextBit: data[data.startIndex + 12] ^= 0x80
            case .tagBit: data[data.endIndex - 1] ^= 0x01
            case .truncated: data = data.dropLast()
            case .extended: data.append(0)
            case .tooShort: data = data.prefix(20)
            case .empty: return ""
            case .notBase64: return "not base64 at all!"
            case .otherRowsKeyID: return box
            }
            return data.base64EncodedString()
        }
    }

    @Test(
        "a stored box altered in any part is refused with the record it belongs to, on either database",
        arguments: TestDatabaseKind.available, Tamper.allCases)
    func tampered(kind: TestDatabaseKind, tamper: Tamper) async throws {
        try await withTestDatabase(kind) { database in
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            let staff = try await database.testAccount("Sam Staffperson", "sam@example.org", role: .staff, passwordHash: nil, now: now)
            let records = RecordStore(database, cipher: Self.cipher)
            let person = try await records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: staff.id, now: now)
            let box = try #require(try await database.strings("SELECT sealed_details FROM people").first)
            if tamper == .otherRowsKeyID {
                try await database.execute("UPDATE people SET key_id = 'k-missing'")
                await #expect(throws: CipherError.unknownKey("k-missing")) { _ = try await records.person(person.id, readBy: staff, now: now) }
            } else {
                let altered = tamper.apply(to: box)
                #expect(altered != box)
                try await database.execute("UPDATE people SET sealed_details = '\(altered)'")
                await #expect(throws: CipherError.damaged("person:\(person.id)")) { _ = try await records.person(person.id, readBy: staff, now: now) }
            }
            // Put back as it was, it opens again: the refusal was the tampering, nothing else.
            try await database.execute("UPDATE people SET sealed_details = '\(box)', key_id = 'k-cipher-test'")
            #expect(try await records.person(person.id, readBy: staff, now: now) == person)
        }
    }
}
