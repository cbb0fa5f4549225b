import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Sharing a concern: proposed by its author or a safeguarding lead, decided by the engine, frozen as a snapshot,
/// approved or refused by a lead when escalated, opened by its recipient, and revocable (docs/sharing.md).
///
/// A share's page answers 404 to anyone who is neither a safeguarding lead, its proposer nor its
/// named recipient, and to the recipient once it is revoked or expired, so its existence is not revealed.
struct ShareRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let proposers = RouteAccess.roles(RecordAccess.recorders)
    static let leads = RouteAccess.roles(RecordAccess.leads)
    static let readers = RouteAccess.roles(RecordAccess.recorders.union([.partner]))

    func register(on routes: SecureRouter) {
        routes.get("/concerns/{id}/share", access: Self.proposers, returnsCaseContent: true) { _, context in
            let (concern, person) = try await shareableConcern(context)
            return try await formPage(
                context, concern: concern, person: person, input: ShareInput.blank(for: concern), check: nil,
                errors: [], status: .ok)
        }
        routes.post("/concerns/{id}/share", access: Self.proposers) { request, context in try await propose(request, context) }
        routes.get("/shares", access: Self.readers) { _, context in try await listPage(context) }
        routes.get("/shares/{id}", access: Self.readers, returnsCaseContent: true) { _, context in try await sharePage(context) }
        routes.post("/shares/{id}/approve", access: Self.leads) { _, context in
            let viewer = try context.signedInUser()
            _ = try await environment.shares.approve(try context.uuidParameter(), by: viewer.id, now: environment.clock())
            return .redirect(to: "/shares/\(try context.uuidParameter())")
        }
        routes.post("/shares/{id}/refuse", access: Self.leads) { request, context in
            let viewer = try context.signedInUser()
            let form = try await FormFields.read(request, context: context)
            let reason = form["reason"].trimmed
            guard !reason.isEmpty, reason.count <= ConcernNarrative.maximumFieldLength else {
                throw WebError.badRequest("Give the reason for refusing: refusals must be as explainable as shares.")
            }
            _ = try await environment.shares.refuse(try context.uuidParameter(), reason: reason, by: viewer.id, now: environment.clock())
            return .redirect(to: "/shares/\(try context.uuidParameter())")
        }
        routes.post("/shares/{id}/revoke", access: Self.proposers) { _, context in
            let viewer = try context.signedInUser()
            let id = try context.uuidParameter()
            guard let facts = try await environment.shares.facts(id),
                viewer.role.isSafeguardingLead || facts.proposerID == viewer.id
            else { throw WebError.notFound }
            try await environment.shares.revoke(id, by: viewer.id, now: environment.clock())
            return .redirect(to: "/shares/\(id)")
        }
    }

    // MARK: Who may open what

    /// The submitted concern in the path with its person, when the viewer wrote it or leads (reads are logged).
    func shareableConcern(_ context: ConfidantRequestContext) async throws -> (Concern, Person) {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        guard let facts = try await environment.records.concernFacts(id), facts.status == .submitted,
            RecordAccess.canRead(concernBy: facts.authorID, user: viewer),
            let concern = try await environment.records.concern(id, readBy: viewer, now: environment.clock()),
            let person = try await environment.records.person(concern.personID, readBy: viewer, now: environment.clock())
        else { throw WebError.notFound }
        return (concern, person)
    }

    // MARK: Proposing

    /// The recipients a share may go to: safeguarding leads, colleagues, partner contacts, and a parent or carer (printed).
    func recipients(excluding viewer: UserAccount) async throws -> [Recipient] {
        var result: [Recipient] = []
        let users = try await environment.users.all().filter { !$0.disabled && $0.id != viewer.id }
        for lead in users where lead.role.isSafeguardingLead {
            result.append(
                Recipient(value: "user:\(lead.id)", label: "\(lead.name) (\(lead.role.title))", kind: .dsl, userID: lead.id, contactID: nil))
        }
        for colleague in users where colleague.role == .staff {
            result.append(
                Recipient(
                    value: "user:\(colleague.id)", label: "\(colleague.name) (colleague)", kind: .staff,
                    userID: colleague.id, contactID: nil))
        }
        for agency in try await environment.shares.agencies() {
            for contact in agency.contacts {
                result.append(
                    Recipient(
                        value: "contact:\(contact.id)", label: "\(contact.name), \(agency.name) (\(agency.type.label))",
                        kind: .partnerAgency, userID: nil, contactID: contact.id))
            }
        }
        result.append(
            Recipient(
                value: "parent_carer", label: "A parent or carer (printed and handed over)", kind: .parentCarer,
                userID: nil, contactID: nil))
        return result
    }

    func propose(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let (concern, person) = try await shareableConcern(context)
        let form = try await FormFields.read(request, context: context)
        let input = ShareInput(form)
        let choices = try await recipients(excluding: viewer)
        let recipient = choices.first { $0.value == input.recipient }
        var errors: [FieldError] = []
        if recipient == nil { errors.append(FieldError(field: "recipient", message: "Choose who it would go to")) }
        if input.parts.isEmpty { errors.append(FieldError(field: "parts-account", message: "Choose at least one part of the record to share")) }
        if input.purpose == nil { errors.append(FieldError(field: "purpose-safeguarding", message: "Choose why it would be shared")) }
        if input.form == nil { errors.append(FieldError(field: "form-deidentified", message: "Choose whether the person is named")) }
        if input.consent == nil { errors.append(FieldError(field: "consent-given", message: "Say whether consent was given")) }
        if input.risk == nil { errors.append(FieldError(field: "risk-none", message: "Choose the risk as you assess it")) }
        if input.reason.isEmpty { errors.append(FieldError(field: "reason", message: "Say why it needs to be shared")) }
        if input.reason.count > ConcernNarrative.maximumFieldLength || input.consentBy.count > 500 {
            errors.append(FieldError(field: "reason", message: "Keep the reason shorter"))
        }
        guard errors.isEmpty, let recipient,
            let shareRequest = input.request(concern: concern, person: person, viewer: viewer, recipient: recipient.kind)
        else {
            return try await formPage(context, concern: concern, person: person, input: input, check: nil, errors: errors, status: .badRequest)
        }
        let decision = DecisionEngine.decide(shareRequest)
        let people =
            [person.knownPerson]
            + (try await environment.records.links(of: person.id)).map { link in
                KnownPerson(
                    name: link.person.details.name,
                    role: link.relationship == .parentCarer ? .parentCarer : (link.person.kind == .child ? .child : .adult),
                    aliases: link.person.details.knownAs.isEmpty ? [] : [link.person.details.knownAs])
            }
        let discloser = concern.disclosedBy == .thirdParty ? concern.narrative.thirdParty : ""
        let sections = ShareComposer.compose(
            narrative: concern.narrative, parts: input.parts, form: shareRequest.form, people: people,
            discloser: discloser, includeDiscloser: input.includeDiscloser)
        let snapshot = ShareSnapshot(
            recipient: recipient.label, reason: input.reason, consentBy: input.consentBy, sections: sections,
            discloserIncluded: input.includeDiscloser && !discloser.isEmpty,
            facts: shareRequest, decision: decision)
        switch input.action {
        case .share, .stop:
            let status: ShareStatus = input.action == .stop ? .notShared : Share.status(for: decision.outcome)
            let share = Share(
                id: UUID(), concernID: concern.id, personID: person.id, proposerID: viewer.id, status: status,
                recipientUserID: recipient.userID, recipientContactID: recipient.contactID, snapshot: snapshot,
                createdAt: environment.clock())
            let stored = try await environment.shares.create(share, now: environment.clock())
            return .redirect(to: "/shares/\(stored.id)")
        case .check:
            return try await formPage(
                context, concern: concern, person: person, input: input,
                check: Check(snapshot: snapshot, decision: decision, policy: try await environment.policies.currentPolicy()),
                errors: [], status: .ok)
        }
    }

    struct Recipient: Sendable {
        let value: String
        let label: String
        let kind: RecipientKind
        let userID: UUID?
        let contactID: UUID?
    }

    struct Check: Sendable {
        let outcome: String
        let outcomeLabel: String
        let explanation: String
        let breaksConfidence: Bool
        let lawfulBasis: String
        /// The clauses of the policy in force the decision rests on, in the organisation's words.
        let clauses: [CitedClause]
        let obligations: [String]
        let nextSteps: [String]
        let sections: [ShareSection]
        let willSend: Bool
        let willEscalate: Bool

        struct CitedClause: Sendable {
            let id: String
            let title: String
            let statement: String
        }

        init(snapshot: ShareSnapshot, decision: ShareDecision, policy: ConfidentialityPolicy) {
            outcome = decision.outcome.rawValue
            outcomeLabel = ShareRoutes.outcomeLabel(decision.outcome)
            explanation = decision.explanation
            breaksConfidence = decision.breaksConfidence
            lawfulBasis = decision.lawfulBasis.rawValue
            clauses = decision.reasons.map { rule in
                let clause = policy.clause(for: rule)
                return CitedClause(id: clause.id, title: clause.title, statement: clause.statement)
            }
            obligations = decision.obligations.map(\.rawValue)
            nextSteps = decision.nextSteps.map(\.rawValue)
            sections = snapshot.sections
            willSend = decision.outcome == .permit
            willEscalate = decision.outcome == .escalate
        }
    }

    static func outcomeLabel(_ outcome: ShareOutcome) -> String {
        switch outcome {
        case .permit: "The policy permits this share"
        case .escalate: "A safeguarding lead must decide"
        case .deny: "The policy does not allow this share"
        }
    }

    func formPage(
        _ context: ConfidantRequestContext, concern: Concern, person: Person, input: ShareInput, check: Check?,
        errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        struct View {
            let chrome: PageChrome
            let concernID: String
            let personName: String
            let recipients: [Option]
            let parts: [Option]
            let purposes: [Option]
            let forms: [Option]
            let consents: [Option]
            let consentBy: String
            let risks: [Option]
            let flags: [Option]
            let capacity: [Option]
            let reason: String
            let thirdPartyDisclosed: Bool
            let includeDiscloser: Bool
            let check: Check?
            let history: [HistoryRow]
            let errors: [FieldError]
        }
        struct HistoryRow: Sendable { let id: String; let recipient: String; let status: String; let when: String }
        let viewer = try context.signedInUser()
        let history = try await environment.shares.shares(ofConcern: concern.id).map {
            HistoryRow(
                id: $0.id.uuidString, recipient: $0.snapshot.recipient,
                status: $0.revokedAt == nil ? $0.status.label : "Revoked", when: RecordRoutes.format($0.createdAt))
        }
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Share information" : "Error: Share information", context),
            concernID: concern.id.uuidString, personName: person.details.name,
            recipients: try await recipients(excluding: viewer).map {
                Option(value: $0.value, label: $0.label, checked: $0.value == input.recipient)
            },
            parts: SharePart.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: input.parts.contains($0)) },
            purposes: SharePurpose.allCases.map { Option(value: $0.rawValue, label: Self.label($0), checked: $0 == input.purpose) },
            forms: ShareForm.allCases.map {
                Option(
                    value: $0.rawValue, label: $0 == .deidentified ? "De-identified: nobody is named" : "Identified: the person is named",
                    checked: $0 == input.form)
            },
            consents: Consent.allCases.map { Option(value: $0.rawValue, label: Self.label($0), checked: $0 == input.consent) },
            consentBy: input.consentBy,
            risks: RiskLevel.allCases.map {
                Option(value: $0.rawValue, label: ImmediateRisk(rawValue: $0.rawValue)?.label ?? $0.rawValue, checked: $0 == input.risk)
            },
            flags: ShareInput.flagNames.map { Option(value: $0.name, label: $0.label, checked: input.flags.contains($0.name)) },
            capacity: [Option(value: "yes", label: "Yes", checked: input.capacity), Option(value: "no", label: "No", checked: !input.capacity)],
            reason: input.reason, thirdPartyDisclosed: concern.disclosedBy == .thirdParty, includeDiscloser: input.includeDiscloser,
            check: check, history: history, errors: errors)
        return environment.pages.page(.shareForm, view, status: status)
    }

    static func label(_ purpose: SharePurpose) -> String {
        switch purpose {
        case .safeguarding: "To keep someone safe (safeguarding)"
        case .advice: "To ask for advice"
        case .other: "Another reason"
        }
    }

    static func label(_ consent: Consent) -> String {
        switch consent {
        case .given: "Consent was given"
        case .refused: "Consent was refused"
        case .notSought: "Nobody has asked yet"
        case .cannotBeObtained: "Consent cannot be obtained"
        }
    }

    // MARK: Chronology

    /// A concern's shares, decisions not to share and inform tasks, as entries of the person's chronology.
    func chronology(of concern: Concern, viewer: UserAccount, names: [UUID: String]) async throws -> [RecordRoutes.TimelineEntry] {
        var entries: [RecordRoutes.TimelineEntry] = []
        let now = environment.clock()
        for share in try await environment.shares.shares(ofConcern: concern.id) {
            let link = viewer.role.isSafeguardingLead || share.proposerID == viewer.id ? "/shares/\(share.id)" : nil
            let status = share.revokedAt == nil ? share.status.label : "Revoked"
            entries.append(
                RecordRoutes.TimelineEntry(
                    at: share.createdAt, when: RecordRoutes.format(share.createdAt), kind: "Share: \(status)",
                    summary: "to \(share.snapshot.recipient) · \(share.snapshot.form.rawValue) · proposed by \(names[share.proposerID] ?? "unknown")",
                    link: link, categories: concern.categories))
            for task in try await environment.shares.tasks(ofShare: share.id) {
                let at = task.completedAt ?? task.dueAt
                entries.append(
                    RecordRoutes.TimelineEntry(
                        at: at, when: RecordRoutes.format(at), kind: "Task: \(task.kind.label)",
                        summary: task.completedAt == nil
                            ? "due \(RecordRoutes.format(task.dueAt)) · \(task.state(now: now).rawValue)"
                            : "done by \(task.completedBy.flatMap { names[$0] } ?? "unknown")\(task.method.map { " · " + $0.label } ?? "")",
                        link: link, categories: concern.categories))
            }
        }
        return entries
    }

    // MARK: Viewing

    func listPage(_ context: ConfidantRequestContext) async throws -> Response {
        struct Row: Sendable { let id: String; let when: String; let from: String; let status: String }
        struct View { let chrome: PageChrome; let isLead: Bool; let received: [Row]; let queue: [Row]; let emergencies: [Row] }
        let viewer = try context.signedInUser()
        let now = environment.clock()
        let names = try await environment.users.names()
        let contacts = viewer.role == .partner ? try await environment.shares.contacts(email: viewer.email).map(\.id) : []
        func row(_ facts: Share.Facts) -> Row {
            Row(
                id: facts.id.uuidString, when: RecordRoutes.format(facts.createdAt), from: names[facts.proposerID] ?? "unknown",
                status: facts.status.label)
        }
        let received = try await environment.shares.received(by: viewer.id, contacts: contacts).filter { $0.isOpen(now: now) }.map(row)
        let queue = viewer.role.isSafeguardingLead ? try await environment.shares.approvalQueue().map(row) : []
        let emergencies =
            viewer.role.isSafeguardingLead
            ? try await environment.shares.sharedInEmergency().map {
                Row(
                    id: $0.id.uuidString, when: RecordRoutes.format($0.createdAt), from: names[$0.proposerID] ?? "unknown",
                    status: "to \($0.snapshot.recipient)")
            } : []
        return environment.pages.page(
            .shares,
            View(
                chrome: try await environment.chrome("Shared with me", context, path: "/shares"), isLead: viewer.role.isSafeguardingLead,
                received: received, queue: queue, emergencies: emergencies))
    }

    func sharePage(_ context: ConfidantRequestContext) async throws -> Response {
        struct View {
            let chrome: PageChrome
            let id: String
            let concernID: String
            let status: String
            let awaiting: Bool
            let isLead: Bool
            let canRevoke: Bool
            let revoked: Bool
            let recipient: String
            let purpose: String
            let reason: String
            let form: String
            let consent: String
            let consentBy: String?
            let outcome: String
            let explanation: String
            let breaksConfidence: Bool
            let lawfulBasis: String
            let reasons: [String]
            let obligations: [String]
            let sections: [ShareSection]
            let discloserIncluded: Bool
            let proposer: String
            let createdAt: String
            let decidedBy: String?
            let decidedAt: String
            let refusalReason: String?
            let expiresAt: String?
            let isRecipient: Bool
            let reconsider: Bool
            let tasks: [TaskRoutes.Row]
            /// For a partner contact: the address to send them, where they sign in or ask for a one-time code.
            let contactLink: String?
        }
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let now = environment.clock()
        guard let facts = try await environment.shares.facts(id) else { throw WebError.notFound }
        var isRecipient = facts.recipientUserID == viewer.id
        if viewer.role == .partner, let contactID = facts.recipientContactID {
            isRecipient = try await environment.shares.contacts(email: viewer.email).contains { $0.id == contactID }
        }
        let isOwner = viewer.role.isSafeguardingLead || (facts.proposerID == viewer.id && viewer.role != .partner)
        guard isOwner || (isRecipient && facts.isOpen(now: now)) else { throw WebError.notFound }
        guard let share = try await environment.shares.share(id, readBy: viewer, asRecipient: isRecipient && !isOwner, now: now) else {
            throw WebError.notFound
        }
        let names = try await environment.users.names()
        let snapshot = share.snapshot
        // An escalated share that a lead approved rests on the engine's answer with the lead's approval: the
        // engine is deterministic, so that answer is recomputed from the frozen facts rather than stored twice.
        var approvedFacts = snapshot.facts
        approvedFacts.dslApproved = true
        let approval = share.status == .shared && snapshot.outcome == .escalate ? DecisionEngine.decide(approvedFacts) : nil
        let view = View(
            chrome: try await environment.chrome("Shared information", context), id: share.id.uuidString,
            concernID: share.concernID.uuidString, status: share.revokedAt == nil ? share.status.label : "Revoked",
            awaiting: share.status == .awaitingApproval, isLead: viewer.role.isSafeguardingLead,
            canRevoke: isOwner && share.status == .shared && share.revokedAt == nil, revoked: share.revokedAt != nil,
            recipient: snapshot.recipient, purpose: Self.label(snapshot.purpose), reason: snapshot.reason,
            form: snapshot.form == .deidentified ? "De-identified" : "Identified", consent: Self.label(snapshot.facts.consent),
            consentBy: snapshot.consentBy.isEmpty ? nil : snapshot.consentBy, outcome: Self.outcomeLabel(snapshot.outcome),
            explanation: snapshot.explanation,
            breaksConfidence: snapshot.breaksConfidence, lawfulBasis: (approval?.lawfulBasis ?? snapshot.lawfulBasis).rawValue,
            reasons: snapshot.reasons, obligations: approval.map { $0.obligations.map(\.rawValue) } ?? snapshot.obligations,
            sections: snapshot.sections, discloserIncluded: snapshot.discloserIncluded,
            proposer: names[share.proposerID] ?? "unknown", createdAt: RecordRoutes.format(share.createdAt),
            decidedBy: share.decidedBy.map { names[$0] ?? "unknown" }, decidedAt: share.decidedAt.map(RecordRoutes.format) ?? "",
            refusalReason: share.refusalReason, expiresAt: share.expiresAt.map(RecordRoutes.format),
            isRecipient: isRecipient && !isOwner, reconsider: isOwner && (share.status == .refused || share.status == .notShared),
            tasks: isOwner
                ? try await environment.shares.tasks(ofShare: share.id).map { TaskRoutes(environment: environment).row($0, viewer: viewer) } : [],
            contactLink: isOwner && share.recipientContactID != nil && share.status == .shared
                ? environment.configuration.link("/shares/\(share.id)/code") : nil)
        return environment.pages.page(.share, view)
    }
}

/// Which button sent the share form: check shows the engine's decision and the preview (also what a form
/// with no button, or an unknown one, does); share records it; stop records a decision not to share.
enum ShareFormAction: String, Sendable {
    case check
    case share
    case stop
}

/// What a share form sent, read leniently so that the form can be shown again with the user's choices.
struct ShareInput: Sendable {
    var action: ShareFormAction
    var recipient: String
    var parts: Set<SharePart>
    var purpose: SharePurpose?
    var form: ShareForm?
    var consent: Consent?
    var consentBy: String
    var risk: RiskLevel?
    var capacity: Bool
    var flags: Set<String>
    var reason: String
    var includeDiscloser: Bool

    /// The yes/no facts the engine needs, as checkbox names and the question each answers.
    static let flagNames: [(name: String, label: String)] = [
        ("need_to_know", "The colleague's work with this person needs it"),
        ("alleged_perpetrator", "The recipient, or someone they would tell, is the person the concern is about"),
        ("risk_to_others", "Other people, especially children, are at risk"),
        ("serious_crime", "Sharing would help prevent or detect a serious crime"),
        ("legal_duty", "A court order or statutory duty requires it"),
        ("informing_increases_risk", "Telling the person would put them or someone else at greater risk"),
        ("informing_prejudices_investigation", "Telling the person would harm a police or statutory investigation"),
    ]

    /// A blank form: nothing chosen (minimum necessary), the risk as recorded on the concern.
    static func blank(for concern: Concern) -> ShareInput {
        ShareInput(
            action: .check, recipient: "", parts: [], purpose: nil, form: nil, consent: nil, consentBy: "",
            risk: concern.risk.flatMap { RiskLevel(rawValue: $0.rawValue) }, capacity: true, flags: [], reason: "",
            includeDiscloser: false)
    }

    init(
        action: ShareFormAction, recipient: String, parts: Set<SharePart>, purpose: SharePurpose?, form: ShareForm?, consent: Consent?,
        consentBy: String, risk: RiskLevel?, capacity: Bool, flags: Set<String>, reason: String, includeDiscloser: Bool
    ) {
        self.action = action
        self.recipient = recipient
        self.parts = parts
        self.purpose = purpose
        self.form = form
        self.consent = consent
        self.consentBy = consentBy
        self.risk = risk
        self.capacity = capacity
        self.flags = flags
        self.reason = reason
        self.includeDiscloser = includeDiscloser
    }

    init(_ fields: FormFields) {
        action = ShareFormAction(rawValue: fields["action"]) ?? .check
        recipient = fields["recipient"]
        parts = Set(fields.all("parts").compactMap(SharePart.init))
        purpose = SharePurpose(rawValue: fields["purpose"])
        form = ShareForm(rawValue: fields["form"])
        consent = Consent(rawValue: fields["consent"])
        consentBy = fields["consent_by"].trimmed
        risk = RiskLevel(rawValue: fields["risk"])
        capacity = fields["capacity"] != "no"
        flags = Set(Self.flagNames.map(\.name).filter { fields["flag_\($0)"] == "yes" })
        reason = fields["reason"].trimmed
        includeDiscloser = fields["include_discloser"] == "yes"
    }

    /// The engine's request for these answers about `concern`, or nil while a choice is missing.
    func request(concern: Concern, person: Person, viewer: UserAccount, recipient: RecipientKind) -> ShareRequest? {
        guard let purpose, let form, let consent, let risk else { return nil }
        let subject: SubjectKind =
            switch person.kind {
            case .child: .child
            case .adultAtRisk: .adultAtRisk
            case .adult: .adult
            }
        return ShareRequest(
            subjectKind: subject, subjectHasCapacity: capacity, requester: viewer.role.isSafeguardingLead ? .dsl : .staff,
            recipientKind: recipient, recipientNeedToKnow: flags.contains("need_to_know"),
            recipientIsAllegedPerpetrator: flags.contains("alleged_perpetrator"), purpose: purpose, form: form, consent: consent,
            risk: risk, riskToOthers: flags.contains("risk_to_others"), seriousCrime: flags.contains("serious_crime"),
            legalDuty: flags.contains("legal_duty"), informingWouldIncreaseRisk: flags.contains("informing_increases_risk"),
            informingWouldPrejudiceInvestigation: flags.contains("informing_prejudices_investigation"),
            confidentialityOffered: concern.offered.flatMap { ConfidentialityOffered(rawValue: $0.rawValue) } ?? .notStated)
    }
}
