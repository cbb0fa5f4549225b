import Testing

@testable import ConfidantCore

@Suite("Public explainer pages")
struct PublicExplainerTests {
    let explainer = PublicExplainer(policy: .mct)

    @Test("Each page has the four sections in order, each with at least one item", arguments: Audience.allCases)
    func sections(audience: Audience) {
        let page = explainer.page(for: audience)
        #expect(page.sections.map(\.topic) == ExplainerTopic.allCases)
        #expect(page.sections.allSatisfy { !$0.items.isEmpty })
        #expect(page.title == "What happens when you tell us something")
        #expect(page.policyVersion == ConfidentialityPolicy.mctVersion)
    }

    @Test("Every page explains every rule that permits sharing, citing its clause", arguments: Audience.allCases)
    func sharingClausesExplained(audience: Audience) {
        let cited = explainer.page(for: audience).citedClauseIDs
        for rule in PublicExplainer.sharingRules {
            #expect(cited.contains(ConfidentialityPolicy.mct.clause(for: rule).id), "\(audience): \(rule)")
        }
        // And when people are told: the limits at the start, being told and involved, and why telling may wait.
        for rule in [PolicyRule.explainLimits, .informAndInvolve, .withholdInforming, .neverShare, .absolutePromise] {
            #expect(cited.contains(ConfidentialityPolicy.mct.clause(for: rule).id), "\(audience): \(rule)")
        }
    }

    @Test("Every item cites at least one clause of the policy, and only clauses of the policy", arguments: Audience.allCases)
    func citationsAreClauses(audience: Audience) {
        let ids = Set(ConfidentialityPolicy.mct.clauses.map(\.id))
        for item in explainer.page(for: audience).items {
            #expect(!item.clauseIDs.isEmpty, "\(item.text)")
            #expect(item.clauseIDs.allSatisfy(ids.contains), "\(item.text)")
        }
    }

    @Test("The parents' page quotes every public clause's title and statement")
    func parentsQuoteClauses() {
        let page = explainer.page(for: .parentsAndCarers)
        let quoted = page.items.filter { !$0.heading.isEmpty }
        let publicClauses = ConfidentialityPolicy.mct.clauses.filter { ExplainerWording.placement(of: $0.rule) != nil }
        #expect(quoted.count == publicClauses.count)
        for clause in publicClauses {
            #expect(
                quoted.contains(
                    ExplainerItem(
                        heading: clause.title, text: clause.statement,
                        icon: ExplainerWording.placement(of: clause.rule)?.icon ?? .lock,
                        clauseIDs: [clause.id])))
        }
        // role-limits and lawful-basis-order govern staff, not what happens to what someone says.
        #expect(!page.citedClauseIDs.contains("role-limits"))
        #expect(!page.citedClauseIDs.contains("lawful-basis-order"))
    }

    @Test("An organisation with its own clauses gets its own explainer: its ids, its titles, its wording")
    func differentPolicyDifferentExplainer() throws {
        var clauses = ConfidentialityPolicy.mct.clauses.map { clause in
            var renamed = clause
            renamed.id = "hv-" + clause.id
            renamed.title = "Hazelwood: " + clause.title
            renamed.statement = "At Hazelwood Youth Project, " + clause.statement.prefix(1).lowercased() + clause.statement.dropFirst()
            return renamed
        }
        clauses.reverse()
        let policy = try ConfidentialityPolicy(name: "Hazelwood Youth Project Confidentiality Policy", version: "hv-1", clauses: clauses)
        let other = PublicExplainer(policy: policy, organisation: "Hazelwood Youth Project")
        for audience in Audience.allCases {
            let page = other.page(for: audience)
            #expect(page != explainer.page(for: audience))
            #expect(page.citedClauseIDs.allSatisfy { $0.hasPrefix("hv-") })
            #expect(page.intro.joined().contains("Hazelwood Youth Project"))
        }
        let parents = other.page(for: .parentsAndCarers)
        #expect(parents.items.first?.heading.hasPrefix("Hazelwood: ") == true)
        #expect(parents.items.first?.text.hasPrefix("At Hazelwood Youth Project, ") == true)
        // The reading order does not depend on the order the policy lists its clauses in.
        let share = try #require(parents.sections.first { $0.topic == .whatWeMayShare })
        #expect(share.items.first?.clauseIDs == ["hv-safety-first"])
        #expect(share.items.last?.clauseIDs == ["hv-record-decisions"])
    }

    @Test("The children's page reads at Flesch–Kincaid grade 4 or below (about age 8–9) with short sentences")
    func childrenReadingLevel() {
        let level = explainer.page(for: .children).readingLevel
        print(
            "children: grade \(level.fleschKincaidGrade), ease \(level.fleschReadingEase), \(level.words) words, \(level.sentences) sentences, longest \(level.longestSentenceWords)"
        )
        #expect(level.fleschKincaidGrade <= 4)
        #expect(level.wordsPerSentence <= 12)
        #expect(level.longestSentenceWords <= 20)
    }

    @Test("The parents' page reads at Flesch–Kincaid grade 9 or below")
    func parentsReadingLevel() {
        let level = explainer.page(for: .parentsAndCarers).readingLevel
        print(
            "parents: grade \(level.fleschKincaidGrade), ease \(level.fleschReadingEase), \(level.words) words, \(level.sentences) sentences, longest \(level.longestSentenceWords)"
        )
        #expect(level.fleschKincaidGrade <= 9)
    }

    @Test("Easy Read: every line is one sentence of at most 15 words, with a picture, and the page reads at grade 4 or below")
    func easyReadLines() {
        let page = explainer.page(for: .adultsAtRisk)
        for line in page.intro + page.items.map(\.text) {
            let level = ReadingLevel(text: line)
            #expect(level.sentences == 1, "\(line)")
            #expect(level.words <= 15, "\(line)")
        }
        #expect(page.items.allSatisfy { $0.heading.isEmpty })
        #expect(Set(page.items.map(\.icon)).count >= 5)
        let level = page.readingLevel
        print(
            "adults at risk: grade \(level.fleschKincaidGrade), ease \(level.fleschReadingEase), \(level.words) words, \(level.sentences) sentences, longest \(level.longestSentenceWords)"
        )
        #expect(level.fleschKincaidGrade <= Audience.adultsAtRisk.maximumGrade)
    }

    @Test("The children's page avoids the policy's hard words")
    func childrenAvoidJargon() {
        let text = explainer.page(for: .children).readableText.lowercased()
        for word in ["confidentiality", "safeguarding", "designated", "disclosure", "de-identified", "lawful", "consent"] {
            #expect(!text.contains(word), "\(word)")
        }
    }

    @Test(
        "Each section starts with its general point: most things stay private, safety first, limits explained at the start",
        arguments: Audience.allCases)
    func readingOrder(audience: Audience) {
        let sections = explainer.page(for: audience).sections
        #expect(
            sections.map { $0.items.first?.clauseIDs ?? [] } == [
                ["limited-confidentiality"], ["safety-first"], ["explain-limits"], ["safety-first", "emergency"],
            ])
    }

    @Test("Who you can talk to lists exactly the contacts the guide can recommend", arguments: Audience.allCases)
    func talkToSectionMatchesGuide(audience: Audience) throws {
        let section = try #require(explainer.page(for: audience).sections.last)
        #expect(section.items.count == explainer.guide(for: audience).contacts.count)
        #expect(section.items.first?.text.contains("999") == true)
    }
}
