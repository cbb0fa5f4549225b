/// The plain-language wording of each engine rule for children and for Easy Read.
///
/// Keyed by ``PolicyRule``, not by clause text: a rule's behaviour is fixed in the engine, so
/// wording written for the rule stays true whatever an organisation calls the clause, and the
/// page cites the organisation's clause id for it. The parents' page uses the organisation's
/// own clause statement instead (see ``PublicExplainer``). `lead` is how the pages name the DSL.
enum ExplainerWording {
    /// One line of wording: the section it belongs to, its picture and its text.
    struct Line: Sendable {
        let topic: ExplainerTopic
        let icon: ExplainerIcon
        let text: String
    }

    /// How the children's and Easy Read pages name the designated safeguarding lead.
    static let lead = "our safety lead"

    /// The section and picture a rule's wording belongs to, or nil for rules that do not concern the public.
    ///
    /// `role_limits` (what each staff role may do) and `lawful_basis_order` (how a legal basis is
    /// recorded) govern staff, not what happens to what someone says, so no public page explains them.
    static func placement(of rule: PolicyRule) -> (topic: ExplainerTopic, icon: ExplainerIcon)? {
        switch rule {
        case .limitedConfidentiality, .neverShare, .absolutePromise: (.whatStaysPrivate, .lock)
        case .needToKnow: (.whatStaysPrivate, .people)
        case .adviceWithoutNames: (.whatStaysPrivate, .question)
        case .purposeLimits, .capacityRespected: (.whatStaysPrivate, .shield)
        case .safetyFirst, .breakingGrounds, .vitalInterests: (.whatWeMayShare, .shield)
        case .dslCircle, .dslApproval: (.whatWeMayShare, .people)
        case .consent: (.whatWeMayShare, .speech)
        case .emergency: (.whatWeMayShare, .phone)
        case .recordDecisions: (.whatWeMayShare, .pencil)
        case .explainLimits, .informAndInvolve: (.whenWeWillTellYou, .speech)
        case .withholdInforming: (.whenWeWillTellYou, .shield)
        case .roleLimits, .lawfulBasisOrder: nil
        }
    }

    /// The order rules are explained in within a section: the general promise first, then its
    /// limits, so a page reads as a story ("most of it stays private … except …") whatever order
    /// the organisation's policy lists its clauses in.
    static let readingOrder: [PolicyRule] = [
        .limitedConfidentiality, .needToKnow, .adviceWithoutNames, .purposeLimits, .neverShare,
        .capacityRespected, .absolutePromise,
        .safetyFirst, .dslCircle, .consent, .breakingGrounds, .vitalInterests, .emergency, .dslApproval,
        .recordDecisions,
        .explainLimits, .informAndInvolve, .withholdInforming,
    ]

    /// A rule's position in ``readingOrder`` (rules not explained come last).
    static func rank(of rule: PolicyRule) -> Int {
        readingOrder.firstIndex(of: rule) ?? readingOrder.count
    }

    /// The children's wording of a rule: short sentences, everyday words.
    static func children(_ rule: PolicyRule) -> [Line] {
        guard let (topic, icon) = placement(of: rule) else { return [] }
        let texts: [String]
        switch rule {
        case .limitedConfidentiality:
            texts = [
                "Most of what you tell us stays private. We may talk about it with other helpers to keep you safe. When we do, we do not say your name."
            ]
        case .needToKnow: texts = ["Other staff only find out it is you if they need to know, so they can help you."]
        case .adviceWithoutNames: texts = ["Staff can ask for help and ideas without saying who you are."]
        case .purposeLimits: texts = ["We only use what you tell us to keep you and others safe."]
        case .capacityRespected: texts = []  // about adults who can decide for themselves
        case .neverShare: texts = ["We never tell the person who may have hurt you. We never put what you said where anyone can see it."]
        case .absolutePromise: texts = ["We cannot promise to keep a secret if you or someone else could get hurt."]
        case .safetyFirst: texts = ["Keeping you safe is the most important thing to us."]
        case .dslCircle: texts = ["We can always tell \(lead). This is the person in charge of keeping children safe here."]
        case .consent: texts = ["If you say yes, we can tell the people you choose."]
        case .breakingGrounds:
            texts = [
                "If you or someone else could be badly hurt, we may need to tell someone outside who you are. It could be the police or a social worker. We also do this if the law says we must, or to stop a bad crime."
            ]
        case .vitalInterests: texts = []  // about adults who cannot decide
        case .dslApproval: texts = ["Only \(lead) can decide to tell someone outside who you are."]
        case .emergency: texts = ["If someone is in danger right now, we get help at once. Then we tell \(lead)."]
        case .recordDecisions: texts = ["We write down what we told, who we told, and why."]
        case .explainLimits: texts = ["When you start to talk to us, we will tell you what we can keep private and what we cannot."]
        case .informAndInvolve: texts = ["If we have to tell someone, we will tell you. We will ask what you think and listen to what you want."]
        case .withholdInforming:
            texts = [
                "Sometimes we have to wait before we tell you. We only wait if telling you could put someone in more danger. We also wait if it could stop the police from doing their job."
            ]
        case .roleLimits, .lawfulBasisOrder: texts = []
        }
        return texts.map { Line(topic: topic, icon: icon, text: $0) }
    }

    /// The Easy Read wording of a rule: one idea per line, each one short sentence, with its picture.
    static func easyRead(_ rule: PolicyRule) -> [Line] {
        guard let (topic, _) = placement(of: rule) else { return [] }
        let lines: [(ExplainerIcon, String)]
        switch rule {
        case .limitedConfidentiality:
            lines = [
                (.lock, "Most things you tell us stay private."),
                (.people, "We may talk to other helpers to keep you safe."),
                (.lock, "We will not say your name when we do this."),
            ]
        case .needToKnow: lines = [(.people, "Other staff only know it is you if they need to know.")]
        case .adviceWithoutNames: lines = [(.question, "Staff can ask for advice without saying your name.")]
        case .purposeLimits: lines = [(.shield, "We only use what you tell us to keep people safe.")]
        case .capacityRespected:
            lines = [
                (.speech, "You can say no to us sharing your name."),
                (.shield, "We will do what you want if only you are at risk."),
                (.people, "This changes if other people are at risk or there is a crime."),
            ]
        case .neverShare:
            lines = [
                (.lock, "We never tell the public about you."),
                (.lock, "We never tell the person who may have hurt you."),
            ]
        case .absolutePromise: lines = [(.speech, "We cannot promise to keep a secret if someone could get hurt.")]
        case .safetyFirst: lines = [(.shield, "Keeping you safe comes first.")]
        case .dslCircle: lines = [(.people, "We can always tell \(lead).")]
        case .consent: lines = [(.speech, "If you say yes, we can tell the people you agree to.")]
        case .breakingGrounds:
            lines = [
                (.shield, "If someone could be badly hurt, we may tell others who you are."),
                (.people, "This could be the police or a social worker."),
                (.shield, "We may also do this to stop a crime or if the law says so."),
            ]
        case .vitalInterests: lines = [(.shield, "If you are in danger and cannot decide, we may share to save your life.")]
        case .dslApproval: lines = [(.people, "Only \(lead) can decide to tell people outside who you are.")]
        case .emergency: lines = [(.phone, "If someone is in danger now, we get help straight away.")]
        case .recordDecisions: lines = [(.pencil, "We write down what we share, who with, and why.")]
        case .explainLimits: lines = [(.speech, "When we start to talk, we will tell you what we can keep private.")]
        case .informAndInvolve:
            lines = [
                (.speech, "If we have to tell someone, we will tell you."),
                (.speech, "We will ask what you think and what you want."),
            ]
        case .withholdInforming:
            lines = [
                (.shield, "Sometimes we must wait before we tell you."),
                (.shield, "We only wait if telling you could put someone in more danger."),
                (.people, "We also wait if telling you could stop the police doing their job."),
            ]
        case .roleLimits, .lawfulBasisOrder: lines = []
        }
        return lines.map { Line(topic: topic, icon: $0.0, text: $0.1) }
    }
}
