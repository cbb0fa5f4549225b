import ConfidantCore
import ConfidantStore
import ConfidantWeb
import Foundation

/// The demo organisation's partner agencies and shares of every kind, so the sharing and task pages show real work (all invented).
enum DemoSharing {
    /// One demo share: who proposes, to whom, and the facts the engine sees.
    struct Plan {
        let daysAgo: Double
        let byLead: Bool
        let form: ShareForm
        let purpose: SharePurpose
        let consent: Consent
        let risk: RiskLevel
        let withheld: Bool
        let perpetrator: Bool
        let informDone: Bool
    }

    static let plans: [Plan] = [
        Plan(
            daysAgo: 20, byLead: false, form: .deidentified, purpose: .advice, consent: .notSought, risk: .concern, withheld: false,
            perpetrator: false, informDone: false),
        Plan(
            daysAgo: 15, byLead: true, form: .identified, purpose: .safeguarding, consent: .given, risk: .concern, withheld: false,
            perpetrator: false, informDone: false),
        Plan(
            daysAgo: 0.5, byLead: true, form: .identified, purpose: .safeguarding, consent: .refused, risk: .significantHarm, withheld: false,
            perpetrator: false, informDone: false),
        Plan(
            daysAgo: 12, byLead: true, form: .identified, purpose: .safeguarding, consent: .refused, risk: .significantHarm, withheld: false,
            perpetrator: false, informDone: true),
        Plan(
            daysAgo: 9, byLead: true, form: .identified, purpose: .safeguarding, consent: .refused, risk: .significantHarm, withheld: false,
            perpetrator: false, informDone: false),
        Plan(
            daysAgo: 6, byLead: true, form: .identified, purpose: .safeguarding, consent: .cannotBeObtained, risk: .significantHarm, withheld: true,
            perpetrator: false, informDone: false),
        Plan(
            daysAgo: 1, byLead: false, form: .identified, purpose: .safeguarding, consent: .refused, risk: .significantHarm, withheld: false,
            perpetrator: false, informDone: false),
        Plan(
            daysAgo: 3, byLead: false, form: .identified, purpose: .safeguarding, consent: .notSought, risk: .concern, withheld: false,
            perpetrator: true, informDone: false),
    ]

    /// Adds agencies, contacts and shares to a freshly loaded demo organisation.
    static func load(into environment: WebEnvironment, now: Date) async throws {
        let users = try await environment.users.all()
        guard let lead = users.first(where: { $0.role == .dsl }), let staff = users.first(where: { $0.role == .staff }) else { return }
        let agencies: [(String, AgencyType, String, [(String, String)])] = [
            ("Demo County Children's Services", .childrensSocialCare, "DEMO-DSA-001", [("Demo Pat Partner", "pat.partner@demo.example")]),
            ("Demo Police Safeguarding Hub", .police, "DEMO-DSA-002", [("Demo Officer Quinn", "quinn.officer@demo.example")]),
            ("Demo Health Visiting Team", .health, "DEMO-DSA-003", [("Demo Nurse Rowe", "rowe.nurse@demo.example")]),
        ]
        var contacts: [(AgencyContact, String)] = []
        for (name, type, reference, people) in agencies {
            let agency = try await environment.shares.createAgency(
                PartnerAgency(id: UUID(), name: name, type: type, agreementReference: reference, agreementReviewDate: "2027-09-30"),
                by: lead.id, now: now)
            for (contactName, email) in people {
                contacts.append(
                    (
                        try await environment.shares.addContact(to: agency.id, name: contactName, email: email, by: lead.id, now: now),
                        "\(contactName), \(name) (\(type.label))"
                    ))
            }
        }
        var concerns: [Concern] = []
        for author in [staff.id, lead.id] {
            concerns += try await environment.records.concerns(writtenBy: author).filter { $0.status == .submitted }
        }
        guard !concerns.isEmpty, !contacts.isEmpty else { return }
        let organisation = try await environment.organisationContact()
        for (index, plan) in plans.enumerated() {
            let concern = concerns[index % concerns.count]
            guard let person = try await environment.records.people([concern.personID])[concern.personID] else { continue }
            let proposer = plan.byLead ? lead : staff
            let (contact, label) = contacts[index % contacts.count]
            let at = now.addingTimeInterval(-plan.daysAgo * 86_400)
            // The same path as the share form: one proposal from the record and the answers.
            let record = ShareCase(
                concern: concern, person: person, household: try await environment.records.links(of: person.id),
                addenda: try await environment.records.addenda(of: concern.id))
            let answers = ShareAnswers(
                recipient: ShareRecipient(kind: .partnerAgency, label: label, contactID: contact.id), purpose: plan.purpose, form: plan.form,
                consent: plan.consent, consentBy: plan.consent == .given || plan.consent == .refused ? "The young person (demo)" : "",
                risk: plan.risk, subjectHasCapacity: person.kind != .child || plan.consent != .cannotBeObtained,
                recipientIsAllegedPerpetrator: plan.perpetrator, informingWouldIncreaseRisk: plan.withheld,
                reason: "Demo share: \(plan.purpose == .advice ? "asking for advice" : "keeping a child safe") (DEMO DATA)",
                parts: [.subject, .account, .observations, .addenda, .contact])
            let proposal = ShareProposal.make(for: record, answers: answers, proposer: proposer, organisation: organisation, now: at)
            let share = try await environment.shares.record(proposal)
            if plan.informDone, let task = try await environment.shares.tasks(ofShare: share.id).first(where: { $0.kind == .inform }) {
                _ = try await environment.shares.complete(
                    task.id, method: .inPerson,
                    note: "Demo: they were upset at first, then said they were glad someone would help.",
                    by: proposer.id, now: at.addingTimeInterval(86_400))
            }
        }
    }
}
