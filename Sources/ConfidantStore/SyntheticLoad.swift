import ConfidantCore
import FluentKit
import Foundation

/// Made-up records in bulk, for benchmarks of lists and reports at the sizes a large organisation reaches. Rows go
/// in a thousand at a time, with one sealed narrative shared by all (nothing reads it back: the benchmarks count and
/// page, they do not open records), so a hundred thousand concerns load in seconds. Never used by `serve`.
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
        let personSeal = try cipher.seal(PersonDetails(name: "Synthetic person"), binding: "person:synthetic")
        var personIDs: [UUID] = []
        for start in stride(from: 0, to: people, by: 1_000) {
            let models = (start..<min(start + 1_000, people)).map { n -> PersonModel in
                let model = PersonModel()
                model.id = UUID()
                model.kind = PersonKind.allCases[n % 3].rawValue
                model.keyID = personSeal.keyID
                model.sealedDetails = personSeal.box
                model.createdBy = author
                model.createdAt = now.addingTimeInterval(-Double(days) * 86_400)
                model.inDirectory = true
                return model
            }
            personIDs += models.compactMap(\.id)
            try await models.create(on: database.database)
        }
        let narrative = try cipher.seal(ConcernNarrative(account: "Synthetic"), binding: "concern:synthetic")
        for start in stride(from: 0, to: concerns, by: 1_000) {
            var decisions: [TriageDecisionModel] = []
            let models = (start..<min(start + 1_000, concerns)).map { n -> ConcernModel in
                let at = now.addingTimeInterval(-Double(n % (days * 24)) * 3_600 - Double(n % 7) * 60)
                let model = ConcernModel()
                model.id = UUID()
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
                if n % 10 < 7, let id = model.id {
                    let decision = TriageDecisionModel()
                    decision.id = UUID()
                    decision.concernID = id
                    decision.deciderID = lead
                    decision.outcome = TriageOutcome.allCases[n % TriageOutcome.allCases.count].rawValue
                    decision.keyID = narrative.keyID
                    decision.sealedReason = narrative.box
                    decision.decidedAt = at.addingTimeInterval(Double(1 + n % 30) * 3_600)
                    decisions.append(decision)
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
