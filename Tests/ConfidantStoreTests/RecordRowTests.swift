import ConfidantCore
import ConfidantTestSupport
import FluentKit
import Foundation
import Testing

@testable import ConfidantStore

@Suite("Concerns and people read by column name are the models Fluent reads")
struct RecordRowTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let cipher = FieldCipher(current: DataKey(key: .init(size: .bits256), id: "k-row-test"))

    /// Every field, by Fluent's own list of the model's properties (its `Codable` form), for comparing two models.
    static func encoded(_ model: some Model) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(model), as: UTF8.self)
    }

    @Test("every column of a submitted concern and a draft, and of their person, on both databases", arguments: TestDatabaseKind.available)
    func sameAsFluent(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            let sam = try await users.create(
                try AccountDetails(name: "Sam Staffperson", email: "sam@example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
            let records = RecordStore(database, cipher: Self.cipher)
            let person = try await records.createPerson(
                kind: .child, details: PersonDetails(name: "Zebedee Testchild", knownAs: "Zeb"), by: sam.id, now: now)
            var draft = Concern(
                id: UUID(), personID: person.id, authorID: sam.id, conversationAt: now.addingTimeInterval(-3600), disclosedBy: .person,
                limitsExplained: true, secrecyRequested: false, offered: .limited, categories: [.neglect, .emotional], risk: .significantHarm,
                narrative: ConcernNarrative(place: "The library", account: "She said there is no food at home."), createdAt: now,
                updatedAt: now)
            let saved = try await records.saveDraft(draft, by: sam.id, now: now)
            let submitted = try await records.submit(saved, by: sam.id, now: now.addingTimeInterval(60))
            draft.id = UUID()
            draft.risk = nil
            draft.categories = []
            _ = try await records.saveDraft(draft, by: sam.id, now: now)

            for id in [submitted.id, draft.id] {
                let fluent = try #require(try await ConcernModel.find(id, on: database.database))
                let rows = try await records.concernModels(where: "id = \(bind: id)")
                #expect(rows.count == 1)
                #expect(try Self.encoded(try #require(rows.first)) == Self.encoded(fluent))
            }
            let fluentPerson = try #require(try await PersonModel.find(person.id, on: database.database))
            let personRows = try await records.personModels(where: "id = \(bind: person.id)")
            #expect(personRows.count == 1)
            #expect(try Self.encoded(try #require(personRows.first)) == Self.encoded(fluentPerson))
            // The concerns opened from rows are the concerns saved.
            #expect(try await records.concerns(about: person.id, includeDraftsBy: nil) == [submitted])
            #expect(Set(try await records.concerns(about: person.id, includeDraftsBy: sam.id).map(\.id)) == [submitted.id, draft.id])
        }
    }
}
