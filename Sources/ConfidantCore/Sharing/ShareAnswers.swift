import Foundation

/// What the person proposing a share answered on the share form: the facts the engine weighs and the content they chose.
///
/// Everything the engine needs that the record already knows (whose information it is, what was
/// promised about confidentiality, who is asking) comes from the record, not from here.
public struct ShareAnswers: Sendable, Equatable, Codable {
    public var recipient: ShareRecipient
    public var purpose: SharePurpose
    public var form: ShareForm
    public var consent: Consent
    /// Who gave or refused consent, as written.
    public var consentBy: String
    public var risk: RiskLevel
    /// Whether the person can make this decision themselves: a child's Gillick competence, an adult's capacity
    /// under the Mental Capacity Act's test.
    public var subjectHasCapacity: Bool
    public var recipientNeedToKnow: Bool
    public var recipientIsAllegedPerpetrator: Bool
    public var riskToOthers: Bool
    public var seriousCrime: Bool
    public var legalDuty: Bool
    public var informingWouldIncreaseRisk: Bool
    public var informingWouldPrejudiceInvestigation: Bool
    /// Why it needs to be shared, in the proposer's words.
    public var reason: String
    public var parts: Set<SharePart>
    /// The linked people (parents, carers, household) chosen for the "Who this is about" block.
    public var household: Set<UUID>
    /// Whether the third party who raised the concern is named.
    public var includeDiscloser: Bool
    /// The files chosen, by id (the concern's and the person's); only an identified share carries them.
    public var files: Set<UUID>

    /// Creates answers; the yes/no facts default to no.
    public init(
        recipient: ShareRecipient, purpose: SharePurpose, form: ShareForm, consent: Consent, consentBy: String = "",
        risk: RiskLevel, subjectHasCapacity: Bool, recipientNeedToKnow: Bool = false, recipientIsAllegedPerpetrator: Bool = false,
        riskToOthers: Bool = false, seriousCrime: Bool = false, legalDuty: Bool = false, informingWouldIncreaseRisk: Bool = false,
        informingWouldPrejudiceInvestigation: Bool = false, reason: String, parts: Set<SharePart>, household: Set<UUID> = [],
        includeDiscloser: Bool = false, files: Set<UUID> = []
    ) {
        self.recipient = recipient
        self.purpose = purpose
        self.form = form
        self.consent = consent
        self.consentBy = consentBy
        self.risk = risk
        self.subjectHasCapacity = subjectHasCapacity
        self.recipientNeedToKnow = recipientNeedToKnow
        self.recipientIsAllegedPerpetrator = recipientIsAllegedPerpetrator
        self.riskToOthers = riskToOthers
        self.seriousCrime = seriousCrime
        self.legalDuty = legalDuty
        self.informingWouldIncreaseRisk = informingWouldIncreaseRisk
        self.informingWouldPrejudiceInvestigation = informingWouldPrejudiceInvestigation
        self.reason = reason
        self.parts = parts
        self.household = household
        self.includeDiscloser = includeDiscloser
        self.files = files
    }

    enum CodingKeys: String, CodingKey {
        case recipient, purpose, form, consent, consentBy, risk, subjectHasCapacity, recipientNeedToKnow, recipientIsAllegedPerpetrator
        case riskToOthers, seriousCrime, legalDuty, informingWouldIncreaseRisk, informingWouldPrejudiceInvestigation, reason, parts
        case household, includeDiscloser, files
    }

    /// Reads answers; those kept before files could be shared chose none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            recipient: try c.decode(ShareRecipient.self, forKey: .recipient), purpose: try c.decode(SharePurpose.self, forKey: .purpose),
            form: try c.decode(ShareForm.self, forKey: .form), consent: try c.decode(Consent.self, forKey: .consent),
            consentBy: try c.decode(String.self, forKey: .consentBy), risk: try c.decode(RiskLevel.self, forKey: .risk),
            subjectHasCapacity: try c.decode(Bool.self, forKey: .subjectHasCapacity),
            recipientNeedToKnow: try c.decode(Bool.self, forKey: .recipientNeedToKnow),
            recipientIsAllegedPerpetrator: try c.decode(Bool.self, forKey: .recipientIsAllegedPerpetrator),
            riskToOthers: try c.decode(Bool.self, forKey: .riskToOthers), seriousCrime: try c.decode(Bool.self, forKey: .seriousCrime),
            legalDuty: try c.decode(Bool.self, forKey: .legalDuty),
            informingWouldIncreaseRisk: try c.decode(Bool.self, forKey: .informingWouldIncreaseRisk),
            informingWouldPrejudiceInvestigation: try c.decode(Bool.self, forKey: .informingWouldPrejudiceInvestigation),
            reason: try c.decode(String.self, forKey: .reason), parts: try c.decode(Set<SharePart>.self, forKey: .parts),
            household: try c.decode(Set<UUID>.self, forKey: .household), includeDiscloser: try c.decode(Bool.self, forKey: .includeDiscloser),
            files: try c.decodeIfPresent(Set<UUID>.self, forKey: .files) ?? [])
    }
}

/// Whom a share goes to: the engine's kind of recipient, the name shown, and the account or agency contact it reaches.
public struct ShareRecipient: Sendable, Equatable, Codable {
    public var kind: RecipientKind
    /// As shown: a colleague's name and role, or a contact's name and agency.
    public var label: String
    public var userID: UUID?
    public var contactID: UUID?

    /// Creates a recipient.
    public init(kind: RecipientKind, label: String, userID: UUID? = nil, contactID: UUID? = nil) {
        self.kind = kind
        self.label = label
        self.userID = userID
        self.contactID = contactID
    }
}

/// What the record holds that a share may draw on: the submitted concern, its person, their household and the addenda.
public struct ShareCase: Sendable, Equatable {
    public var concern: Concern
    public var person: Person
    /// Everyone linked to the person; only those chosen are described, but all are pseudonymised in a de-identified share.
    public var household: [PersonLink]
    /// The addenda a share with the `addenda` part carries, oldest first.
    public var addenda: [Addendum]
    /// The files the proposer may choose from: the concern's and the person's that they may open, oldest first.
    public var attachments: [Attachment]
    /// The concern's body-map marks, in the order they were made.
    public var bodyMarks: [BodyMark]

    /// Creates the case.
    public init(
        concern: Concern, person: Person, household: [PersonLink] = [], addenda: [Addendum] = [], attachments: [Attachment] = [],
        bodyMarks: [BodyMark] = []
    ) {
        self.concern = concern
        self.person = person
        self.household = household
        self.addenda = addenda
        self.attachments = attachments
        self.bodyMarks = bodyMarks
    }

    /// Everyone the record knows, in the record's order: the person, then their household, so that pseudonyms are
    /// stable across the texts of one share.
    public var knownPeople: [KnownPerson] { Self.knownPeople(of: person, household: household) }

    /// The person first, then everyone linked to them, each as the redactor knows them: parents and carers by that
    /// role, others as a child or an adult. Shares, printed chronologies and subject access responses all use it.
    public static func knownPeople(of person: Person, household: [PersonLink]) -> [KnownPerson] {
        [person.knownPerson]
            + household.map { link in
                KnownPerson(
                    name: link.person.details.name,
                    role: link.relationship == .parentCarer ? .parentCarer : (link.person.kind == .child ? .child : .adult),
                    aliases: link.person.details.knownAs.isEmpty ? [] : [link.person.details.knownAs])
            }
    }

    /// The third party who raised the concern, or empty.
    public var discloser: String {
        concern.disclosedBy == .thirdParty ? concern.narrative.thirdParty.trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }
}
