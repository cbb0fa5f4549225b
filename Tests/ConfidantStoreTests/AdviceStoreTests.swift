import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("Advice requests in the store")
struct AdviceStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let key = DataKey(key: SymmetricKey(size: .bits256), id: "k-advice-test")
    static let cipher = FieldCipher(current: key)

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

    /// A staff member and two leads.
    func people(_ database: ConfidantDatabase) async throws -> (staff: UserAccount, dana: UserAccount, dev: UserAccount) {
        let users = UserStore(database)
        func make(_ name: String, _ email: String, _ role: UserRole) async throws -> UserAccount {
            try await users.create(try AccountDetails(name: name, email: email), role: role, passwordHash: nil, now: now, by: "system")
        }
        return (
            try await make("Sam Staffperson", "sam@example.org", .staff), try await make("Dana Lead", "dana@example.org", .dsl),
            try await make("Dev Deputy", "dev@example.org", .deputyDSL)
        )
    }

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }

    @Test("a question is sealed, logged, and read back by its asker newest first", arguments: TestDatabaseKind.available)
    func ask(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (staff, dana, _) = try await people(database)
            let advice = AdviceStore(database, cipher: Self.cipher)
            let first = try await advice.ask("Child A says an older child takes their lunch.", by: staff.id, now: now)
            let second = try await advice.ask("Adult B has bruises and will not say why.", by: staff.id, now: now.addingTimeInterval(60))
            _ = try await advice.ask("A lead's own question.", by: dana.id, now: now.addingTimeInterval(30))
            #expect(first.askerID == staff.id && first.askedAt == now && first.answer == nil && first.answeredBy == nil && first.answeredAt == nil)
            #expect(try await advice.asked(by: staff.id) == [second, first])
            #expect(try await advice.asked(by: UUID()) == [])
            let raw = try await database.strings("SELECT sealed_question FROM advice_requests")
            #expect(raw.count == 3 && raw.allSatisfy { !$0.contains("lunch") && !$0.contains("bruises") })
            #expect(Set(try await database.strings("SELECT key_id FROM advice_requests")) == ["k-advice-test"])
            let logged = try await AuditLogStore(database).search(action: "record_created", target: "advice:\(Self.id(first.id))")
            #expect(logged.map(\.actor) == [Self.id(staff.id)])
            #expect(logged.map(\.detail) == ["{}"])
        }
    }

    @Test("leads see unanswered requests first, then the newest; an answer is sealed and logged", arguments: TestDatabaseKind.available)
    func answer(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (staff, dana, dev) = try await people(database)
            let advice = AdviceStore(database, cipher: Self.cipher)
            let oldest = try await advice.ask("Question one.", by: staff.id, now: now)
            let middle = try await advice.ask("Question two.", by: staff.id, now: now.addingTimeInterval(60))
            let newest = try await advice.ask("Question three.", by: staff.id, now: now.addingTimeInterval(120))
            let last = try await advice.ask("Question four.", by: staff.id, now: now.addingTimeInterval(180))
            #expect(try await advice.all().map(\.id) == [last.id, newest.id, middle.id, oldest.id])

            let at = now.addingTimeInterval(3600)
            try await advice.answer(newest.id, with: "Record it and tell the lead.", by: dana.id, now: at)
            try await advice.answer(oldest.id, with: "Yes: talk to them today.", by: dev.id, now: at)
            #expect(try await advice.all().map(\.id) == [last.id, middle.id, newest.id, oldest.id])
            let answered = try #require(try await advice.asked(by: staff.id).first { $0.id == newest.id })
            #expect(answered.answer == "Record it and tell the lead." && answered.answeredBy == dana.id && answered.answeredAt == at)
            #expect(answered.question == "Question three.")
            let raw = try await database.strings("SELECT sealed_answer FROM advice_requests WHERE sealed_answer IS NOT NULL")
            #expect(raw.count == 2 && raw.allSatisfy { !$0.contains("Record it") && !$0.contains("talk to them") })
            let logged = try await AuditLogStore(database).search(action: "record_created", target: "advice:\(Self.id(newest.id))")
            #expect(logged.map(\.detail) == [#"{"answered":true}"#, "{}"])
            #expect(logged.first?.actor == Self.id(dana.id))
        }
    }

    @Test(
        "a request is answered once: a later answer is told who answered and when; an unknown request is not found",
        arguments: TestDatabaseKind.available)
    func answeredOnce(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (staff, dana, dev) = try await people(database)
            let advice = AdviceStore(database, cipher: Self.cipher)
            let request = try await advice.ask("Is this safeguarding?", by: staff.id, now: now)
            let at = now.addingTimeInterval(600)
            try await advice.answer(request.id, with: "Yes.", by: dana.id, now: at)
            await #expect(throws: AlreadyDecided(.answered, by: "Dana Lead", at: at)) {
                try await advice.answer(request.id, with: "No.", by: dev.id, now: at.addingTimeInterval(60))
            }
            await #expect(throws: AlreadyDecided(.answered, by: "Dana Lead", at: at)) {
                try await advice.answer(request.id, with: "Yes, again.", by: dana.id, now: at.addingTimeInterval(60))
            }
            #expect(try await advice.all().map(\.answer) == ["Yes."])
            await #expect(throws: RecordError.notFound) { try await advice.answer(UUID(), with: "To nobody.", by: dana.id, now: at) }
        }
    }

    @Test("answering after a key rotation moves the question to the current key with its answer", arguments: TestDatabaseKind.available)
    func answerAfterRotation(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (staff, dana, _) = try await people(database)
            let request = try await AdviceStore(database, cipher: Self.cipher).ask("Asked before the rotation.", by: staff.id, now: now)
            let newKey = DataKey(key: SymmetricKey(size: .bits256), id: "k-advice-next")
            let rotated = AdviceStore(database, cipher: FieldCipher(current: newKey, previous: [Self.key]))
            #expect(try await rotated.all().map(\.question) == ["Asked before the rotation."])
            try await rotated.answer(request.id, with: "Answered after it.", by: dana.id, now: now)
            #expect(try await database.strings("SELECT key_id FROM advice_requests") == ["k-advice-next"])
            // Both columns now open with the new key alone, and not with the old.
            let newOnly = AdviceStore(database, cipher: FieldCipher(current: newKey))
            #expect(try await newOnly.all().map { [$0.question, $0.answer ?? ""] } == [["Asked before the rotation.", "Answered after it."]])
            await #expect(throws: CipherError.unknownKey("k-advice-next")) { _ = try await AdviceStore(database, cipher: Self.cipher).all() }
        }
    }

    @Test("an empty question and one of the longest allowed survive the database exactly", arguments: TestDatabaseKind.available)
    func sizes(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (staff, dana, _) = try await people(database)
            let advice = AdviceStore(database, cipher: Self.cipher)
            let long = String(repeating: "Дитя сказало «нет» 🍞 ", count: AdviceRequest.maximumLength / 21)
            #expect(!long.exceedsLimit(AdviceRequest.maximumLength))
            let empty = try await advice.ask("", by: staff.id, now: now)
            let full = try await advice.ask(long, by: staff.id, now: now.addingTimeInterval(1))
            try await advice.answer(full.id, with: long, by: dana.id, now: now)
            let all = try await advice.all()
            #expect(all.first { $0.id == empty.id }?.question == "")
            #expect(all.first { $0.id == full.id }?.question == long)
            #expect(all.first { $0.id == full.id }?.answer == long)
        }
    }

    @Test("a question's sealed text moved onto another request does not open there", arguments: TestDatabaseKind.available)
    func movedQuestion(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let (staff, dana, _) = try await people(database)
            let advice = AdviceStore(database, cipher: Self.cipher)
            let first = try await advice.ask("First.", by: staff.id, now: now)
            try await advice.answer(first.id, with: "An answer.", by: dana.id, now: now)
            let question = try #require(try await database.strings("SELECT sealed_question FROM advice_requests").first)
            let answer = try #require(try await database.strings("SELECT sealed_answer FROM advice_requests").first)
            // The answer column is bound apart from the question of the same row.
            try await database.execute("UPDATE advice_requests SET sealed_question = '\(answer)'")
            await #expect(throws: CipherError.damaged("advice:\(first.id)")) { _ = try await advice.asked(by: staff.id) }
            try await database.execute("UPDATE advice_requests SET sealed_question = '\(question)'")
            #expect(try await advice.asked(by: staff.id).map(\.question) == ["First."])
            // Nor does one request's question open on another request.
            let second = try await advice.ask("Second.", by: staff.id, now: now.addingTimeInterval(1))
            try await database.execute("UPDATE advice_requests SET sealed_question = '\(question)'")
            await #expect(throws: CipherError.damaged("advice:\(second.id)")) { _ = try await advice.all() }
        }
    }
}
