/// MCT's Confidentiality Policy as clauses: the default wording, in our own words.
///
/// Each clause names the heading of the section of MCT's policy it rests on. Where the
/// contract's rules come from UK safeguarding guidance rather than MCT's text (consent,
/// capacity, lawful bases), the clause rests on the section whose aim it serves.
extension ConfidentialityPolicy {
    /// The version of the built-in wording.
    public static let mctVersion = "mct-2026.1"

    /// The built-in policy: MCT's Confidentiality Policy, one clause per rule.
    public static let mct: ConfidentialityPolicy = {
        do {
            return try ConfidentialityPolicy(name: "MCT Confidentiality Policy", version: mctVersion, clauses: mctClauses)
        } catch {
            preconditionFailure("the built-in MCT policy wording is invalid: \(error)")
        }
    }()

    /// The built-in clauses, in the order they are presented.
    static let mctClauses: [PolicyClause] = [
        PolicyClause(
            id: "safety-first", title: "Safety comes first",
            statement:
                "When keeping something private and keeping someone safe pull in different directions, the safety of the child or adult at risk comes first.",
            section: "Policy statement", rule: .safetyFirst, contractRules: []),
        PolicyClause(
            id: "explain-limits", title: "Say what the limits are at the start",
            statement:
                "Staff tell people at the start of a conversation that there are limits to confidentiality and that the limits are there to keep them safe. If that did not happen, they explain it as soon as they can.",
            section: "Limited confidentiality", rule: .explainLimits, contractRules: []),
        PolicyClause(
            id: "dsl-always", title: "The DSL can always be told",
            statement:
                "Any worry about someone's safety can always be passed to the designated safeguarding lead (DSL), and anyone can ask the DSL for advice. This is part of the limits we explain at the start, so it breaks no confidence.",
            section: "Policy statement", rule: .dslCircle, contractRules: [1]),
        PolicyClause(
            id: "need-to-know", title: "Colleagues are told only what they need to know",
            statement:
                "Other staff are told who someone is only when their work with that person needs it. Otherwise they can be asked for advice, without names.",
            section: "Policy statement", rule: .needToKnow, contractRules: [2]),
        PolicyClause(
            id: "advice-without-names", title: "Advice does not need names",
            statement:
                "Anyone can seek advice and support about a situation without saying who it is about, so asking for advice is never a reason to identify someone.",
            section: "Policy statement", rule: .adviceWithoutNames, contractRules: [2]),
        PolicyClause(
            id: "limited-confidentiality", title: "Limited confidentiality",
            statement:
                "What someone tells us may be discussed with other professionals to keep people safe or to get advice, but normally without saying who they are. That is what limited confidentiality means, and it breaks no confidence.",
            section: "Limited confidentiality", rule: .limitedConfidentiality, contractRules: [3]),
        PolicyClause(
            id: "consent", title: "Sharing with agreement",
            statement:
                "If the person agrees (or, for a child who cannot decide, a parent agrees), we may share who they are with the people they agreed to. That breaks no confidence. An adult who cannot make the decision cannot agree, and no one else can agree for them.",
            section: "Limited confidentiality", rule: .consent, contractRules: [4]),
        PolicyClause(
            id: "purpose-limits", title: "Only for keeping people safe",
            statement:
                "Information shared in confidence is used to keep people safe and to get advice. Using it for anything else needs the person's agreement, a legal duty, or the prevention of a serious crime.",
            section: "Purpose of policy", rule: .purposeLimits, contractRules: []),
        PolicyClause(
            id: "breaking-grounds", title: "When a confidence may be broken",
            statement:
                "Telling someone outside the safeguarding circle who a person is, without their agreement, breaks a confidence. We do that only when a child or adult at risk is at risk of serious harm or in immediate danger, when other people are at risk, to prevent or detect a serious crime, or when the law requires it.",
            section: "Aims of MCT's Confidentiality Policy", rule: .breakingGrounds, contractRules: [5]),
        PolicyClause(
            id: "vital-interests", title: "An adult in immediate danger who cannot decide",
            statement:
                "If an adult is in immediate danger and cannot decide for themselves (or cannot be asked), we may share what is needed to protect their life.",
            section: "Policy statement", rule: .vitalInterests, contractRules: [5]),
        PolicyClause(
            id: "dsl-approval", title: "Breaking a confidence needs the DSL",
            statement:
                "Only the DSL decides to break a confidence. A member of staff who thinks one must be broken asks the DSL, and nothing that identifies the person is shared until the DSL decides.",
            section: "Limited confidentiality", rule: .dslApproval, contractRules: [6]),
        PolicyClause(
            id: "emergency", title: "In an emergency, act first",
            statement: "If someone is in immediate danger, staff share what is needed at once and tell the DSL straight after.",
            section: "Policy statement", rule: .emergency, contractRules: [6]),
        PolicyClause(
            id: "inform-and-involve", title: "The person is told and involved",
            statement:
                "When a confidence has to be broken, we tell the person and involve them in what happens next, listening to their views and wishes.",
            section: "Limited confidentiality", rule: .informAndInvolve, contractRules: [7]),
        PolicyClause(
            id: "withhold-informing", title: "When telling the person must wait",
            statement:
                "We do not tell the person first only if telling them would put them or someone else at greater risk, or would harm a police or other official investigation. The reason is written down, approved by the DSL and reviewed.",
            section: "Limited confidentiality", rule: .withholdInforming, contractRules: [7]),
        PolicyClause(
            id: "capacity-respected", title: "An adult's own choice",
            statement:
                "An adult who can make the decision and says no has their wishes respected when the risk is only to themselves and no crime, legal duty or risk to others is involved: we do not share who they are.",
            section: "Definition of confidentiality", rule: .capacityRespected, contractRules: [8]),
        PolicyClause(
            id: "absolute-promise", title: "Promises of complete secrecy",
            statement:
                "Staff should almost never promise to keep something completely secret. If they did, the promise does not stop us telling the DSL or protecting someone at serious risk, and the DSL reviews the promise with them. Otherwise the promise is kept: nothing goes beyond the DSL, not even without names.",
            section: "Definition of confidentiality", rule: .absolutePromise, contractRules: [9]),
        PolicyClause(
            id: "never-share", title: "Never to the public or an alleged abuser",
            statement:
                "Nothing about a person is ever shared with the public, or with anyone alleged to have caused the harm (or who would pass it to them), with or without names.",
            section: "Policy statement", rule: .neverShare, contractRules: [10]),
        PolicyClause(
            id: "role-limits", title: "What each role may share",
            statement:
                "Administrators and auditors never share case content. Managers and trustees may tell the DSL and discuss situations without names; anything that identifies someone beyond the DSL needs the DSL's approval, except in immediate danger. Partner agency contacts may tell or ask our DSL; passing on anything else needs the DSL's approval.",
            section: "Purpose of policy", rule: .roleLimits, contractRules: [10]),
        PolicyClause(
            id: "lawful-basis-order", title: "Choosing the lawful basis",
            statement:
                "When several reasons allow a share, we rely on them in this order: the person's agreement, a legal duty, safeguarding, then preventing crime.",
            section: "Policy statement", rule: .lawfulBasisOrder, contractRules: [11]),
        PolicyClause(
            id: "record-decisions", title: "Every share is recorded",
            statement: "Every decision to share is written down: what was shared, why, with whom, when and by whom.",
            section: "Policy statement", rule: .recordDecisions, contractRules: []),
    ]
}
