/// "Who should I talk to?": three questions that lead to the most appropriate person to speak to.
///
/// The policy wants everyone able to "make informed decisions about who the most appropriate
/// person to speak to - about a particular issue - is" [Aims of MCT's Confidentiality Policy],
/// and to "seek advice and support - both inside and outside of the organisation" [Policy
/// statement]. The tree: danger now leads to 999; otherwise whether it is about you or someone
/// else, and whether you would rather talk to someone here or outside. Every recommendation says
/// what will happen to what you say and cites the clauses that say so, so the guide promises
/// exactly what the engine does. Rendered as a plain HTML form, one question per page, no script.
public struct TalkToGuide: Hashable, Sendable {
    /// Who the guide is written for.
    public let audience: Audience
    /// The first question.
    public let start: TalkQuestion

    /// Builds the guide for an audience from a policy's clauses.
    public init(policy: ConfidentialityPolicy, audience: Audience, organisation: String = "MCT") {
        self.audience = audience
        func recommend(_ contact: TalkContact) -> TalkStep {
            .recommendation(Self.recommendation(contact, audience: audience, policy: policy, organisation: organisation))
        }
        let outside: (me: TalkContact, other: TalkContact) =
            switch audience {
            case .children: (.childline, .childline)
            case .adultsAtRisk: (.samaritans, .policeNonEmergency)
            case .parentsAndCarers: (.samaritans, .nspccHelpline)
            }
        func whereQuestion(inside: TalkContact, outside: TalkContact) -> TalkStep {
            .question(
                TalkQuestion(
                    id: "where", text: "Would you like to talk to someone at \(organisation), or someone outside \(organisation)?",
                    choices: [
                        TalkChoice(id: "inside", label: "Someone at \(organisation)", next: recommend(inside)),
                        TalkChoice(id: "outside", label: "Someone outside \(organisation)", next: recommend(outside)),
                    ]))
        }
        let someoneElse = audience == .parentsAndCarers ? "My child or someone else" : "Someone else"
        let about = TalkQuestion(
            id: "about", text: "Is it about you, or about someone else?",
            choices: [
                TalkChoice(id: "me", label: "Me", next: whereQuestion(inside: .trustedStaff, outside: outside.me)),
                TalkChoice(
                    id: "someone-else", label: someoneElse,
                    next: whereQuestion(inside: .safeguardingLead, outside: outside.other)),
            ])
        start = TalkQuestion(
            id: "danger", text: "Are you, or is someone else, in danger right now?",
            choices: [
                TalkChoice(id: "yes", label: "Yes", next: recommend(.emergencyServices)),
                TalkChoice(id: "no", label: "No", next: .question(about)),
            ])
    }

    /// The step reached by answering with these answer ids in order, or nil if an answer does not fit.
    public func step(answers: [String]) -> TalkStep? {
        var step = TalkStep.question(start)
        for answer in answers {
            guard case .question(let question) = step,
                let choice = question.choices.first(where: { $0.id == answer })
            else { return nil }
            step = choice.next
        }
        return step
    }

    /// Every way through the guide, depth first in the order the answers are offered.
    public var paths: [TalkPath] {
        var result: [TalkPath] = []
        func walk(_ step: TalkStep, questions: [String], answers: [String]) {
            switch step {
            case .recommendation(let recommendation):
                result.append(TalkPath(questionIDs: questions, answerIDs: answers, recommendation: recommendation))
            case .question(let question):
                for choice in question.choices {
                    walk(choice.next, questions: questions + [question.id], answers: answers + [choice.id])
                }
            }
        }
        walk(.question(start), questions: [], answers: [])
        return result
    }

    /// Every contact the guide can recommend, in path order without repeats.
    public var contacts: [TalkContact] {
        var seen: [TalkContact] = []
        for path in paths where !seen.contains(path.recommendation.contact) { seen.append(path.recommendation.contact) }
        return seen
    }

    /// The recommendation for a contact: what to do and what will happen, citing the policy.
    static func recommendation(
        _ contact: TalkContact, audience: Audience, policy: ConfidentialityPolicy,
        organisation: String
    ) -> TalkRecommendation {
        let lead = audience == .parentsAndCarers ? "our designated safeguarding lead (DSL)" : ExplainerWording.lead
        let heading: String
        let whatHappens: [String]
        let rules: [PolicyRule]
        switch contact {
        case .emergencyServices:
            heading = "Call 999 now"
            whatHappens = [
                "Ask for the police or an ambulance. They will come straight away.",
                "If you are with \(organisation) staff, tell them. In danger, staff get help at once and tell \(lead) straight after.",
            ]
            rules = [.safetyFirst, .emergency]
        case .trustedStaff:
            heading = "Talk to any member of staff you trust"
            whatHappens = [
                "At the start, they will tell you what they can keep private.",
                "They may tell \(lead), so you get the right help.",
                "If anyone outside needs to know who you are, you will be told.",
            ]
            rules = [.explainLimits, .dslCircle, .limitedConfidentiality, .informAndInvolve]
        case .safeguardingLead:
            heading = audience == .parentsAndCarers ? "Talk to our designated safeguarding lead (DSL)" : "Talk to \(lead)"
            whatHappens = [
                "Any member of staff can take you to them.",
                "They decide what to do to keep people safe.",
                "They only tell people outside who someone is when the rules allow it, and they tell that person.",
            ]
            rules = [.dslCircle, .dslApproval, .breakingGrounds, .informAndInvolve]
        case .childline:
            heading = "Call Childline on 0800 1111"
            whatHappens = [
                "Childline is free, and it is not part of \(organisation). You can also talk to them online.",
                "What you tell Childline is not passed to us. Childline has its own rules for keeping you safe.",
            ]
            rules = [.adviceWithoutNames]
        case .nspccHelpline:
            heading = "Call the NSPCC helpline on 0808 800 5000"
            whatHappens = [
                "The NSPCC helpline is for adults worried about a child. It is not part of \(organisation).",
                "You can ask for advice without giving names. The NSPCC has its own rules for keeping children safe.",
            ]
            rules = [.adviceWithoutNames]
        case .samaritans:
            heading = "Call Samaritans on 116 123"
            whatHappens = [
                "Samaritans will listen, day or night, for free. They are not part of \(organisation).",
                "What you tell them is not passed to us.",
            ]
            rules = [.adviceWithoutNames]
        case .policeNonEmergency:
            heading = "Call the police on 101"
            whatHappens = [
                "Use 101 when no one is in danger now, but you think a crime has happened.",
                "If you also tell \(organisation), we may share what is needed to stop a crime.",
            ]
            rules = [.adviceWithoutNames, .breakingGrounds]
        }
        return TalkRecommendation(
            contact: contact, heading: heading, whatHappens: whatHappens,
            clauseIDs: rules.map { policy.clause(for: $0).id })
    }
}
