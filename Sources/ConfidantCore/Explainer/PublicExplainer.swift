/// "What happens when you tell us something": the public pages, generated from the clauses the engine enforces.
///
/// Built by walking the policy's clauses: each clause's rule places it in one of the four sections
/// (in a fixed reading order) and gives its wording for the audience; every item cites the clause
/// it comes from.
/// So what people are told is what the system does [Purpose of policy; capability 7 of the
/// product], and an organisation that loads its own clauses gets its own ids and (on the parents'
/// page) its own titles and wording. Children's and Easy Read wording is written per rule (the
/// rule's behaviour is fixed in the engine, so the simple wording stays true); the parents' page
/// quotes each clause's title and statement, the organisation's plain-language text.
public struct PublicExplainer: Hashable, Sendable {
    /// The policy the pages explain.
    public let policy: ConfidentialityPolicy
    /// The organisation's short name, as the pages say it (e.g. "MCT").
    public let organisation: String

    /// The rules that permit sharing something a person said: every page must explain each of them.
    ///
    /// A public page that left one out would let the system share in a circumstance nobody was told about.
    public static let sharingRules: [PolicyRule] = [
        .dslCircle, .needToKnow, .limitedConfidentiality, .consent, .breakingGrounds, .emergency,
    ]

    /// Creates the explainer for a policy.
    public init(policy: ConfidentialityPolicy = .mct, organisation: String = "MCT") {
        self.policy = policy
        self.organisation = organisation
    }

    /// The three pages, one per audience.
    public var pages: [ExplainerPage] { Audience.allCases.map(page(for:)) }

    /// The page for one audience.
    public func page(for audience: Audience) -> ExplainerPage {
        var itemsByTopic: [ExplainerTopic: [ExplainerItem]] = [:]
        let clauses = policy.clauses.enumerated().sorted {
            (ExplainerWording.rank(of: $0.element.rule), $0.offset) < (ExplainerWording.rank(of: $1.element.rule), $1.offset)
        }.map(\.element)
        for clause in clauses {
            for item in items(for: clause, audience: audience) {
                itemsByTopic[item.topic, default: []].append(item.item)
            }
        }
        itemsByTopic[.whoYouCanTalkTo] = talkToItems(for: audience)
        let sections = ExplainerTopic.allCases.map { topic in
            ExplainerSection(topic: topic, heading: topic.heading(for: audience), items: itemsByTopic[topic] ?? [])
        }
        return ExplainerPage(
            audience: audience, title: "What happens when you tell us something",
            intro: intro(for: audience), sections: sections,
            policyName: policy.name, policyVersion: policy.version)
    }

    /// The "Who should I talk to?" guide for an audience, from the same policy.
    public func guide(for audience: Audience) -> TalkToGuide {
        TalkToGuide(policy: policy, audience: audience, organisation: organisation)
    }

    private func items(for clause: PolicyClause, audience: Audience) -> [(topic: ExplainerTopic, item: ExplainerItem)] {
        switch audience {
        case .children:
            return ExplainerWording.children(clause.rule).map {
                ($0.topic, ExplainerItem(text: $0.text, icon: $0.icon, clauseIDs: [clause.id]))
            }
        case .adultsAtRisk:
            return ExplainerWording.easyRead(clause.rule).map {
                ($0.topic, ExplainerItem(text: $0.text, icon: $0.icon, clauseIDs: [clause.id]))
            }
        case .parentsAndCarers:
            guard let placement = ExplainerWording.placement(of: clause.rule) else { return [] }
            return [
                (
                    placement.topic,
                    ExplainerItem(
                        heading: clause.title, text: clause.statement,
                        icon: placement.icon, clauseIDs: [clause.id])
                )
            ]
        }
    }

    private func intro(for audience: Audience) -> [String] {
        switch audience {
        case .children:
            return [
                "This page is for children and young people at \(organisation).",
                "It tells you what happens when you tell us something.",
                "Our staff follow the same rules, so this is what really happens.",
            ]
        case .adultsAtRisk:
            return [
                "This page is in Easy Read.",
                "It tells you what happens when you tell \(organisation) something.",
                "Our staff follow the same rules.",
            ]
        case .parentsAndCarers:
            return [
                "This page is for parents and carers of the children and adults who use \(organisation).",
                "It explains what happens when you, or the person you care for, tell us something.",
                "Each point below is a clause of the \(policy.name) (version \(policy.version)). Our system checks every decision to share against these same clauses.",
            ]
        }
    }

    private func talkToItems(for audience: Audience) -> [ExplainerItem] {
        let reachable = guide(for: audience).contacts
        // Inside the organisation first, then helplines, in a fixed order.
        return TalkContact.allCases.filter(reachable.contains).map { contact in
            let recommendation = TalkToGuide.recommendation(contact, audience: audience, policy: policy, organisation: organisation)
            let icon: ExplainerIcon = contact.isInsideOrganisation ? .people : .phone
            let text =
                switch (contact, audience) {
                case (.emergencyServices, _): "If someone is in danger right now, call 999."
                case (.trustedStaff, .parentsAndCarers):
                    "Any member of our staff will listen and can pass a worry to our designated safeguarding lead."
                case (.trustedStaff, _): "You can talk to any member of staff you trust."
                case (.safeguardingLead, .parentsAndCarers):
                    "Our designated safeguarding lead (DSL) decides what is shared to keep people safe. Ask any member of staff to put you in touch."
                case (.safeguardingLead, _): "You can ask to talk to \(ExplainerWording.lead)."
                case (.childline, _): "You can call Childline on 0800 1111. It is free."
                case (.nspccHelpline, _): "If you are worried about a child, you can call the NSPCC helpline on 0808 800 5000."
                case (.samaritans, _): "You can call Samaritans on 116 123, day or night."
                case (.policeNonEmergency, _): "If there was a crime but no one is in danger, call 101."
                }
            return ExplainerItem(text: text, icon: icon, clauseIDs: recommendation.clauseIDs)
        }
    }
}
