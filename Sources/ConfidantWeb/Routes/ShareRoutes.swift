import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Sharing a concern: proposed by its author or a safeguarding lead, decided by the engine, frozen as a snapshot,
/// approved or refused by a lead when escalated, opened by its recipient, corrected, and revocable (docs/sharing.md).
///
/// Every step is one `ShareProposal` (or `ShareApproval`) from Core and one Store call; the routes parse, call and
/// render. A share's page answers 404 to anyone who is neither a safeguarding lead, its proposer nor its named
/// recipient, and to the recipient once it is revoked or expired, so its existence is not revealed.
struct ShareRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let proposers = RouteAccess.roles(RecordAccess.recorders)
    static let leads = RouteAccess.roles(RecordAccess.leads)
    static let readers = RouteAccess.roles(RecordAccess.recorders.union([.partner]))

    func register(on routes: SecureRouter) {
        routes.get("/concerns/{id}/share", access: Self.proposers, returnsCaseContent: true) { _, context in
            let record = try await shareableCase(context)
            return try await formPage(context, record: record, input: ShareInput.blank(for: record), check: nil, errors: [], status: .ok)
        }
        routes.post("/concerns/{id}/share", access: Self.proposers) { request, context in try await propose(request, context) }
        routes.get("/shares", access: Self.readers) { request, context in try await listPage(request, context) }
        routes.get("/shares/approvals", access: Self.leads, returnsCaseContent: true) { _, context in try await approvalsPage(context) }
        routes.get("/shares/{id}", access: Self.readers, returnsCaseContent: true) { _, context in
            try await sharePage(context, errors: [], status: .ok)
        }
        routes.post("/shares/{id}/approve", access: Self.leads) { request, context in
            try await decide(request, context, approving: true)
        }
        routes.post("/shares/{id}/refuse", access: Self.leads) { request, context in
            try await decide(request, context, approving: false)
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
        routes.post("/shares/{id}/send-correction", access: Self.proposers) { _, context in try await sendCorrection(context) }
        // Open to anyone at the router: a partner contact without an account holds a pass, not a session. The
        // handler answers 404 to anyone who may not read the share, and for any file it did not send.
        routes.get("/shares/{id}/files/{file}", access: .everyone, returnsCaseContent: true) { request, context in
            try await sharedFile(request, context, download: false)
        }
        routes.get("/shares/{id}/files/{file}/download", access: .everyone, returnsCaseContent: true) { request, context in
            try await sharedFile(request, context, download: true)
        }
    }

    /// The cookie that carries a one-time code's pass, scoped to the share's own paths.
    static let passCookie = "confidant_share_pass"

    /// A file the share sent, for those who may read the share: a lead or its proposer, its recipient while it is
    /// open, or a contact holding the pass their one-time code gave them. The read is logged with the share.
    func sharedFile(_ request: Request, _ context: ConfidantRequestContext, download: Bool) async throws -> Response {
        let id = try context.uuidParameter()
        let fileID = try context.uuidParameter("file")
        let now = environment.clock()
        guard let facts = try await environment.shares.facts(id) else { throw WebError.notFound }
        // Open at the router, so the router's gates are kept here: a session counts only once its second factor is
        // given and the policy acknowledged. Anyone else, signed in or not, may still hold a contact's pass.
        var reader: String?
        if let session = context.session, session.stage == .signedIn, !session.owesPolicyAcknowledgement {
            let (isOwner, isRecipient) = try await standing(of: facts, for: session.user)
            if isOwner || (isRecipient && facts.isOpen(now: now)) { reader = AuditName.user(session.user.id) }
        }
        if reader == nil, let pass = request.cookies[Self.passCookie]?.value,
            let contact = try await environment.shares.contactHolding(pass: pass, for: id, now: now)
        {
            reader = AuditName.contact(contact)
        }
        guard let reader else { throw WebError.notFound }
        // Only what the share sent, and only the very bytes it sent (stored files never change; the hash says so).
        guard let sent = try await environment.shares.files(sentBy: id).first(where: { $0.id == fileID }),
            let attachment = try await environment.attachments.attachment(fileID), attachment.sha256 == sent.sha256
        else { throw WebError.notFound }
        return try await AttachmentRoutes(environment: environment).send(
            attachment, to: reader, inline: !download && attachment.kind.showsInline, through: id)
    }

    /// Sections as a page shows them, each file linked by `link`.
    func sectionViews(_ sections: [ShareSection], link: (SharedFile) -> String) -> [SectionView] {
        let maps = BodyMapRoutes(environment: environment)
        return sections.map { section in
            SectionView(
                section, link: link,
                figures: section.bodyMarks.isEmpty
                    ? nil
                    : maps.figures(
                        section.bodyMarks, kind: section.bodyMarks[0].outline.isChild ? .child : .adult, fading: false, links: false))
        }
    }

    /// The links a share's own page gives its files: through the share, so each read is logged with it.
    static func fileLink(share: UUID) -> (SharedFile) -> String {
        { "/shares/\(share)/files/\($0.id)" }
    }

    // MARK: Who may open what

    /// The submitted concern in the path with its person, household and addenda, when the viewer wrote it or leads (reads are logged).
    func shareableCase(_ context: ConfidantRequestContext, concernID: UUID? = nil) async throws -> ShareCase {
        let viewer = try context.signedInUser()
        let id = try concernID ?? context.uuidParameter()
        let now = environment.clock()
        guard let facts = try await environment.records.concernFacts(id), facts.status == .submitted,
            RecordAccess.canRead(concernBy: facts.authorID, user: viewer),
            let concern = try await environment.records.concern(id, readBy: viewer, now: now),
            let person = try await environment.records.person(concern.personID, readBy: viewer, now: now)
        else { throw WebError.notFound }
        // Only files the proposer may open themselves can be chosen: a staff member's own, a lead's all.
        let files = AttachmentRoutes(environment: environment)
        var attachments = try await environment.attachments.attachments(of: .concern(concern.id))
        if try await files.mayOpen(.person(person.id), viewer) {
            attachments += try await environment.attachments.attachments(of: .person(person.id))
        }
        return ShareCase(
            concern: concern, person: person, household: try await environment.records.links(of: person.id),
            addenda: try await environment.records.addenda(of: concern.id),
            attachments: attachments.filter { Attachment.canOpen(addedBy: $0.addedBy, user: viewer) }.sorted { $0.addedAt < $1.addedAt },
            bodyMarks: try await environment.bodyMarks.marks(on: concern.id))
    }

    /// Whether the viewer looks after a share (a lead, or the staff member who proposed it) or only receives it.
    func standing(of facts: Share.Facts, for viewer: UserAccount) async throws -> (owner: Bool, recipient: Bool) {
        var isRecipient = facts.recipientUserID == viewer.id
        if viewer.role == .partner, let contactID = facts.recipientContactID {
            isRecipient = try await environment.shares.contacts(email: viewer.email).contains { $0.id == contactID }
        }
        let isOwner = viewer.role.isSafeguardingLead || (facts.proposerID == viewer.id && viewer.role != .partner)
        return (isOwner, isRecipient && !isOwner)
    }

    // MARK: Proposing

    /// The recipients a share may go to: safeguarding leads, colleagues, partner contacts, and a parent or carer (printed).
    func recipients(excluding viewer: UserAccount) async throws -> [ShareRecipient] {
        var result: [ShareRecipient] = []
        let users = try await environment.users.all().filter { !$0.disabled && $0.id != viewer.id }
        for lead in users where lead.role.isSafeguardingLead {
            result.append(ShareRecipient(kind: .dsl, label: "\(lead.name) (\(lead.role.title))", userID: lead.id))
        }
        for colleague in users where colleague.role == .staff {
            result.append(ShareRecipient(kind: .staff, label: "\(colleague.name) (colleague)", userID: colleague.id))
        }
        for agency in try await environment.shares.agencies() {
            for contact in agency.contacts {
                result.append(
                    ShareRecipient(kind: .partnerAgency, label: "\(contact.name), \(agency.name) (\(agency.type.label))", contactID: contact.id))
            }
        }
        result.append(ShareRecipient(kind: .parentCarer, label: "A parent or carer (printed and handed over)"))
        return result
    }

    /// The value a recipient has in the form's list.
    static func choice(_ recipient: ShareRecipient) -> String {
        if let userID = recipient.userID { return "user:\(userID)" }
        if let contactID = recipient.contactID { return "contact:\(contactID)" }
        return recipient.kind.rawValue
    }

    func propose(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let record = try await shareableCase(context)
        let input = ShareInput(try await FormFields.read(request, context: context), household: record.household, files: record.attachments)
        let recipient = try await recipients(excluding: viewer).first { Self.choice($0) == input.recipient }
        let (answers, errors) = input.answers(recipient: recipient, person: record.person)
        guard let answers else {
            return try await formPage(context, record: record, input: input, check: nil, errors: errors, status: .badRequest)
        }
        let proposal = ShareProposal.make(
            for: record, answers: answers, proposer: viewer, organisation: try await environment.organisationContact(),
            now: environment.clock())
        switch input.action {
        case .share:
            let share = try await environment.shares.record(proposal)
            return .redirect(to: "/shares/\(share.id)")
        case .stop:
            let share = try await environment.shares.record(proposal.notShared())
            return .redirect(to: "/shares/\(share.id)")
        case .check:
            let withheld = ShareComposer.withheldFiles(record, answers: answers)
            return try await formPage(
                context, record: record, input: input,
                check: Check(
                    proposal: proposal, policy: try await environment.policies.currentPolicy(),
                    // Before anything is recorded the proposer opens the files as their own reads of the record.
                    sections: sectionViews(proposal.snapshot.sections, link: { "/attachments/\($0.id)" }),
                    withheld: withheld.map(\.name)),
                errors: [], status: .ok)
        }
    }

    /// Sends the corrections added since a share to the same recipient on the same answers: a new share, decided by
    /// the engine like any other (it may need a lead's approval again).
    func sendCorrection(_ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let now = environment.clock()
        guard let facts = try await environment.shares.facts(id), try await standing(of: facts, for: viewer).owner,
            let share = try await environment.shares.share(id, readBy: viewer, asRecipient: false, now: now),
            let answers = share.snapshot.answers
        else { throw WebError.notFound }
        // Only a share its recipient still holds, and that lacks a correction, has one to send (not a revoked, refused
        // or unsent one: that would send to a recipient a lead has decided against).
        guard try await sharesMissingCorrection(ofConcern: share.concernID).contains(where: { $0.id == share.id }) else {
            throw WebError.conflict("This share has no correction to send: it was revoked or not sent, or its recipient already has the latest.")
        }
        var record = try await shareableCase(context, concernID: share.concernID)
        record.addenda = record.addenda.filter { $0.createdAt > share.createdAt }
        guard !record.addenda.isEmpty else { throw WebError.conflict("No correction has been added since this was shared.") }
        var correction = answers
        correction.parts = answers.parts.intersection([.subject]).union([.addenda, .contact])
        correction.files = []
        correction.reason = "Correction to what was shared on \(Self.spoken(share.createdAt)): \(answers.reason)"
        correction.recipient = ShareRecipient(
            kind: answers.recipient.kind, label: share.snapshot.recipient, userID: share.recipientUserID, contactID: share.recipientContactID)
        let proposal = ShareProposal.make(
            for: record, answers: correction, proposer: viewer, organisation: try await environment.organisationContact(), now: now)
        let sent = try await environment.shares.record(proposal)
        return .redirect(to: "/shares/\(sent.id)")
    }

    /// What the engine decided, as the share form shows it before anything is recorded.
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
        let sections: [SectionView]
        /// The files chosen that a de-identified share leaves out, by name.
        let withheld: [String]
        let willSend: Bool
        let willEscalate: Bool

        init(proposal: ShareProposal, policy: ConfidentialityPolicy, sections: [SectionView], withheld: [String]) {
            let decision = proposal.decision
            outcome = decision.outcome.rawValue
            outcomeLabel = ShareRoutes.outcomeLabel(decision.outcome)
            explanation = decision.explanation
            breaksConfidence = decision.breaksConfidence
            lawfulBasis = decision.lawfulBasis.title
            clauses = CitedClause.list(Array(decision.reasons), policy: policy)
            obligations = decision.obligations.map(\.title)
            nextSteps = decision.nextSteps.map(\.title)
            self.sections = sections
            self.withheld = withheld
            willSend = decision.outcome == .permit
            willEscalate = decision.outcome == .escalate
        }
    }

    /// A policy clause a decision rests on: its title and statement, its id kept for auditors.
    struct CitedClause: Sendable {
        let id: String
        let title: String
        let statement: String

        static func list(_ rules: [PolicyRule], policy: ConfidentialityPolicy) -> [CitedClause] {
            rules.map { rule in
                let clause = policy.clause(for: rule)
                return CitedClause(id: clause.id, title: clause.title, statement: clause.statement)
            }
        }
    }

    /// A section as the pages show it: a narrative text, labelled fields, files or a body map.
    struct SectionView: Sendable {
        struct File: Sendable {
            let name: String
            let caption: String
            let facts: String
            let href: String
            let download: String
            let image: Bool
        }
        let heading: String
        let text: String
        let hasText: Bool
        let fields: [ShareField]
        let files: [File]
        let figures: BodyMapRoutes.Figures?

        init(_ section: ShareSection, link: (SharedFile) -> String, figures: BodyMapRoutes.Figures?) {
            heading = section.heading
            text = section.text
            hasText = !section.text.isEmpty
            fields = section.fields
            files = section.files.map { file in
                let href = link(file)
                return File(
                    name: file.name, caption: file.caption, facts: "\(file.kind.label), \(AttachmentsSection.size(file.size))", href: href,
                    download: href + "/download", image: file.kind.showsInline)
            }
            self.figures = figures
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
        _ context: ConfidantRequestContext, record: ShareCase, input: ShareInput, check: Check?, errors: [FieldError],
        status: HTTPResponse.Status
    ) async throws -> Response {
        struct PartOption: Sendable { let value: String; let label: String; let hint: String; let checked: Bool }
        struct View {
            let chrome: PageChrome
            let concernID: String
            let personName: String
            let recipients: [Option]
            let parts: [PartOption]
            let files: [PartOption]
            let household: [Option]
            let purposes: [Option]
            let forms: [Option]
            let consents: [Option]
            let consentBy: String
            let risks: [Option]
            let flags: [Option]
            let capacityQuestion: String
            let capacityHint: String
            let capacity: [Option]
            let reason: String
            let thirdPartyDisclosed: Bool
            let includeDiscloser: Bool
            let check: Check?
            let history: [HistoryRow]
            let errors: [FieldError]
            /// Each field's message beside it, by the field's name ("purpose" for the radio group "purpose-safeguarding").
            let errorFor: [String: String]
        }
        struct HistoryRow: Sendable { let id: String; let recipient: String; let status: String; let when: String }
        let viewer = try context.signedInUser()
        let history = try await environment.shares.shares(ofConcern: record.concern.id).map {
            HistoryRow(id: $0.id.uuidString, recipient: $0.snapshot.recipient, status: $0.heading, when: RecordRoutes.format($0.createdAt))
        }
        let child = record.person.kind == .child
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Share information" : "Error: Share information", context),
            concernID: record.concern.id.uuidString, personName: record.person.details.name,
            recipients: try await recipients(excluding: viewer).map {
                Option(value: Self.choice($0), label: $0.label, checked: Self.choice($0) == input.recipient)
            },
            // A body map is offered only when the concern has one.
            parts: SharePart.allCases.filter { $0 != .bodyMap || !record.bodyMarks.isEmpty }.map {
                PartOption(value: $0.rawValue, label: $0.label, hint: $0.hint, checked: input.parts.contains($0))
            },
            files: record.attachments.map {
                PartOption(
                    value: $0.id.uuidString, label: $0.name,
                    hint: ([$0.caption] + ["\($0.kind.label), \(AttachmentsSection.size($0.size))"]).filter { !$0.isEmpty }.joined(separator: ". "),
                    checked: input.files.contains($0.id))
            },
            household: record.household.map {
                Option(
                    value: $0.person.id.uuidString, label: "\($0.person.details.name) (\($0.relationship.label))",
                    checked: input.household.contains($0.person.id))
            },
            purposes: SharePurpose.allCases.map { Option(value: $0.rawValue, label: Self.label($0), checked: $0 == input.purpose) },
            forms: ShareForm.allCases.map {
                Option(
                    value: $0.rawValue, label: $0 == .deidentified ? "De-identified: nobody is named" : "Identified: the person is named",
                    checked: $0 == input.form)
            },
            consents: Consent.allCases.map { Option(value: $0.rawValue, label: Self.label($0), checked: $0 == input.consent) },
            consentBy: input.consentBy,
            risks: RiskLevel.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0 == input.risk) },
            flags: ShareInput.flagNames.map { Option(value: $0.name, label: $0.label, checked: input.flags.contains($0.name)) },
            capacityQuestion: child
                ? "Is \(record.person.details.name) competent to make this decision themselves?"
                : "Can \(record.person.details.name) make this decision themselves?",
            capacityHint: child
                ? "Gillick competence: do they understand what would be shared, with whom and why, and what could happen if it is or is not? There is no default answer for a child."
                : "The Mental Capacity Act's test: an adult is presumed able to decide unless, because of an impairment of the mind or brain, they cannot understand, retain or weigh the information, or communicate a decision.",
            capacity: [
                Option(value: "yes", label: "Yes", checked: input.capacity == true),
                Option(value: "no", label: "No", checked: input.capacity == false),
            ],
            reason: input.reason, thirdPartyDisclosed: record.concern.disclosedBy == .thirdParty, includeDiscloser: input.includeDiscloser,
            check: check, history: history, errors: errors,
            errorFor: Dictionary(
                errors.map { (String($0.field.split(separator: "-").first ?? ""), $0.message) }, uniquingKeysWith: { first, _ in first }))
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

    static func label(_ form: ShareForm) -> String { form == .deidentified ? "De-identified" : "Identified" }

    /// The lawful basis as the share page says it: none is relied on until something leaves.
    static func basis(of share: Share) -> String {
        switch share.status {
        case .shared: share.lawfulBasis.title
        case .awaitingApproval: "Decided when a safeguarding lead approves it"
        case .refused, .notShared: "None: nothing was shared"
        }
    }

    /// A moment as people say it: "3 March 2026, 14:02 UTC".
    static func spoken(_ date: Date) -> String {
        let time = RecordRoutes.format(date).split(separator: " ").dropFirst().first.map { String($0.prefix(5)) } ?? ""
        return "\(CalendarDay(containing: date).spelledOut), \(time) UTC"
    }

    /// The sent shares of a concern whose recipient has not had the latest correction: an addendum was added after
    /// the share, and nothing newer went (or waits to go) to the same recipient.
    func sharesMissingCorrection(ofConcern concernID: UUID) async throws -> [Share] {
        guard let latest = try await environment.records.addenda(of: concernID).map(\.createdAt).max() else { return [] }
        let shares = try await environment.shares.shares(ofConcern: concernID)
        return shares.filter { share in
            guard share.status == .shared, share.revokedAt == nil, share.createdAt < latest else { return false }
            let newest =
                shares.filter {
                    $0.recipientUserID == share.recipientUserID && $0.recipientContactID == share.recipientContactID
                        && $0.snapshot.recipient == share.snapshot.recipient && $0.revokedAt == nil
                        && ($0.status == .shared || $0.status == .awaitingApproval)
                }.map(\.createdAt).max() ?? share.createdAt
            return newest < latest
        }
    }

    // MARK: Chronology

    /// The shares of these concerns and the tasks they opened (each task once), as entries of the person's chronology
    /// by concern (filtered by its categories); read in two statements for all of them.
    func chronology(of concerns: [Concern], viewer: UserAccount, names: [UUID: String]) async throws -> [UUID: [RecordRoutes.TimelineEntry]] {
        var entries: [UUID: [RecordRoutes.TimelineEntry]] = [:]
        let categories = Dictionary(concerns.map { ($0.id, $0.categories) }, uniquingKeysWith: { first, _ in first })
        let now = environment.clock()
        let shares = try await environment.shares.shares(ofConcerns: concerns.map(\.id))
        let tasks = try await environment.shares.tasks(ofShares: shares.map(\.id))
        var tasksSeen = Set<UUID>()
        for share in shares {
            let link = viewer.role.isSafeguardingLead || share.proposerID == viewer.id ? "/shares/\(share.id)" : nil
            let concernCategories = categories[share.concernID] ?? []
            entries[share.concernID, default: []].append(
                RecordRoutes.TimelineEntry(
                    at: share.createdAt, when: RecordRoutes.format(share.createdAt), kind: "Share: \(share.heading)",
                    summary:
                        "to \(share.snapshot.recipient) · \(Self.label(share.snapshot.form).lowercased()) · proposed by \(names[share.proposerID] ?? "unknown")",
                    link: link, categories: concernCategories))
            for task in tasks where task.shareIDs.contains(share.id) && tasksSeen.insert(task.id).inserted {
                let at = task.completedAt ?? task.dueAt
                entries[share.concernID, default: []].append(
                    RecordRoutes.TimelineEntry(
                        at: at, when: RecordRoutes.format(at), kind: "Task: \(task.kind.label)",
                        summary: task.completedAt == nil
                            ? "due \(RecordRoutes.format(task.dueAt)) · \(TaskRoutes.label(task.state(now: now)).lowercased())"
                            : "done by \(task.completedBy.flatMap { names[$0] } ?? "unknown")\(task.method.map { " · " + $0.label } ?? "")",
                        link: link, categories: concernCategories))
            }
        }
        return entries
    }

    // MARK: Viewing

    struct ListRow: Sendable {
        let id: String
        let when: String
        let from: String
        let status: String
    }

    func listPage(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        struct View {
            let chrome: PageChrome
            let isLead: Bool
            let isRecorder: Bool
            let received: [ListRow]
            let proposed: [ListRow]
            let emergencies: [ListRow]
            let approvals: Int
            /// A later page of one list: only that list is shown.
            let laterReceived: Bool
            let laterProposed: Bool
            let olderReceived: String?
            let olderProposed: String?
        }
        let viewer = try context.signedInUser()
        let now = environment.clock()
        func cursor(_ name: String) throws -> ListCursor? {
            guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
            guard let cursor = ListCursor(text: String(text)) else {
                throw WebError.badRequest("That link to older shares is not right. Start again from the Shared with me page.")
            }
            return cursor
        }
        let receivedAfter = try cursor("received_after")
        let proposedAfter = try cursor("proposed_after")
        let firstPage = receivedAfter == nil && proposedAfter == nil
        let names = try await environment.users.names()
        let contacts = viewer.role == .partner ? try await environment.shares.contacts(email: viewer.email).map(\.id) : []
        func row(_ facts: Share.Facts) -> ListRow {
            ListRow(
                id: facts.id.uuidString, when: RecordRoutes.format(facts.createdAt), from: names[facts.proposerID] ?? "unknown",
                status: facts.revokedAt == nil ? facts.status.label : "Revoked")
        }
        // A later page of one list shows only that list.
        var received: (facts: [Share.Facts], next: ListCursor?) = ([], nil)
        if firstPage || receivedAfter != nil {
            received = try await environment.shares.openReceived(
                by: viewer.id, contacts: contacts, now: now, after: receivedAfter, limit: Self.listPageSize)
        }
        var proposed: (facts: [Share.Facts], next: ListCursor?) = ([], nil)
        if viewer.role != .partner && (firstPage || proposedAfter != nil) {
            proposed = try await environment.shares.proposed(by: viewer.id, after: proposedAfter, limit: Self.listPageSize)
        }
        let emergencies =
            viewer.role.isSafeguardingLead && firstPage
            ? try await environment.shares.sharedInEmergency().map {
                ListRow(
                    id: $0.id.uuidString, when: RecordRoutes.format($0.createdAt), from: names[$0.proposerID] ?? "unknown",
                    status: "to \($0.snapshot.recipient)")
            } : []
        let approvals = viewer.role.isSafeguardingLead ? try await environment.shares.approvalQueue().count : 0
        return environment.pages.page(
            .shares,
            View(
                chrome: try await environment.chrome("Shared with me", context, path: "/shares"), isLead: viewer.role.isSafeguardingLead,
                isRecorder: viewer.role != .partner, received: received.facts.map(row), proposed: proposed.facts.map(row),
                emergencies: emergencies, approvals: approvals, laterReceived: receivedAfter != nil, laterProposed: proposedAfter != nil,
                olderReceived: received.next.map { "/shares?received_after=\($0.text)" },
                olderProposed: proposed.next.map { "/shares?proposed_after=\($0.text)" }))
    }

    /// How many shares a page of each list on "Shared with me" shows.
    static let listPageSize = 25

    /// The leads' queue of shares waiting for a decision: who each is about, to whom, why, and since when.
    func approvalsPage(_ context: ConfidantRequestContext) async throws -> Response {
        struct Row: Sendable {
            let id: String
            let about: String
            let recipient: String
            let reason: String
            let form: String
            let proposer: String
            let since: String
            let waited: String
        }
        struct View { let chrome: PageChrome; let rows: [Row] }
        let viewer = try context.signedInUser()
        let now = environment.clock()
        let waiting = try await environment.shares.awaitingApproval()
        let people = try await environment.records.people(Set(waiting.map(\.personID)))
        // The queue shows names and reasons: one logged read of every share and person on it.
        if !waiting.isEmpty {
            let targets = waiting.map { "share:\($0.id.uuidString.lowercased())" } + people.keys.map { "person:\($0.uuidString.lowercased())" }
            try await environment.records.logPageRead(targets, page: "page:approvals", by: viewer, now: now)
        }
        let names = try await environment.users.names()
        let rows = waiting.map { share in
            Row(
                id: share.id.uuidString, about: people[share.personID]?.details.name ?? "Unknown person", recipient: share.snapshot.recipient,
                reason: share.snapshot.reason, form: Self.label(share.snapshot.form), proposer: names[share.proposerID] ?? "unknown",
                since: Self.spoken(share.createdAt), waited: Self.waited(since: share.createdAt, now: now))
        }
        return environment.pages.page(
            .shareApprovals,
            View(chrome: try await environment.chrome("Shares waiting for a decision", context, path: "/shares/approvals"), rows: rows))
    }

    /// "3 days", "5 hours", "under an hour".
    static func waited(since date: Date, now: Date) -> String {
        let hours = Int(now.timeIntervalSince(date) / 3600)
        if hours >= 48 { return "\(hours / 24) days" }
        if hours >= 1 { return "\(hours) hour\(hours == 1 ? "" : "s")" }
        return "under an hour"
    }

    /// A lead approves or refuses a share that waits for one; each needs a reason, shown beside its field when missing.
    func decide(_ request: Request, _ context: ConfidantRequestContext, approving: Bool) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let now = environment.clock()
        let form = try await FormFields.read(request, context: context)
        guard try await environment.shares.facts(id) != nil else { throw WebError.notFound }
        let field = approving ? "approve-reason" : "refuse-reason"
        do {
            if approving {
                _ = try await environment.shares.approve(id, by: viewer.id, reason: form["reason"], now: now)
            } else {
                _ = try await environment.shares.refuse(id, reason: form["reason"], by: viewer.id, now: now)
            }
        } catch let problem as ShareDecisionProblem where problem != .notWaiting {
            return try await sharePage(
                context, errors: [FieldError(field: field, message: problem.message)], typedReason: form["reason"], status: .badRequest)
        }
        return .redirect(to: "/shares/\(id)")
    }

    /// The share's page; `typedReason` is the reason sent with a mistake, given back in the form it came from.
    func sharePage(
        _ context: ConfidantRequestContext, errors: [FieldError], typedReason: String = "", status: HTTPResponse.Status
    ) async throws -> Response {
        struct Decision: Sendable { let verb: String; let by: String; let at: String; let reason: String }
        struct View {
            let chrome: PageChrome
            let heading: String
            let id: String
            /// The id as the audit log writes it, for "who has seen this share".
            let idLower: String
            let concernID: String
            let awaiting: Bool
            let isLead: Bool
            let isOwner: Bool
            let canRevoke: Bool
            let revoked: Bool
            /// Nil when the organisation has not set its name, so the page never says "what  shared with you".
            let organisation: String?
            let recipient: String
            let purpose: String
            let reason: String
            let form: String
            let consent: String
            let consentBy: String?
            let lawfulBasis: String
            /// What the policy said when it was proposed; for an approved share, the lead's approval instead.
            let engineOutcome: String?
            let explanation: String?
            let clauses: [CitedClause]
            let obligations: [String]
            let breaksConfidence: Bool
            let discloserIncluded: Bool
            let proposer: String
            /// "Shared by" once it has left, "Proposed by" before.
            let proposerLabel: String
            let createdAt: String
            let decision: Decision?
            let expiresAt: String?
            let isRecipient: Bool
            let reconsider: Bool
            let correctionWaiting: Bool
            let canSendCorrection: Bool
            let sections: [SectionView]
            let tasks: [TaskRoutes.Row]
            /// For a partner contact: the address to send them, where they sign in or ask for a one-time code.
            let contactLink: String?
            let errors: [FieldError]
            let approveError: String?
            let refuseError: String?
            let approveReason: String
            let refuseReason: String
        }
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let now = environment.clock()
        guard let facts = try await environment.shares.facts(id) else { throw WebError.notFound }
        let (isOwner, isRecipient) = try await standing(of: facts, for: viewer)
        guard isOwner || (isRecipient && facts.isOpen(now: now)) else { throw WebError.notFound }
        guard let share = try await environment.shares.share(id, readBy: viewer, asRecipient: isRecipient, now: now) else {
            throw WebError.notFound
        }
        let names = try await environment.users.names()
        let snapshot = share.snapshot
        let decision: Decision? =
            if let approval = share.approval {
                Decision(verb: "Approved", by: names[approval.leadID] ?? "a safeguarding lead", at: Self.spoken(approval.at), reason: approval.reason)
            } else if share.wasApproved, let decidedAt = share.decidedAt {
                Decision(verb: "Approved", by: share.decidedBy.flatMap { names[$0] } ?? "a safeguarding lead", at: Self.spoken(decidedAt), reason: "")
            } else if share.status == .refused, let decidedAt = share.decidedAt {
                Decision(
                    verb: "Refused", by: share.decidedBy.flatMap { names[$0] } ?? "a safeguarding lead", at: Self.spoken(decidedAt),
                    reason: share.refusalReason ?? "")
            } else {
                nil
            }
        // A correction added after the share was sent, and not yet sent to the same recipient, is offered to the owner.
        let correctionWaiting = isOwner ? try await sharesMissingCorrection(ofConcern: share.concernID).contains { $0.id == share.id } : false
        let policy = try await environment.policies.currentPolicy()
        let tasks =
            isOwner ? try await TaskRoutes(environment: environment).rows(try await environment.shares.tasks(ofShare: share.id), viewer: viewer) : []
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? share.heading : "Error: \(share.heading)", context), heading: share.heading,
            id: share.id.uuidString, idLower: share.id.uuidString.lowercased(), concernID: share.concernID.uuidString,
            awaiting: share.status == .awaitingApproval,
            isLead: viewer.role.isSafeguardingLead, isOwner: isOwner,
            canRevoke: isOwner && share.status == .shared && share.revokedAt == nil, revoked: share.revokedAt != nil,
            organisation: environment.configuration.organisation.name.isEmpty ? nil : environment.configuration.organisation.name,
            recipient: snapshot.recipient, purpose: Self.label(snapshot.purpose),
            reason: snapshot.reason, form: Self.label(snapshot.form), consent: Self.label(snapshot.facts.consent),
            consentBy: snapshot.consentBy.isEmpty ? nil : snapshot.consentBy, lawfulBasis: Self.basis(of: share),
            engineOutcome: isOwner && !share.wasApproved ? Self.outcomeLabel(snapshot.outcome) : nil,
            explanation: isOwner && !share.wasApproved ? snapshot.explanation : nil,
            clauses: isOwner ? CitedClause.list(snapshot.reasons, policy: policy) : [],
            obligations: isOwner ? share.obligations.map(\.title) : [],
            breaksConfidence: share.approval?.breaksConfidence ?? snapshot.breaksConfidence,
            discloserIncluded: snapshot.discloserIncluded, proposer: names[share.proposerID] ?? "unknown",
            proposerLabel: share.status == .shared ? "Shared by" : "Proposed by", createdAt: Self.spoken(share.createdAt),
            decision: decision, expiresAt: share.expiresAt.map(Self.spoken), isRecipient: isRecipient,
            reconsider: isOwner && (share.status == .refused || share.status == .notShared), correctionWaiting: correctionWaiting,
            canSendCorrection: correctionWaiting && snapshot.answers != nil,
            sections: sectionViews(snapshot.sections, link: Self.fileLink(share: share.id)), tasks: tasks,
            contactLink: isOwner && share.recipientContactID != nil && share.status == .shared
                ? environment.configuration.link("/shares/\(share.id)/code") : nil,
            errors: errors, approveError: errors.first { $0.field == "approve-reason" }?.message,
            refuseError: errors.first { $0.field == "refuse-reason" }?.message,
            approveReason: errors.contains { $0.field == "approve-reason" } ? typedReason : "",
            refuseReason: errors.contains { $0.field == "refuse-reason" } ? typedReason : "")
        return environment.pages.page(.share, view, status: status)
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
    var household: Set<UUID>
    var purpose: SharePurpose?
    var form: ShareForm?
    var consent: Consent?
    var consentBy: String
    var risk: RiskLevel?
    /// Nil until answered: a child's competence is never assumed.
    var capacity: Bool?
    var flags: Set<String>
    var reason: String
    var includeDiscloser: Bool
    /// The files chosen, among those offered.
    var files: Set<UUID>

    /// The yes/no facts the engine needs, as checkbox names and the question each answers.
    static let flagNames: [(name: String, label: String)] = [
        ("need_to_know", "The colleague's work with this person needs it"),
        ("alleged_perpetrator", "The recipient, or anyone they would pass this to, is the person alleged to have caused harm"),
        ("risk_to_others", "Other people, especially children, are at risk"),
        ("serious_crime", "Sharing would help prevent or detect a serious crime"),
        ("legal_duty", "A court order or statutory duty requires it"),
        ("informing_increases_risk", "Telling the person would put them or someone else at greater risk"),
        ("informing_prejudices_investigation", "Telling the person would harm a police or statutory investigation"),
    ]

    /// A blank form: nothing about the person chosen (minimum necessary), corrections and the contact block on, the
    /// risk as recorded, and capacity presumed for an adult (Mental Capacity Act) but never for a child.
    static func blank(for record: ShareCase) -> ShareInput {
        ShareInput(
            action: .check, recipient: "", parts: SharePart.chosenByDefault, household: [], purpose: nil, form: nil, consent: nil,
            consentBy: "", risk: record.concern.risk, capacity: record.person.kind == .child ? nil : true, flags: [], reason: "",
            includeDiscloser: false, files: [])
    }

    init(
        action: ShareFormAction, recipient: String, parts: Set<SharePart>, household: Set<UUID>, purpose: SharePurpose?, form: ShareForm?,
        consent: Consent?, consentBy: String, risk: RiskLevel?, capacity: Bool?, flags: Set<String>, reason: String, includeDiscloser: Bool,
        files: Set<UUID>
    ) {
        self.action = action
        self.recipient = recipient
        self.parts = parts
        self.household = household
        self.purpose = purpose
        self.form = form
        self.consent = consent
        self.consentBy = consentBy
        self.risk = risk
        self.capacity = capacity
        self.flags = flags
        self.reason = reason
        self.includeDiscloser = includeDiscloser
        self.files = files
    }

    /// The longest "who gave or refused it": a name or two and their relationship, not an account of what happened.
    static let consentByLimit = 500

    /// Reads the form; household members are kept only when they are linked to the person, files only when offered.
    init(_ fields: FormFields, household links: [PersonLink], files offered: [Attachment]) {
        action = ShareFormAction(rawValue: fields["action"]) ?? .check
        recipient = fields["recipient"]
        parts = Set(fields.all("parts").compactMap(SharePart.init))
        let linked = Set(links.map(\.person.id))
        household = Set(fields.all("household").compactMap(UUID.init(uuidString:))).intersection(linked)
        purpose = SharePurpose(rawValue: fields["purpose"])
        form = ShareForm(rawValue: fields["form"])
        consent = Consent(rawValue: fields["consent"])
        consentBy = fields["consent_by"].trimmed
        risk = RiskLevel(rawValue: fields["risk"])
        capacity = fields["capacity"] == "yes" ? true : (fields["capacity"] == "no" ? false : nil)
        flags = Set(Self.flagNames.map(\.name).filter { fields["flag_\($0)"] == "yes" })
        reason = fields["reason"].trimmed
        includeDiscloser = fields["include_discloser"] == "yes"
        files = Set(fields.all("files").compactMap(UUID.init(uuidString:))).intersection(offered.map(\.id))
    }

    /// The answers, or each missing choice as an error beside its field.
    func answers(recipient: ShareRecipient?, person: Person) -> (ShareAnswers?, [FieldError]) {
        var errors: [FieldError] = []
        if recipient == nil { errors.append(FieldError(field: "recipient", message: "Choose who it would go to")) }
        // Files alone are something to send only in an identified share: a de-identified one would send nothing.
        if parts.isEmpty, files.isEmpty || form == .deidentified {
            errors.append(FieldError(field: "parts-subject", message: "Choose at least one part of the record to share"))
        }
        if purpose == nil { errors.append(FieldError(field: "purpose-safeguarding", message: "Choose why it would be shared")) }
        if form == nil { errors.append(FieldError(field: "form-deidentified", message: "Choose whether the person is named")) }
        if consent == nil { errors.append(FieldError(field: "consent-given", message: "Say whether consent was given")) }
        if capacity == nil {
            errors.append(
                FieldError(
                    field: "capacity-yes",
                    message: person.kind == .child
                        ? "Say whether \(person.details.name) is competent to decide (Gillick competence)"
                        : "Say whether \(person.details.name) can make this decision"))
        }
        if risk == nil { errors.append(FieldError(field: "risk-none", message: "Choose the risk as you assess it")) }
        if reason.isEmpty { errors.append(FieldError(field: "reason", message: "Say why it needs to be shared")) }
        if reason.count > ConcernNarrative.maximumFieldLength {
            errors.append(FieldError(field: "reason", message: "Keep the reason to \(FieldError.characters(ConcernNarrative.maximumFieldLength))"))
        }
        if consentBy.count > Self.consentByLimit {
            errors.append(
                FieldError(field: "consent_by", message: "Keep who gave or refused consent to \(FieldError.characters(Self.consentByLimit))"))
        }
        guard errors.isEmpty, let recipient, let purpose, let form, let consent, let risk, let capacity else { return (nil, errors) }
        return (
            ShareAnswers(
                recipient: recipient, purpose: purpose, form: form, consent: consent, consentBy: consentBy, risk: risk,
                subjectHasCapacity: capacity, recipientNeedToKnow: flags.contains("need_to_know"),
                recipientIsAllegedPerpetrator: flags.contains("alleged_perpetrator"), riskToOthers: flags.contains("risk_to_others"),
                seriousCrime: flags.contains("serious_crime"), legalDuty: flags.contains("legal_duty"),
                informingWouldIncreaseRisk: flags.contains("informing_increases_risk"),
                informingWouldPrejudiceInvestigation: flags.contains("informing_prejudices_investigation"), reason: reason, parts: parts,
                household: household, includeDiscloser: includeDiscloser, files: files), []
        )
    }
}
