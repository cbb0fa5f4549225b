import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("Advice requests in the store")
struct AdviceStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let cipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-advice-test"))

    @Test(
        "two leads answering one request at once: one answer is kept, the other lead is told who answered",
        arguments: TestDatabaseKind.available)
    func concurrentAnswers(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            let staff = try await users.create(
                try AccountDetails(name: "Sam Staffperson", email: "sam@example.org"), role: .staff, passwordHash: nil, now: now, by: "system")
            let dana = try await users.create(
                try AccountDetails(name: "Dana Lead", email: "dana@example.org"), role: .dsl, passwordHash: nil, now: now, by: "system")
            let dev = try await users.create(
                try AccountDetails(name: "Dev Deputy", email: "dev@example.org"), role: .deputyDSL, passwordHash: nil, now: now, by: "system")
            let advice = AdviceStore(database, cipher: Self.cipher)
            let request = try await advice.ask("A child of 9 says an older child takes their lunch. Is this safeguarding?", by: staff.id, now: now)
            let answers = [(dana, "Yes: talk to the child today."), (dev, "Record it and watch for a pattern.")]
            let outcomes = try await withThrowingTaskGroup(of: Result<String, AlreadyDecided>.self, returning: [Result<String, AlreadyDecided>].self)
            { group in
                for (lead, answer) in answers {
                    group.addTask {
                        do {
                            try await advice.answer(request.id, with: answer, by: lead.id, now: now)
                            return .success(answer)
                        } catch let error as AlreadyDecided {
                            return .failure(error)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let kept = try #require(outcomes.compactMap { try? $0.get() }.first)
            let winner = try #require(answers.first { $0.1 == kept }?.0)
            let losers = outcomes.compactMap { outcome -> AlreadyDecided? in if case .failure(let e) = outcome { e } else { nil } }
            #expect(losers == [AlreadyDecided(.answered, by: winner.name, at: now)])
            let stored = try #require(try await advice.all().first)
            #expect(stored.answer == kept)
            #expect(stored.answeredBy == winner.id)
        }
    }
}
