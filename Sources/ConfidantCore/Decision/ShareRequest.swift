/// A proposed share of someone's information, as the contract's `confidant decide` request describes it.
///
/// Every field is a closed vocabulary or a flag, so the space of requests is finite and the
/// engine's answer to each one can be (and is, in the tests) checked exhaustively.
public struct ShareRequest: Hashable, Sendable, Codable {
    /// Whose information it is.
    public var subjectKind: PersonKind
    /// Whether the subject can make this decision themselves (an adult's capacity, a child's competence).
    public var subjectHasCapacity: Bool
    /// The role of the person asking to share.
    public var requester: Requester
    /// Who would receive it.
    public var recipientKind: RecipientKind
    /// For a staff recipient: whether their work with this person requires it.
    public var recipientNeedToKnow: Bool
    /// Whether the recipient (or someone they would pass it to) is the person the concern is about.
    public var recipientIsAllegedPerpetrator: Bool
    /// Why it would be shared.
    public var purpose: SharePurpose
    /// The form asked for.
    public var form: ShareForm
    /// The person's (or, for a child who cannot decide, a parent's) consent to this share.
    public var consent: Consent
    /// The assessed risk to the subject.
    public var risk: RiskLevel
    /// Whether the situation puts other people (especially children) at risk.
    public var riskToOthers: Bool
    /// Whether sharing would help prevent or detect a serious crime.
    public var seriousCrime: Bool
    /// Whether a court order or statutory duty requires the share.
    public var legalDuty: Bool
    /// Whether telling the person would put them or someone else at greater risk.
    public var informingWouldIncreaseRisk: Bool
    /// Whether telling the person would harm a police or statutory investigation.
    public var informingWouldPrejudiceInvestigation: Bool
    /// What the staff member told the person at the outset.
    public var confidentialityOffered: ConfidentialityOffered
    /// Whether a DSL has already approved this share.
    public var dslApproved: Bool

    /// Creates a request; the flags default as the contract says.
    public init(
        subjectKind: PersonKind,
        subjectHasCapacity: Bool = true,
        requester: Requester,
        recipientKind: RecipientKind,
        recipientNeedToKnow: Bool = false,
        recipientIsAllegedPerpetrator: Bool = false,
        purpose: SharePurpose,
        form: ShareForm,
        consent: Consent,
        risk: RiskLevel,
        riskToOthers: Bool = false,
        seriousCrime: Bool = false,
        legalDuty: Bool = false,
        informingWouldIncreaseRisk: Bool = false,
        informingWouldPrejudiceInvestigation: Bool = false,
        confidentialityOffered: ConfidentialityOffered,
        dslApproved: Bool = false
    ) {
        self.subjectKind = subjectKind
        self.subjectHasCapacity = subjectHasCapacity
        self.requester = requester
        self.recipientKind = recipientKind
        self.recipientNeedToKnow = recipientNeedToKnow
        self.recipientIsAllegedPerpetrator = recipientIsAllegedPerpetrator
        self.purpose = purpose
        self.form = form
        self.consent = consent
        self.risk = risk
        self.riskToOthers = riskToOthers
        self.seriousCrime = seriousCrime
        self.legalDuty = legalDuty
        self.informingWouldIncreaseRisk = informingWouldIncreaseRisk
        self.informingWouldPrejudiceInvestigation = informingWouldPrejudiceInvestigation
        self.confidentialityOffered = confidentialityOffered
        self.dslApproved = dslApproved
    }

    /// Whether telling the person must be withheld (contract rule 7's two reasons).
    public var informingWithheld: Bool {
        informingWouldIncreaseRisk || informingWouldPrejudiceInvestigation
    }

    /// This request with another form; the engine uses it to see whether `share_deidentified` would help.
    public func with(form: ShareForm) -> ShareRequest {
        var copy = self
        copy.form = form
        return copy
    }

    /// This request with another consent; the engine uses it to see whether `seek_consent` would help.
    public func with(consent: Consent) -> ShareRequest {
        var copy = self
        copy.consent = consent
        return copy
    }
}
