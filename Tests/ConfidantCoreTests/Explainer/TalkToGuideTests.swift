import Testing

@testable import ConfidantCore

@Suite("Who should I talk to?")
struct TalkToGuideTests {
    @Test("Every answer path ends in a recommendation citing clauses, after at most three questions", arguments: Audience.allCases)
    func everyPathEnds(audience: Audience) {
        let guide = TalkToGuide(policy: .mct, audience: audience)
        let paths = guide.paths
        #expect(paths.count == 5)
        let ids = Set(ConfidentialityPolicy.mct.clauses.map(\.id))
        for path in paths {
            #expect((1...3).contains(path.answerIDs.count))
            #expect(path.questionIDs.count == path.answerIDs.count)
            #expect(!path.recommendation.clauseIDs.isEmpty)
            #expect(path.recommendation.clauseIDs.allSatisfy(ids.contains))
            #expect(!path.recommendation.whatHappens.isEmpty)
            // Following the same answers through `step` reaches the same recommendation.
            #expect(guide.step(answers: path.answerIDs) == .recommendation(path.recommendation))
        }
        // Every question has at least two answers, and every answer is on some path.
        #expect(Set(paths.map { $0.answerIDs.joined(separator: "/") }).count == paths.count)
    }

    @Test("Danger right now always leads to 999", arguments: Audience.allCases)
    func dangerLeadsTo999(audience: Audience) {
        let guide = TalkToGuide(policy: .mct, audience: audience)
        guard case .recommendation(let recommendation) = guide.step(answers: ["yes"]) else {
            Issue.record("no recommendation")
            return
        }
        #expect(recommendation.contact == .emergencyServices)
        #expect(recommendation.heading.contains("999"))
        #expect(recommendation.clauseIDs == ["safety-first", "emergency"])
    }

    @Test(
        "Recommendations per audience",
        arguments: [
            (Audience.children, ["no", "me", "inside"], TalkContact.trustedStaff),
            (.children, ["no", "me", "outside"], .childline),
            (.children, ["no", "someone-else", "inside"], .safeguardingLead),
            (.children, ["no", "someone-else", "outside"], .childline),
            (.adultsAtRisk, ["no", "me", "outside"], .samaritans),
            (.adultsAtRisk, ["no", "someone-else", "outside"], .policeNonEmergency),
            (.parentsAndCarers, ["no", "someone-else", "outside"], .nspccHelpline),
            (.parentsAndCarers, ["no", "someone-else", "inside"], .safeguardingLead),
        ])
    func recommendations(audience: Audience, answers: [String], expected: TalkContact) {
        let guide = TalkToGuide(policy: .mct, audience: audience)
        guard case .recommendation(let recommendation) = guide.step(answers: answers) else {
            Issue.record("no recommendation for \(answers)")
            return
        }
        #expect(recommendation.contact == expected)
        if let phone = expected.phone { #expect(recommendation.heading.contains(phone)) }
    }

    @Test("All seven contacts are recommended somewhere, with the right numbers")
    func allContactsReachable() {
        let contacts = Set(Audience.allCases.flatMap { TalkToGuide(policy: .mct, audience: $0).contacts })
        #expect(contacts == Set(TalkContact.allCases))
        #expect(TalkContact.childline.phone == "0800 1111")
        #expect(TalkContact.nspccHelpline.phone == "0808 800 5000")
        #expect(TalkContact.samaritans.phone == "116 123")
        #expect(TalkContact.policeNonEmergency.phone == "101")
    }

    @Test("Answers that do not fit the question lead nowhere")
    func invalidAnswers() {
        let guide = TalkToGuide(policy: .mct, audience: .children)
        #expect(guide.step(answers: ["maybe"]) == nil)
        #expect(guide.step(answers: ["yes", "me"]) == nil)
        #expect(guide.step(answers: []) == .question(guide.start))
    }

    @Test("Talking to staff cites the limits of confidentiality and being told")
    func trustedStaffCitesLimits() {
        guard case .recommendation(let recommendation) = TalkToGuide(policy: .mct, audience: .children).step(answers: ["no", "me", "inside"]) else {
            Issue.record("no recommendation")
            return
        }
        #expect(recommendation.clauseIDs == ["explain-limits", "dsl-always", "limited-confidentiality", "inform-and-involve"])
    }

    @Test("The children's and Easy Read guides read at grade 4 or below; the parents' at grade 9 or below", arguments: Audience.allCases)
    func guideReadingLevel(audience: Audience) {
        let guide = TalkToGuide(policy: .mct, audience: audience)
        var lines: [String] = []
        func collect(_ question: TalkQuestion) {
            lines.append(question.text)
            for choice in question.choices {
                lines.append(choice.label)
                switch choice.next {
                case .question(let next): collect(next)
                case .recommendation(let recommendation): lines += [recommendation.heading] + recommendation.whatHappens
                }
            }
        }
        collect(guide.start)
        let level = ReadingLevel(text: lines.joined(separator: "\n"))
        print("guide \(audience.rawValue): grade \(level.fleschKincaidGrade), ease \(level.fleschReadingEase)")
        #expect(level.fleschKincaidGrade <= audience.maximumGrade)
    }
}
