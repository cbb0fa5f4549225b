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
    static let people = [
        KnownPerson(name: "Zebedee Testchild", role: .child, aliases: ["Zeb"]),
        KnownPerson(name: "Quill Madeup", role: .parentCarer),
    ]

    @Test("nothing is sent unless chosen")
    func nothingByDefault() {
        let sections = ShareComposer.compose(
            narrative: Self.narrative, parts: [], form: .identified, people: Self.people,
            discloser: "Morwenna Fictional", includeDiscloser: false)
        #expect(sections.isEmpty)
    }

    @Test(
        "only the chosen parts are sent, in the record's order",
        arguments: [
            (Set<SharePart>([.opinion]), ["Staff opinion"]),
            (Set<SharePart>([.actions, .account]), ["What the person said", "Actions taken"]),
            (Set(SharePart.allCases), ["What the person said", "What staff saw or heard", "Staff opinion", "Actions taken"]),
        ])
    func chosenParts(parts: Set<SharePart>, headings: [String]) {
        let sections = ShareComposer.compose(
            narrative: Self.narrative, parts: parts, form: .identified, people: Self.people,
            discloser: "", includeDiscloser: false)
        #expect(sections.map(\.heading) == headings)
    }

    @Test("a de-identified share names nobody: no name, alias, address or postcode of the case's people")
    func deidentified() {
        let sections = ShareComposer.compose(
            narrative: Self.narrative, parts: Set(SharePart.allCases), form: .deidentified,
            people: Self.people, discloser: "Morwenna Fictional", includeDiscloser: false)
        let text = sections.map(\.text).joined(separator: "\n")
        for leaked in ["Zebedee", "Testchild", "Zeb ", "Quill", "Madeup", "Morwenna", "Imaginary Lane", "NW1 2XY"] {
            #expect(!text.contains(leaked), "\(leaked) leaked: \(text)")
        }
        #expect(text.contains("Child A"))
        #expect(text.contains("He seemed frightened."))
    }

    @Test("one pseudonym key per share: the same person has the same pseudonym in every section")
    func onePseudonymiserPerShare() {
        let sections = ShareComposer.compose(
            narrative: Self.narrative, parts: [.account, .observations], form: .deidentified,
            people: Self.people, discloser: "", includeDiscloser: false)
        #expect(sections.count == 2)
        #expect(sections.allSatisfy { $0.text.contains("Child A") })
    }

    @Test("an identified share keeps the subject's name but never names the third-party discloser unless chosen")
    func discloserProtected() {
        let hidden = ShareComposer.compose(
            narrative: Self.narrative, parts: [.observations], form: .identified, people: Self.people,
            discloser: "Morwenna Fictional", includeDiscloser: false)
        #expect(
            hidden == [
                ShareSection(
                    heading: "What staff saw or heard",
                    text: "A bruise on Zebedee's arm. \(ShareComposer.discloserPlaceholder) told me first.")
            ])
        let chosen = ShareComposer.compose(
            narrative: Self.narrative, parts: [.observations], form: .identified, people: Self.people,
            discloser: "Morwenna Fictional", includeDiscloser: true)
        #expect(chosen.first == ShareSection(heading: "Who raised the concern", text: "Morwenna Fictional"))
        #expect(chosen.last?.text.contains("Morwenna Fictional told me first") == true)
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
