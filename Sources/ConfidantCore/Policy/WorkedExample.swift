/// A worked example for the policy document: a situation in words and the request that describes it.
public struct WorkedExample: Sendable {
    /// The example's id, used as the request's id.
    public var id: String
    /// The situation, in a sentence.
    public var situation: String
    /// The request.
    public var request: ShareRequest

    /// Creates a worked example.
    public init(id: String, situation: String, request: ShareRequest) {
        self.id = id
        self.situation = situation
        self.request = request
    }

    /// The fixed examples docs/policy.md shows, one or more for each rule and where rules meet.
    public static let all: [WorkedExample] = [
        WorkedExample(
            id: "e1",
            situation:
                "The contract's example: a member of staff wants to refer a child at risk of significant harm to a partner agency, by name; the child refused.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .significantHarm, confidentialityOffered: .limited)),
        WorkedExample(
            id: "dsl-1", situation: "A member of staff passes a concern about a child to the DSL, having promised the child to tell no one.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .dsl, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .concern, confidentialityOffered: .absolute)),
        WorkedExample(
            id: "ntk-1", situation: "A youth worker tells a colleague who runs the child's group, and needs to know, about a concern.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .staff, recipientNeedToKnow: true,
                purpose: .safeguarding, form: .identified, consent: .notSought, risk: .concern, confidentialityOffered: .limited)),
        WorkedExample(
            id: "ntk-2", situation: "The same worker wants to name the child to a colleague who does not work with them.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .staff, purpose: .advice,
                form: .identified, consent: .notSought, risk: .concern, confidentialityOffered: .limited)),
        WorkedExample(
            id: "ntk-3", situation: "Instead, the worker asks that colleague for advice without naming the child.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .staff, purpose: .advice,
                form: .deidentified, consent: .notSought, risk: .concern, confidentialityOffered: .limited)),
        WorkedExample(
            id: "lim-1", situation: "A member of staff discusses an adult at risk's situation with a partner agency, de-identified, for advice.",
            request: ShareRequest(
                subjectKind: .adultAtRisk, requester: .staff, recipientKind: .partnerAgency, purpose: .advice,
                form: .deidentified, consent: .notSought, risk: .concern, confidentialityOffered: .limited)),
        WorkedExample(
            id: "con-1", situation: "An adult agrees to be referred, by name, to a partner agency for support.",
            request: ShareRequest(
                subjectKind: .adult, requester: .staff, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .given, risk: .concern, confidentialityOffered: .limited)),
        WorkedExample(
            id: "con-2", situation: "A member of staff wants to name an adult to a partner agency without having asked them.",
            request: ShareRequest(
                subjectKind: .adult, requester: .staff, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .notSought, risk: .concern, confidentialityOffered: .limited)),
        WorkedExample(
            id: "brk-1", situation: "The DSL refers a child at risk of significant harm to children's social care; the child refused.",
            request: ShareRequest(
                subjectKind: .child, requester: .dsl, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .significantHarm, confidentialityOffered: .limited)),
        WorkedExample(
            id: "brk-2", situation: "As brk-1, but telling the child's family first would harm a police investigation.",
            request: ShareRequest(
                subjectKind: .child, requester: .dsl, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .significantHarm,
                informingWouldPrejudiceInvestigation: true, confidentialityOffered: .limited)),
        WorkedExample(
            id: "brk-3", situation: "A member of staff refers a child at risk of significant harm after the DSL approved it.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .significantHarm, confidentialityOffered: .limited, dslApproved: true)),
        WorkedExample(
            id: "emg-1", situation: "A child is in immediate danger and the DSL cannot be reached: the member of staff calls the police at once.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .cannotBeObtained, risk: .immediateDanger, confidentialityOffered: .notStated)),
        WorkedExample(
            id: "cap-1", situation: "An adult at risk who can make the decision refuses a referral; the risk is to them alone.",
            request: ShareRequest(
                subjectKind: .adultAtRisk, requester: .dsl, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .significantHarm, confidentialityOffered: .limited)),
        WorkedExample(
            id: "cap-2", situation: "As cap-1, but children living with the adult are also at risk.",
            request: ShareRequest(
                subjectKind: .adultAtRisk, requester: .dsl, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .significantHarm, riskToOthers: true, confidentialityOffered: .limited)),
        WorkedExample(
            id: "vit-1", situation: "An adult who cannot make decisions for themselves is in immediate danger; the DSL calls an ambulance.",
            request: ShareRequest(
                subjectKind: .adult, subjectHasCapacity: false, requester: .dsl, recipientKind: .partnerAgency,
                purpose: .safeguarding, form: .identified, consent: .cannotBeObtained, risk: .immediateDanger, confidentialityOffered: .limited)),
        WorkedExample(
            id: "abs-1",
            situation:
                "A member of staff promised a young person absolute secrecy about a low-level worry and now wants advice from a partner agency, de-identified.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .advice,
                form: .deidentified, consent: .refused, risk: .concern, confidentialityOffered: .absolute)),
        WorkedExample(
            id: "abs-2", situation: "As abs-1, but the young person is at risk of significant harm and the DSL makes the referral.",
            request: ShareRequest(
                subjectKind: .child, requester: .dsl, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .significantHarm, confidentialityOffered: .absolute)),
        WorkedExample(
            id: "law-1",
            situation: "A court order requires the DSL to disclose a record that would also help detect a serious crime against a child at risk.",
            request: ShareRequest(
                subjectKind: .child, requester: .dsl, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .significantHarm, seriousCrime: true, legalDuty: true,
                confidentialityOffered: .limited)),
        WorkedExample(
            id: "crm-1", situation: "An adult refused, but what they said would help the police detect a serious crime; the DSL shares it.",
            request: ShareRequest(
                subjectKind: .adult, requester: .dsl, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .refused, risk: .concern, seriousCrime: true, confidentialityOffered: .limited)),
        WorkedExample(
            id: "nev-1", situation: "A parent who is alleged to have harmed the child asks what the child said.",
            request: ShareRequest(
                subjectKind: .child, requester: .dsl, recipientKind: .parentCarer, recipientIsAllegedPerpetrator: true,
                purpose: .safeguarding, form: .identified, consent: .notSought, risk: .significantHarm, confidentialityOffered: .limited)),
        WorkedExample(
            id: "nev-2", situation: "A member of staff wants to post about a case on the organisation's public page, without names.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .public, purpose: .other,
                form: .deidentified, consent: .given, risk: .none, confidentialityOffered: .limited)),
        WorkedExample(
            id: "rol-1", situation: "An administrator asks to send a case record to a partner agency.",
            request: ShareRequest(
                subjectKind: .adult, requester: .admin, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .given, risk: .concern, confidentialityOffered: .limited)),
        WorkedExample(
            id: "rol-2", situation: "A manager wants to name an adult, who agreed, to a partner agency.",
            request: ShareRequest(
                subjectKind: .adult, requester: .manager, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .given, risk: .concern, confidentialityOffered: .limited)),
        WorkedExample(
            id: "rol-3", situation: "A partner agency contact asks to pass on what MCT shared with them to another agency.",
            request: ShareRequest(
                subjectKind: .child, requester: .partner, recipientKind: .partnerAgency, purpose: .safeguarding,
                form: .identified, consent: .given, risk: .concern, confidentialityOffered: .limited)),
        WorkedExample(
            id: "pur-1", situation: "A member of staff wants to name a young person in a funding report; nobody has asked them.",
            request: ShareRequest(
                subjectKind: .child, requester: .staff, recipientKind: .partnerAgency, purpose: .other,
                form: .identified, consent: .notSought, risk: .none, confidentialityOffered: .limited)),
    ]
}
