import Testing

@testable import ConfidantCore

@Suite("Induction: check of understanding")
struct UnderstandingCheckTests {
    let questions = UnderstandingCheck.questions(for: .mct)

    /// The right answer to every question.
    var allCorrect: [String: String] {
        Dictionary(uniqueKeysWithValues: questions.map { ($0.id, $0.correctOptionID) })
    }

    @Test("There are four questions with stable ids, two or three answers each, the right one among them")
    func shape() {
        #expect(questions.map(\.id) == ["tell-the-dsl", "need-to-know", "adults-choice", "emergency"])
        for question in questions {
            #expect((2...3).contains(question.options.count), "\(question.id)")
            #expect(Set(question.options.map(\.id)).count == question.options.count, "\(question.id)")
            #expect(question.correctOption != nil, "\(question.id)")
            #expect(!question.prompt.isEmpty && question.prompt.hasSuffix("?"), "\(question.id)")
        }
    }

    @Test(
        "With MCT's policy the right answers are the ones the engine's decisions give",
        arguments: [
            ("tell-the-dsl", "can-always-tell-the-dsl", PolicyRule.dslCircle),
            ("need-to-know", "without-names", .needToKnow),
            ("adults-choice", "choice-respected", .capacityRespected),
            ("emergency", "act-now", .emergency),
        ])
    func rightAnswers(id: String, answer: String, rule: PolicyRule) throws {
        let question = try #require(questions.first { $0.id == id })
        #expect(question.correctOptionID == answer)
        #expect(question.clause == ConfidentialityPolicy.mct.clause(for: rule))
    }

    @Test("The scenarios are decided by the engine as the questions say")
    func engineDecisions() throws {
        func decision(_ id: String) throws -> ShareDecision {
            DecisionEngine.decide(try #require(questions.first { $0.id == id }).request)
        }
        let dsl = try decision("tell-the-dsl")
        #expect(dsl.outcome == .permit && dsl.decisiveRule == .dslCircle)
        let colleague = try decision("need-to-know")
        #expect(colleague.outcome == .deny && colleague.decisiveRule == .needToKnow)
        #expect(colleague.nextSteps.contains(.shareDeidentified))
        let adult = try decision("adults-choice")
        #expect(adult.outcome == .deny && adult.decisiveRule == .capacityRespected)
        let danger = try decision("emergency")
        #expect(danger.outcome == .permit && danger.obligations.contains(.informDSLAfter))
        #expect(danger.reasons.contains(.emergency))
    }

    @Test("The explaining clause comes from the policy given, in its own words")
    func clauseFromPolicy() throws {
        let clauses = ConfidentialityPolicy.mct.clauses.map { clause in
            var clause = clause
            clause.statement = "Example Youth Trust: " + clause.statement
            clause.id = "eyt-" + clause.id
            return clause
        }
        let policy = try ConfidentialityPolicy(name: "Example Youth Trust", version: "1", clauses: clauses)
        let theirs = UnderstandingCheck.questions(for: policy)
        #expect(theirs.map(\.id) == questions.map(\.id))
        #expect(theirs.map(\.correctOptionID) == questions.map(\.correctOptionID))
        for question in theirs {
            #expect(question.clause == policy.clause(for: question.clause.rule))
            #expect(question.clause.statement.hasPrefix("Example Youth Trust: "))
        }
    }

    @Test("All answers right passes")
    func allRight() {
        let result = UnderstandingCheck.mark(answers: allCorrect, questions: questions)
        #expect(result == UnderstandingResult(correct: 4, total: 4, missed: []))
        #expect(result.passed)
    }

    @Test("One wrong answer fails and lists that question")
    func oneWrong() throws {
        var answers = allCorrect
        let wrong = try #require(questions[1].options.first { $0.id != questions[1].correctOptionID })
        answers[questions[1].id] = wrong.id
        let result = UnderstandingCheck.mark(answers: answers, questions: questions)
        #expect(result.correct == 3 && result.total == 4)
        #expect(result.missed == [questions[1]])
        #expect(!result.passed)
    }

    @Test("Missing or unknown answers count as wrong")
    func missingAnswers() {
        var answers = allCorrect
        answers[questions[0].id] = nil
        answers[questions[3].id] = "no-such-option"
        answers["no-such-question"] = "yes"
        let result = UnderstandingCheck.mark(answers: answers, questions: questions)
        #expect(result.missed.map(\.id) == ["tell-the-dsl", "emergency"])
        #expect(!result.passed)
        #expect(!UnderstandingCheck.mark(answers: [:], questions: questions).passed)
        #expect(UnderstandingCheck.mark(answers: [:], questions: questions).correct == 0)
    }

    @Test("No questions is not a pass")
    func noQuestions() {
        let result = UnderstandingCheck.mark(answers: [:], questions: [])
        #expect(result.total == 0 && !result.passed)
    }
}
