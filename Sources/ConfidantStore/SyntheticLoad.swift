import ConfidantCore
import FluentKit
import Foundation
import SQLKit

/// Made-up records in bulk, for benchmarks and for trying Confidant at the sizes a large organisation reaches
/// (`confidant demo load --people N --concerns N`). Rows go in a thousand at a time, each person and narrative sealed
/// under its own binding and each person in the search index, so the records open on their pages like real ones.
/// Never used by `serve`.
package struct SyntheticLoad: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher

    package init(_ database: ConfidantDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// `people` people and `concerns` submitted concerns spread over the `days` before `now`, 70% of them triaged a
    /// day after submission, in a repeatable pattern of categories, risks and answers.
    package func load(people: Int, concerns: Int, days: Int, author: UUID, lead: UUID, now: Date) async throws {
        var personIDs: [UUID] = []
        let index = PersonSearchIndex(cipher: cipher)
        for start in stride(from: 0, to: people, by: 1_000) {
            var details: [UUID: PersonDetails] = [:]
            let models = try (start..<min(start + 1_000, people)).map { n -> PersonModel in
                let model = PersonModel()
                let id = UUID()
                let person = Self.person(n)
                details[id] = person
                let sealed = try cipher.seal(person, binding: "person:\(id)")
                model.id = id
                model.kind = PersonKind.allCases[n % 3].rawValue
                model.keyID = sealed.keyID
                model.sealedDetails = sealed.box
                model.createdBy = author
                model.createdAt = now.addingTimeInterval(-Double(days) * 86_400)
                model.inDirectory = true
                model.searchKeyID = index.keyID
                return model
            }
            personIDs += models.compactMap(\.id)
            let made = details
            try await database.database.transaction { db in
                try await models.create(on: db)
                guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
                try await index.add(made.map { ($0.key, $0.value) }, on: sql)
            }
        }
        try await loadConcerns(concerns, days: days, people: personIDs, author: author, lead: lead, now: now)
    }

    /// The `n`th made-up person: a first name from a short list and a surname of made-up syllables ending in "synth"
    /// (no real family's), one per person, so that a benchmark can search for exactly one person or for many, and
    /// surnames begin and sound as variously as real ones do.
    package static func person(_ n: Int) -> PersonDetails {
        let first = ["Alex", "Sam", "Robin", "Kit", "Jordan", "Casey", "Riley", "Morgan", "Avery", "Quinn"][n % 10]
        let consonants = Array("bdfgklmnprstvz")
        let vowels = Array("aeiou")
        var surname = ""
        var rest = n / 10
        repeat {
            surname.append(consonants[rest % consonants.count])
            surname.append(vowels[rest / consonants.count % vowels.count])
            rest /= consonants.count * vowels.count
        } while rest > 0
        let year = 2008 + n % 12
        return PersonDetails(
            name: "\(first) \(surname.capitalized)synth",
            dateOfBirth: String(format: "%04d-%02d-%02d", year, 1 + n % 12, 1 + n % 28))
    }

    func loadConcerns(_ concerns: Int, days: Int, people personIDs: [UUID], author: UUID, lead: UUID, now: Date) async throws {
        for start in stride(from: 0, to: concerns, by: 1_000) {
            var decisions: [TriageDecisionModel] = []
            let models = try (start..<min(start + 1_000, concerns)).map { n -> ConcernModel in
                let at = now.addingTimeInterval(-Double(n % (days * 24)) * 3_600 - Double(n % 7) * 60)
                let model = ConcernModel()
                let id = UUID()
                // Each sealed under its own binding, as a real record is, so that the made-up records open on their pages.
                let narrative = try cipher.seal(
                    ConcernNarrative(account: "Made-up record \(n) for load testing: said they were worried about something at home."),
                    binding: "concern:\(id)")
                model.id = id
                model.personID = personIDs.isEmpty ? UUID() : personIDs[n % personIDs.count]
                model.authorID = author
                model.status = ConcernStatus.submitted.rawValue
                model.conversationAt = at.addingTimeInterval(-Double(n % 48) * 600)
                model.disclosedBy = DisclosedBy.allCases[n % 3].rawValue
                model.limitsExplained = n % 7 != 3
                model.secrecyRequested = n % 4 == 0
                model.offered = n % 97 == 0 ? ConfidentialityOffered.absolute.rawValue : ConfidentialityOffered.limited.rawValue
                model.categories = [ConcernCategory.allCases[n % 10].rawValue]
                model.risk = RiskLevel.allCases[[0, 1, 1, 2, 1, 3, 1, 2][n % 8]].rawValue
                model.keyID = narrative.keyID
                model.sealedNarrative = narrative.box
                model.createdAt = at
                model.updatedAt = at
                model.submittedAt = at
                model.triagePriority = 0
                model.awaitingTriage = n % 10 >= 7
                model.wishesAsked = n % 5 == 4 ? nil : n % 5 != 3
                if n % 10 < 7 {
                    let decision = TriageDecisionModel()
                    let decisionID = UUID()
                    let reason = try cipher.seal("Made-up triage decision for load testing.", binding: "decision:\(decisionID)")
                    decision.id = decisionID
                    decision.concernID = id
                    decision.deciderID = lead
                    decision.outcome = TriageOutcome.allCases[n % TriageOutcome.allCases.count].rawValue
                    decision.keyID = reason.keyID
                    decision.sealedReason = reason.box
                    decision.decidedAt = at.addingTimeInterval(Double(1 + n % 30) * 3_600)
                    decisions.append(decision)
                    model.firstTriagedAt = decision.decidedAt
                    model.firstTriageOutcome = decision.outcome
                }
                return model
            }
            let triaged = decisions
            try await database.database.transaction { db in
                try await models.create(on: db)
                try await triaged.create(on: db)
            }
        }
    }
}
