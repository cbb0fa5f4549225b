import ConfidantCore
import Foundation
import Testing

@Suite("What a share sends: chosen parts only, de-identified when asked, the discloser protected")
struct ShareComposerTests {
    static let narrative = ConcernNarrative(
        place: "The youth club", thirdParty: "Morwenna Fictional",
        account: "Zebedee Testchild said his stepdad Quill Madeup hits him at 14 Imaginary Lane, Nowhereton NW1 2XY.",
        observations: "A bruise on Zebedee's arm. Morwenna Fictional told me first.",
        opinion: "He seemed frightened.", actionsTaken: "Told the DSL.")
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    static let staff = UserAccount(
        id: UUID(), name: "Sam Staff", email: "sam@example.org", role: .staff, disabled: false, hasPassword: true, createdAt: now,
        updatedAt: now)
    static let lead = UserAccount(
        id: UUID(), name: "Dana Lead", email: "dana@example.org", role: .dsl, disabled: false, hasPassword: true, createdAt: now,
        updatedAt: now)
    static let organisation = OrganisationContact(
        organisation: "Fictional Youth Trust", leadName: "Dana Lead", phone: "01632 960 222", email: "safeguarding@example.org")
    static let parent = Person(
        id: UUID(), kind: .adult, details: PersonDetails(name: "Quill Madeup", dateOfBirth: "1985-06-01"), createdBy: UUID(), createdAt: now)

    /// A made-up child with a parent, a concern told by a third party, and one correction.
    static func record(disclosedBy: DisclosedBy = .thirdParty, addenda: Bool = true) -> ShareCase {
        let person = Person(
            id: UUID(), kind: .child,
            details: PersonDetails(
                name: "Zebedee Testchild", knownAs: "Zeb", dateOfBirth: "2014-03-27", address: "14 Imaginary Lane\nNowhereton NW1 2XY",
                schoolOrClub: "Nowhereton Juniors FC"),
            createdBy: UUID(), createdAt: now)
        let concern = Concern(
            id: UUID(), personID: person.id, authorID: staff.id, status: .submitted, conversationAt: now, disclosedBy: disclosedBy,
            offered: .limited, categories: [.physical, .neglect], risk: .significantHarm, narrative: narrative, createdAt: now,
            updatedAt: now, submittedAt: now)
        return ShareCase(
            concern: concern, person: person, household: [PersonLink(person: parent, relationship: .parentCarer)],
            addenda: addenda
                ? [
                    Addendum(
                        id: UUID(), concernID: concern.id, authorID: staff.id, text: "Correction: it was Zebedee's right arm.",
                        createdAt: now.addingTimeInterval(3600))
                ] : [])
    }

    static func answers(
        _ parts: Set<SharePart>, form: ShareForm = .identified, includeDiscloser: Bool = false, household: Set<UUID> = [],
        consent: Consent = .refused
    ) -> ShareAnswers {
        ShareAnswers(
            recipient: ShareRecipient(kind: .partnerAgency, label: "Officer Quinn, Fictional Police", contactID: UUID()),
            purpose: .safeguarding, form: form, consent: consent, risk: .significantHarm, subjectHasCapacity: false,
            reason: "Risk of significant harm", parts: parts, household: household, includeDiscloser: includeDiscloser)
    }

    static func compose(_ answers: ShareAnswers, record: ShareCase = record()) -> [ShareSection] {
        ShareComposer.compose(record, answers: answers, organisation: organisation, now: now)
    }

    @Test("nothing is sent unless chosen")
    func nothingByDefault() {
        #expect(Self.compose(Self.answers([])).isEmpty)
    }

    @Test(
        "only the chosen parts are sent, in the order a recipient reads them",
        arguments: [
            (Set<SharePart>([.opinion]), ["Staff opinion"]),
            (Set<SharePart>([.actions, .account]), ["What the person said", "Actions taken"]),
            (
                Set(SharePart.allCases),
                [
                    "Who this is about", "What the person said", "What staff saw or heard", "Staff opinion", "Actions taken",
                    "Correction added on 18 November 2026", "Who to contact",
                ]
            ),
        ])
    func chosenParts(parts: Set<SharePart>, headings: [String]) {
        #expect(Self.compose(Self.answers(parts)).map(\.heading) == headings)
    }

    @Test("an identified referral says who it is about, the household chosen, the concern, and whom to call back")
    func identifiedBlocks() throws {
        let sections = Self.compose(Self.answers([.subject, .contact], household: [Self.parent.id]))
        let about = try #require(sections.first { $0.heading == "Who this is about" })
        let fields = Dictionary(uniqueKeysWithValues: about.fields.map { ($0.label, $0.value) })
        #expect(fields["Name"] == "Zebedee Testchild")
        #expect(fields["Known as"] == "Zeb")
        #expect(fields["Date of birth"] == "27 March 2014 (age 12)")
        #expect(fields["Address"] == "14 Imaginary Lane\nNowhereton NW1 2XY")
        #expect(fields["School or club"] == "Nowhereton Juniors FC")
        #expect(fields["Parent or carer"] == "Quill Madeup, born 1 June 1985")
        #expect(fields["Date of the conversation"] == "18 November 2026")
        #expect(fields["Categories"] == "Physical abuse, Neglect")
        #expect(fields["Assessed risk"] == "Risk of significant harm")
        let contact = try #require(sections.last)
        #expect(contact.fields.map(\.value) == ["Fictional Youth Trust", "Dana Lead", "01632 960 222", "safeguarding@example.org"])
        // A household member not chosen is not described.
        #expect(!Self.compose(Self.answers([.subject])).flatMap(\.fields).contains { $0.value.contains("Quill") })
    }

    @Test("a de-identified share names nobody: pseudonyms, an age not a date of birth, a town not a street, no school")
    func deidentified() {
        let sections = Self.compose(Self.answers(Set(SharePart.allCases), form: .deidentified, household: [Self.parent.id]))
        let text = sections.map { ([$0.text] + $0.fields.map { "\($0.label): \($0.value)" }).joined(separator: "\n") }.joined(separator: "\n")
        for leaked in ["Zebedee", "Testchild", "Zeb ", "Quill", "Madeup", "Morwenna", "Imaginary Lane", "NW1 2XY", "2014", "1985", "Juniors"] {
            #expect(!text.contains(leaked), "\(leaked) leaked: \(text)")
        }
        #expect(text.contains("Referred to as: Child A"))
        #expect(text.contains("Age: 12"))
        #expect(text.contains("Town: Nowhereton"))
        #expect(text.contains("Parent or carer: Parent/Carer A, age 41"))
        #expect(text.contains("He seemed frightened."))
        #expect(text.contains("Child A's right arm"))
    }

    @Test("one pseudonym key per share: the same person has the same pseudonym in every section")
    func onePseudonymiserPerShare() {
        let sections = Self.compose(Self.answers([.account, .observations], form: .deidentified))
        #expect(sections.count == 2)
        #expect(sections.allSatisfy { $0.text.contains("Child A") })
    }

    @Test("an identified share keeps the subject's name but never names the third-party discloser unless chosen")
    func discloserProtected() {
        let hidden = Self.compose(Self.answers([.observations]))
        #expect(
            hidden == [
                ShareSection(
                    heading: "What staff saw or heard",
                    text: "A bruise on Zebedee's arm. \(ShareComposer.discloserPlaceholder) told me first.")
            ])
        let chosen = Self.compose(Self.answers([.observations], includeDiscloser: true))
        #expect(chosen.first == ShareSection(heading: "Who raised the concern", text: "Morwenna Fictional"))
        #expect(chosen.last?.text.contains("Morwenna Fictional told me first") == true)
    }

    @Test(
        "a proposal carries the engine's decision, the exact content and the tasks it opens, for every outcome and form",
        arguments: [false, true])
    func proposals(withAddenda: Bool) throws {
        let record = Self.record(addenda: withAddenda)
        var seen = Set<String>()
        for proposer in [Self.staff, Self.lead] {
            for form in ShareForm.allCases {
                for consent in Consent.allCases {
                    let answers = Self.answers([.subject, .account, .addenda], form: form, consent: consent)
                    let proposal = ShareProposal.make(
                        for: record, answers: answers, proposer: proposer, organisation: Self.organisation, now: Self.now)
                    seen.insert("\(proposal.decision.outcome.rawValue)-\(form.rawValue)")
                    #expect(proposal.request.requester == (proposer.role == .dsl ? .dsl : .staff))
                    #expect(proposal.request.subjectKind == .child)
                    #expect(proposal.request.confidentialityOffered == .limited)
                    #expect(proposal.decision == DecisionEngine.decide(proposal.request))
                    #expect(proposal.status == Share.status(for: proposal.decision.outcome))
                    #expect(
                        proposal.snapshot.sections == ShareComposer.compose(record, answers: answers, organisation: Self.organisation, now: Self.now))
                    #expect(proposal.snapshot.sections.contains { $0.heading.hasPrefix("Correction") } == withAddenda)
                    #expect(proposal.snapshot.obligations == Array(proposal.decision.obligations))
                    #expect(proposal.snapshot.answers == answers)
                    #expect(proposal.opensTasks == (proposal.status == .shared ? InformTask.kinds(for: Array(proposal.decision.obligations)) : []))
                    #expect(proposal.notShared().status == .notShared)
                    #expect(proposal.notShared().opensTasks.isEmpty)
                    let share = proposal.share
                    if proposal.status == .awaitingApproval {
                        let approval = try share.approved(by: Self.lead.id, reason: "  Risk at home  ", at: Self.now)
                        #expect(approval.reason == "Risk at home")
                        var approved = proposal.request
                        approved.dslApproved = true
                        #expect(approval.obligations == Array(DecisionEngine.decide(approved).obligations))
                        #expect(throws: ShareDecisionProblem.reasonMissing) { _ = try share.approved(by: Self.lead.id, reason: " ", at: Self.now) }
                    } else {
                        #expect(throws: ShareDecisionProblem.notWaiting) { _ = try share.approved(by: Self.lead.id, reason: "Why", at: Self.now) }
                    }
                }
            }
        }
        #expect(seen.isSuperset(of: ["permit-identified", "permit-deidentified", "escalate-identified"]), "\(seen)")
    }

    @Test("the town of an address is its last part without digits, or the words before a postcode")
    func town() {
        #expect(PersonDetails(name: "A", address: "12 Acacia Road, Testtown, TT1 2AB").town == "Testtown")
        #expect(PersonDetails(name: "A", address: "12 Acacia Road\nTesttown TT1 2AB").town == "Testtown")
        #expect(PersonDetails(name: "A", address: "Flat 3, 12 Acacia Road").town == nil)
        #expect(PersonDetails(name: "A", address: "").town == nil)
        #expect(PersonDetails(name: "A", address: "Rose Cottage, Mill Lane").town == nil, "a house and a street are not a town")
        #expect(PersonDetails(name: "A", address: "The Old Rectory").town == nil, "one line could be anything")
        #expect(PersonDetails(name: "A", address: "Rose Cottage, Mill Lane, Testbury").town == "Testbury")
    }

    @Test("details sealed before the address and school were asked for still open, with those empty")
    func olderDetails() throws {
        let old = #"{"name":"Zebedee Testchild","knownAs":"","dateOfBirth":"2014-03-27","contact":"","identifiers":""}"#
        let details = try JSONDecoder().decode(PersonDetails.self, from: Data(old.utf8))
        #expect(details == PersonDetails(name: "Zebedee Testchild", dateOfBirth: "2014-03-27"))
    }

    @Test("a share's status follows the engine: permit sends, escalate waits, deny records a decision not to share")
    func statusFromOutcome() {
        #expect(Share.status(for: .permit) == .shared)
        #expect(Share.status(for: .escalate) == .awaitingApproval)
        #expect(Share.status(for: .deny) == .notShared)
    }

    @Test("a partner's link works while shared, until it expires or is revoked")
    func linkLifetime() {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let facts = Share.Facts(
            id: UUID(), concernID: UUID(), proposerID: UUID(), status: .shared, recipientUserID: nil,
            recipientContactID: UUID(), createdAt: start, expiresAt: start.addingTimeInterval(Share.linkLifetime),
            revokedAt: nil)
        #expect(facts.isOpen(now: start.addingTimeInterval(13 * 86_400)))
        #expect(!facts.isOpen(now: start.addingTimeInterval(14 * 86_400)))
        var revoked = facts
        revoked.revokedAt = start
        #expect(!revoked.isOpen(now: start))
        var waiting = facts
        waiting.status = .awaitingApproval
        #expect(!waiting.isOpen(now: start))
    }

    @Test("stored facts give back the same request, so a lead's approval re-decides exactly what was proposed")
    func factsRoundTrip() throws {
        let request = ShareRequest(
            subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .safeguarding,
            form: .identified, consent: .refused, risk: .significantHarm, riskToOthers: true,
            informingWouldIncreaseRisk: true, confidentialityOffered: .limited)
        let data = try JSONEncoder().encode(request)
        #expect(try JSONDecoder().decode(ShareRequest.self, from: data) == request)
    }
}
