import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("Advice about no named person is reviewed a year after it was given, and disposed of only by two leads")
struct AdviceRetentionStoreTests {
    let given = Date(timeIntervalSince1970: 1_764_000_000)  // 24 November 2025
    static let cipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-advice-test"))

    @Test(
        "kept for a year, then due; kept longer, held, lifted; proposed by one lead and carried out by another", arguments: TestDatabaseKind.available
    )
    func review(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let sam = try await database.testAccount("Sam Staff", "sam@example.org", role: .staff, passwordHash: nil, now: given)
            let dana = try await database.testAccount("Dana Lead", "dana@example.org", role: .dsl, passwordHash: nil, now: given)
            let dev = try await database.testAccount("Dev Deputy", "dev@example.org", role: .deputyDSL, passwordHash: nil, now: given)
            let advice = AdviceStore(database, cipher: Self.cipher)
            let asked = try await advice.ask("A made-up question about a child who said a secret", by: sam.id, now: given.addingTimeInterval(-86_400))
            try await advice.answer(asked.id, with: "Made-up advice: tell the lead", by: dana.id, now: given)
            let store = AdviceRetentionStore(database, cipher: Self.cipher, schedule: RetentionSchedule())
            let year = given.addingTimeInterval(365 * 86_400)

            let entry = try #require(try await store.entry(asked.id))
            // Counted from the day the advice was given, not asked.
            #expect(entry.file.reviewOn == CalendarDay("2026-11-24"))
            #expect(entry.file.standing(today: CalendarDay(containing: year.addingTimeInterval(-86_400))) == .kept(until: CalendarDay("2026-11-24")!))
            #expect(entry.file.standing(today: CalendarDay(containing: year)) == .due(since: CalendarDay("2026-11-24")!))
            #expect(try await store.entries().map(\.advice.id) == [asked.id])

            func decide(_ step: String, until: String = "", by user: UUID, at: Date) async throws -> Result<RetentionDecision, FormProblems> {
                try await store.decide(asked.id, by: user, now: at) {
                    $0.deciding(step: step, until: until, reason: "Made-up reason", by: user, now: at)
                }
            }
            // Not due yet: disposal cannot even be proposed.
            if case .success = try await decide("disposal_proposed", by: dana.id, at: given) { Issue.record("proposed before the review date") }
            _ = try await decide("extended", until: "2027-02-01", by: dana.id, at: year).get()
            #expect(try await store.entry(asked.id)?.file.reviewOn == CalendarDay("2027-02-01"))
            let later = CalendarDay("2027-02-02")!.start.addingTimeInterval(3600)
            _ = try await decide("held", by: dana.id, at: later).get()
            #expect(try await store.dispose(asked.id, by: dev.id, confirmed: true, now: later) == .held("Made-up reason"))
            _ = try await decide("hold_lifted", by: dana.id, at: later).get()
            _ = try await decide("disposal_proposed", by: dana.id, at: later).get()
            // Two leads: not the one who proposed it, and only when confirmed.
            #expect(try await store.dispose(asked.id, by: dana.id, confirmed: true, now: later) == .sameLead)
            #expect(try await store.dispose(asked.id, by: dev.id, confirmed: false, now: later) == .notConfirmed)
            #expect(try await store.dispose(asked.id, by: dev.id, confirmed: true, now: later) == nil)
            #expect(try await store.entry(asked.id) == nil)
            #expect(try await database.countRows("advice_requests") == 0)
            #expect(try await database.countRows("advice_retention_decisions") == 0)
            let logged = try await AuditLogStore(database).search(action: "advice_disposed")
            #expect(logged.count == 1 && logged[0].actor == AuditName.user(dev.id) && logged[0].detail.contains("Advice about no named person"))
            #expect(!logged[0].detail.contains("secret"))
            #expect(try await AuditLogStore(database).search(action: "retention_reviewed").count == 4)
            await #expect(throws: RecordError.notFound) { _ = try await store.dispose(asked.id, by: dev.id, confirmed: true, now: later) }
        }
    }
}
