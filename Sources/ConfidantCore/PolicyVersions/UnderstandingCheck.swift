/// The induction check of understanding: four situations about what can and cannot be kept
/// private, generated from the policy's clauses and the decision engine.
///
/// Each question is a ``ShareRequest``; its right answer is chosen by running
/// ``DecisionEngine/decide(_:)``, and the clause that explains it is the given policy's clause
/// for the rule the question is about. The check therefore cannot teach something the system
/// does not do, and shows the organisation's own words.
public enum UnderstandingCheck {
    /// The four questions, in the order they are asked.
    public static func questions(for policy: ConfidentialityPolicy) -> [UnderstandingQuestion] {
        scenarios.map { scenario in
            let decision = DecisionEngine.decide(scenario.request)
            return UnderstandingQuestion(
                id: scenario.id, prompt: scenario.prompt, options: scenario.options,
                correctOptionID: scenario.answer(decision),
                clause: policy.clause(for: scenario.rule), request: scenario.request
            )
        }
    }

    /// Marks answers (question id to option id); a missing or unknown answer counts as wrong.
    public static func mark(answers: [String: String], questions: [UnderstandingQuestion]) -> UnderstandingResult {
        let missed = questions.filter { answers[$0.id] != $0.correctOptionID }
        return UnderstandingResult(correct: questions.count - missed.count, total: questions.count, missed: missed)
    }

    /// A situation: the question, its answers, the request the engine decides, and which answer
    /// each decision makes right.
    struct Scenario: Sendable {
        let id: String
        let prompt: String
        let rule: PolicyRule
        let request: ShareRequest
        let options: [UnderstandingOption]
        let answer: @Sendable (ShareDecision) -> String
    }

    /// The four situations.
    static let scenarios: [Scenario] = [
        // A young person's worry can always go to the DSL (dsl_circle): no promise of secrecy.
        Scenario(
            id: "tell-the-dsl",
            prompt:
                "A young person tells you something that worries you about their safety, and asks you to keep it a secret. Can you promise to tell no one?",
            rule: .dslCircle,
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .dsl, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .concern, confidentialityOffered: .limited),
            options: [
                UnderstandingOption(id: "promise", text: "Yes — if they ask me to, I keep it between us."),
                UnderstandingOption(id: "can-always-tell-the-dsl", text: "No — I can always pass it to the DSL; I explain the limits at the start."),
                UnderstandingOption(id: "only-with-agreement", text: "Only if they agree to me telling someone."),
            ],
            answer: { $0.outcome == .permit ? "can-always-tell-the-dsl" : "promise" }
        ),
        // A colleague without a need to know may help, but not be told who it is (need_to_know).
        Scenario(
            id: "need-to-know",
            prompt: "You would like advice from a colleague who does not work with the young person. Can you tell them who it is about?",
            rule: .needToKnow,
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .staff, recipientNeedToKnow: false,
                purpose: .advice, form: .identified, consent: .notSought, risk: .concern, confidentialityOffered: .limited),
            options: [
                UnderstandingOption(id: "yes", text: "Yes — colleagues can always be told."),
                UnderstandingOption(id: "without-names", text: "Only without saying who it is."),
                UnderstandingOption(id: "no-advice", text: "No — I cannot talk to anyone about it."),
            ],
            answer: { decision in
                if decision.outcome == .permit { return "yes" }
                return decision.nextSteps.contains(.shareDeidentified) ? "without-names" : "no-advice"
            }
        ),
        // An adult who can decide and says no, with only themselves at risk, is listened to (capacity_respected).
        Scenario(
            id: "adults-choice",
            prompt:
                "An adult you support can make their own decisions. They are at risk of harm, but only to themselves, and they say no to anyone being told. May we tell social care who they are?",
            rule: .capacityRespected,
            request: ShareRequest(
                subjectKind: .adultAtRisk, subjectHasCapacity: true, requester: .staff, recipientKind: .partnerAgency,
                purpose: .safeguarding, form: .identified, consent: .refused, risk: .significantHarm,
                confidentialityOffered: .limited),
            options: [
                UnderstandingOption(id: "safety-first", text: "Yes — keeping them safe comes first."),
                UnderstandingOption(id: "if-the-dsl-agrees", text: "Only if the DSL agrees."),
                UnderstandingOption(id: "choice-respected", text: "No — their choice is respected."),
            ],
            answer: { decision in
                switch decision.outcome {
                case .permit: "safety-first"
                case .escalate: "if-the-dsl-agrees"
                case .deny: "choice-respected"
                }
            }
        ),
        // In immediate danger staff act at once and tell the DSL straight after (emergency).
        Scenario(
            id: "emergency",
            prompt: "A child is in immediate danger and the DSL cannot be reached straight away. Do you wait for the DSL before telling the police?",
            rule: .emergency,
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .notSought, risk: .immediateDanger, confidentialityOffered: .limited,
                dslApproved: false),
            options: [
                UnderstandingOption(id: "wait-for-the-dsl", text: "Yes — nothing is shared until the DSL decides."),
                UnderstandingOption(id: "act-now", text: "No — share what is needed at once and tell the DSL straight after."),
            ],
            answer: { $0.outcome == .permit ? "act-now" : "wait-for-the-dsl" }
        ),
    ]
}
