import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Transferring a person's file to another organisation (KCSIE: within five school days, separately, securely, receipt
/// confirmed; docs/data-protection.md, "Transfer"). A lead chooses the receiving contact and the records; the engine
/// decides each record's share; the file leaves as a signed, encrypted bundle with its PDF, and the contact opens it
/// through an expiring link with a one-time code, downloads it and confirms receipt. Leads see what is waiting.
struct TransferRoutes: RouteRegistration {
    let environment: WebEnvironment

    func register(on routes: SecureRouter) {
        let leads = SubjectAccessRoutes.leads
        routes.get("/people/{id}/transfer", access: leads, returnsCaseContent: true) { request, context in
            if let redirect = environment.needsStepUp(context, returnTo: request.uri.string) { return redirect }
            let record = try await file(context)
            return try await formPage(context, file: record, input: Input(concerns: Set(record.cases.map(\.concern.id))), errors: [], status: .ok)
        }
        routes.post("/people/{id}/transfer", access: leads) { request, context in
            try await propose(request, context)
        }
        routes.get("/transfers", access: leads) { request, context in
            try await listPage(context, sent: request.uri.queryParameters["sent"] != nil)
        }
        // The receiving contact's pages: public, so they say nothing beyond what the link's holder already has.
        routes.get("/transfers/{id}/code", access: .everyone) { request, context in
            try await codePage(request, context, notice: nil, errors: [], status: .ok)
        }
        routes.post("/transfers/{id}/code", access: .everyone) { request, context in
            let (id, codeShare) = try await codeShare(context)
            let email = try await environment.shares.issueAccessCode(
                for: codeShare, link: environment.configuration.link("/transfers/\(id)/code"), from: context.clientAddress, now: environment.clock())
            context.logger.notice("Email queued in outbox", metadata: ["to": "\(email.recipient)", "subject": "\(email.subject)"])
            return try await codePage(
                request, context,
                notice: "We have emailed a code to the address we hold for you. It works once, for 15 minutes; codes sent earlier still work.",
                errors: [], status: .ok)
        }
        routes.post("/transfers/{id}/code/open", access: .everyone) { request, context in try await open(request, context) }
        routes.get("/transfers/{id}/file.pdf", access: .everyone) { request, context in
            let opened = try await holderOpens(request, context)
            return download(opened.archive.pdf, type: "application/pdf", name: "transferred-file.pdf")
        }
        routes.get("/transfers/{id}/bundle", access: .everyone) { request, context in
            let opened = try await holderOpens(request, context)
            return download(opened.bundle, type: "application/json", name: "transfer-\(opened.transfer.id.uuidString.lowercased()).confidant")
        }
        routes.post("/transfers/{id}/confirm", access: .everyone) { request, context in
            let opened = try await holderOpens(request, context)
            let form = try await FormFields.read(request, context: context)
            do {
                _ = try await environment.transfers.confirmReceipt(opened.transfer.id, by: form["name"].trimmed, now: environment.clock())
            } catch RecordError.invalidRequest(let why) {
                return try await openedPage(request, context, opened, errors: [FieldError(field: "name", message: why)], status: .badRequest)
            }
            return .redirect(to: "/transfers/\(opened.transfer.id)/code?confirmed=1")
        }
        // A receiving Confidant's import confirms receipt itself, with the token the bundle carries (no account, no
        // cookie: the token is the proof). Answers JSON.
        routes.post("/transfers/{id}/receipt", access: .everyone) { request, context in
            let id = try context.uuidParameter()
            let form = try await FormFields.read(request, context: context)
            let token = form["token"]
            guard !token.isEmpty, token.count <= 200 else { throw WebError.badRequest("Send the receipt token the bundle holds.") }
            do {
                _ = try await environment.transfers.confirmReceipt(id, token: token, by: form["by"], now: environment.clock())
            } catch RecordError.invalidRequest(let why) {
                throw WebError.badRequest(why)
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"confirmed":true}"#)))
        }
    }

    // MARK: The lead's form

    /// The person's file as a transfer draws on it: the person (their read logged) and each submitted concern.
    struct File: Sendable {
        let person: Person
        let cases: [ShareCase]
    }

    /// The person in the path and their submitted concerns, each read as a share reads it (logged).
    func file(_ context: ConfidantRequestContext) async throws -> File {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        guard let person = try await environment.records.person(id, readBy: viewer, now: environment.clock()) else { throw WebError.notFound }
        var cases: [ShareCase] = []
        let shares = ShareRoutes(environment: environment)
        for concern in try await environment.records.concerns(about: id, includeDraftsBy: nil) where concern.status == .submitted {
            cases.append(try await shares.shareableCase(context, concernID: concern.id))
        }
        return File(
            person: person,
            cases: cases.sorted { ($0.concern.submittedAt ?? $0.concern.createdAt) < ($1.concern.submittedAt ?? $1.concern.createdAt) })
    }

    /// What the form was sent with.
    struct Input: Sendable {
        var recipient = ""
        var concerns: Set<UUID> = []
        var reason = ""
        var statutory = false
        var consent: Consent? = nil
        var consentBy = ""
        var capacity: Bool? = nil
        var increaseRisk = false
        var prejudice = false
        var action = "check"
        /// A receiving organisation not yet in the register, and its named contact.
        var newOrganisation = ""
        var newType = AgencyType.education
        var newContactName = ""
        var newContactEmail = ""

        var namesNewOrganisation: Bool { !(newOrganisation + newContactName + newContactEmail).isEmpty }

        init(concerns: Set<UUID>) { self.concerns = concerns }

        init(_ form: FormFields) {
            recipient = form["recipient"]
            concerns = Set(form.all("concern").compactMap(UUID.init(uuidString:)))
            reason = form["reason"]
            statutory = form["statutory"] == "yes"
            consent = Consent(rawValue: form["consent"])
            consentBy = form["consent_by"].trimmed
            capacity = form["capacity"] == "yes" ? true : form["capacity"] == "no" ? false : nil
            increaseRisk = form["increase_risk"] == "yes"
            prejudice = form["prejudice"] == "yes"
            action = form["action"] == "send" ? "send" : "check"
            newOrganisation = form["new_organisation"].trimmed
            newType = AgencyType(rawValue: form["new_type"]) ?? .education
            newContactName = form["new_contact_name"].trimmed
            newContactEmail = form["new_contact_email"].trimmed
        }
    }

    /// The partner contacts a file may go to, as the share form offers them.
    func recipients(for viewer: UserAccount) async throws -> [ShareRecipient] {
        try await ShareRoutes(environment: environment).recipients(excluding: viewer).filter { $0.kind == .partnerAgency }
    }

    func propose(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        // A whole file leaves: a fresh second factor first, as for an export. The lead comes back to the form.
        if let redirect = environment.needsStepUp(context, returnTo: "/people/\(id)/transfer") { return redirect }
        let input = Input(try await FormFields.read(request, context: context))
        let record = try await file(context)
        var recipient = try await recipients(for: viewer).first { ShareRoutes.choice($0) == input.recipient }
        var newProblems: [FieldError] = []
        if input.namesNewOrganisation {
            newProblems = Self.newOrganisationProblems(input, alsoChose: recipient != nil)
            // Until it is sent the new organisation is not in the register: the engine weighs a contact of it all the same.
            if newProblems.isEmpty {
                recipient = ShareRecipient(
                    kind: .partnerAgency, label: "\(input.newContactName), \(input.newOrganisation) (\(input.newType.label))", contactID: UUID())
            }
        }
        let answers = TransferAnswers(
            recipient: recipient, concerns: input.concerns, reason: input.reason, statutoryTransfer: input.statutory,
            consent: input.consent ?? .notSought, consentBy: input.consentBy, subjectHasCapacity: input.capacity ?? false,
            informingWouldIncreaseRisk: input.increaseRisk, informingWouldPrejudiceInvestigation: input.prejudice)
        var errors = answers.problems(among: record.cases).map { FieldError(field: $0.field, message: $0.message) }
        if !newProblems.isEmpty { errors.removeAll { $0.field == "recipient" } }
        errors.insert(contentsOf: newProblems, at: 0)
        if input.consent == nil {
            errors.append(FieldError(field: "consent", message: "Say whether the person's consent was given, refused or not sought"))
        }
        if input.capacity == nil { errors.append(FieldError(field: "capacity", message: "Say whether they can make this decision themselves")) }
        guard errors.isEmpty, let recipient else {
            return try await formPage(context, file: record, input: input, errors: errors, status: .badRequest)
        }
        let proposal = TransferProposal.make(
            personID: record.person.id, cases: record.cases, answers: answers, recipient: recipient, proposer: viewer,
            organisation: try await environment.organisationContact(), now: environment.clock())
        guard input.action == "send" else { return try await formPage(context, file: record, input: input, check: proposal, errors: [], status: .ok) }
        guard proposal.canSend else {
            let refusal = FieldError(
                field: "concerns", message: "The policy does not allow every chosen record to be sent: see the decision for each below")
            return try await formPage(context, file: record, input: input, check: proposal, errors: [refusal], status: .conflict)
        }
        guard let signer = environment.transferSigner else {
            throw WebError.conflict("This server has no signing key, so it cannot sign a transfer: run it with `confidant serve`.")
        }
        let sending = try await registered(proposal, cases: record.cases, input: input, by: viewer, recipient: recipient)
        let file = try await environment.transfers.file(
            for: sending, sender: organisationName, receiptURL: environment.configuration.link("/transfers/\(sending.id)/receipt"))
        let html = environment.pages.render(.transferPrint, PrintView(file, css: printStyle, index: TransferArchive(file: file, pdf: Data()).index))
        let pdf = try await ChromiumPrinter().pdfOrConflict(of: html, filename: "transferred-file.pdf", context: context)
        let sent = try await environment.transfers.send(
            sending, file: file, pdf: pdf, signer: signer, link: environment.configuration.link("/transfers/\(sending.id)/code"))
        return .redirect(to: "/transfers?sent=\(sent.transfer.id)")
    }

    /// What is wrong with a new organisation and its contact as the form names them.
    static func newOrganisationProblems(_ input: Input, alsoChose: Bool) -> [FieldError] {
        if alsoChose {
            return [FieldError(field: "recipient", message: "Choose a contact from the register, or name a new organisation: not both")]
        }
        var errors: [FieldError] = []
        if input.newOrganisation.isEmpty { errors.append(FieldError(field: "new_organisation", message: "Enter the organisation's name")) }
        if input.newOrganisation.exceedsLimit(200) {
            errors.append(FieldError(field: "new_organisation", message: "Keep the name to 200 characters"))
        }
        let email = AgencyContact.normalised(input.newContactEmail)
        errors += AgencyRoutes.contactProblems(name: input.newContactName, email: email).map {
            FieldError(field: "new_contact_\($0.field)", message: $0.message)
        }
        return errors
    }

    /// The proposal to a new organisation once it is in the register: the organisation and its contact are added
    /// (a transfer needs no data-sharing agreement, so the register says so) and the same decisions go to the contact.
    func registered(
        _ proposal: TransferProposal, cases: [ShareCase], input: Input, by lead: UserAccount, recipient: ShareRecipient
    ) async throws -> TransferProposal {
        guard input.namesNewOrganisation, input.recipient.isEmpty else { return proposal }
        let now = environment.clock()
        let agency = try await environment.shares.createAgency(
            PartnerAgency(
                id: UUID(), name: input.newOrganisation, type: input.newType,
                agreementReference: "None: added to receive a transferred file",
                agreementReviewDate: CalendarDay(containing: now).adding(years: 1).iso),
            by: lead.id, now: now)
        let contact = try await environment.shares.addContact(
            to: agency.id, name: input.newContactName, email: AgencyContact.normalised(input.newContactEmail), by: lead.id, now: now)
        let answers = TransferAnswers(
            recipient: ShareRecipient(kind: .partnerAgency, label: recipient.label, contactID: contact.id), concerns: input.concerns,
            reason: input.reason, statutoryTransfer: input.statutory, consent: input.consent ?? .notSought, consentBy: input.consentBy,
            subjectHasCapacity: input.capacity ?? false, informingWouldIncreaseRisk: input.increaseRisk,
            informingWouldPrejudiceInvestigation: input.prejudice)
        return TransferProposal.make(
            id: proposal.id, personID: proposal.personID, cases: cases, answers: answers,
            recipient: ShareRecipient(kind: .partnerAgency, label: recipient.label, contactID: contact.id), proposer: lead,
            organisation: try await environment.organisationContact(), now: proposal.at)
    }

    var organisationName: String {
        let name = environment.configuration.organisation.name
        return name.isEmpty ? "A safeguarding organisation" : name
    }

    var printStyle: String { (try? String(contentsOfFile: environment.publicDirectory + "/chronology-print.css", encoding: .utf8)) ?? "" }

    /// One chosen record's decision, as the form shows it after "Check with the policy".
    struct Decided: Sendable {
        let record: String
        let check: ShareRoutes.Check
    }

    func formPage(
        _ context: ConfidantRequestContext, file: File, input: Input, check: TransferProposal? = nil, errors: [FieldError],
        status: HTTPResponse.Status
    ) async throws -> Response {
        struct Row: Sendable { let id: String; let receiver: String; let state: String; let sent: String }
        struct View {
            let chrome: PageChrome
            let personID: String
            let personName: String
            let recipients: [Option]
            let concerns: [Option]
            let reason: String
            let statutory: Bool
            let consents: [Option]
            let consentBy: String
            let capacityQuestion: String
            let capacity: [Option]
            let increaseRisk: Bool
            let prejudice: Bool
            let newOrganisation: String
            let newTypes: [Option]
            let newContactName: String
            let newContactEmail: String
            let checked: Bool
            let canSend: Bool
            let breaksConfidence: Bool
            let decisions: [Decided]
            let earlier: [Row]
            let workingDays: Int
            let errors: [FieldError]
            let errorFor: [String: String]
        }
        let policy = try await environment.policies.currentPolicy()
        let now = environment.clock()
        let decisions = (check?.shares ?? []).map { share in
            let record = file.cases.first { $0.concern.id == share.concernID }
            return Decided(
                record: record.map(Self.recordLabel) ?? "A record",
                check: ShareRoutes.Check(proposal: share, policy: policy, sections: [], withheld: []))
        }
        let name = file.person.details.name
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Transfer a file" : "Error: Transfer a file", context),
            personID: file.person.id.uuidString, personName: name,
            recipients: try await recipients(for: try context.signedInUser()).map {
                Option(value: ShareRoutes.choice($0), label: $0.label, checked: ShareRoutes.choice($0) == input.recipient)
            },
            concerns: file.cases.map {
                Option(value: $0.concern.id.uuidString, label: Self.recordLabel($0), checked: input.concerns.contains($0.concern.id))
            },
            reason: input.reason, statutory: input.statutory,
            consents: Consent.allCases.map { Option(value: $0.rawValue, label: ShareRoutes.label($0), checked: $0 == input.consent) },
            consentBy: input.consentBy,
            capacityQuestion: file.person.kind == .child
                ? "Is \(name) competent to decide about this transfer themselves?" : "Can \(name) decide about this transfer themselves?",
            capacity: [
                Option(value: "yes", label: "Yes", checked: input.capacity == true),
                Option(value: "no", label: "No", checked: input.capacity == false),
            ],
            increaseRisk: input.increaseRisk, prejudice: input.prejudice, newOrganisation: input.newOrganisation,
            newTypes: AgencyType.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0 == input.newType) },
            newContactName: input.newContactName, newContactEmail: input.newContactEmail, checked: check != nil, canSend: check?.canSend ?? false,
            breaksConfidence: check?.breaksConfidence ?? false, decisions: decisions,
            earlier: try await environment.transfers.transfers(of: file.person.id).map {
                Row(id: $0.id.uuidString, receiver: $0.receiver, state: $0.progress.state(now: now).label, sent: ShareRoutes.spoken($0.createdAt))
            },
            workingDays: environment.configuration.transferWorkingDays, errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.transferForm, view, status: status)
    }

    /// A record as the form lists it: "Concern of 3 March 2026 (neglect, emotional abuse), by Sam Staff".
    static func recordLabel(_ record: ShareCase) -> String {
        let concern = record.concern
        let categories = concern.categories.map(\.label).joined(separator: ", ").lowercased()
        let day = CalendarDay(containing: concern.submittedAt ?? concern.createdAt).spelledOut
        return categories.isEmpty ? "Concern of \(day)" : "Concern of \(day) (\(categories))"
    }

    // MARK: The leads' list

    func listPage(_ context: ConfidantRequestContext, sent: Bool) async throws -> Response {
        struct Row: Sendable {
            let id: String
            let personID: String
            let pseudonym: String
            let receiver: String
            let sent: String
            let due: String
            let state: String
            let overdue: Bool
            let opened: String?
            let receipt: String?
            let reminders: Int
        }
        struct View {
            let chrome: PageChrome
            let sent: Bool
            let rows: [Row]
            let workingDays: Int
        }
        let now = environment.clock()
        let rows = try await environment.transfers.sent().map { transfer in
            let state = transfer.progress.state(now: now)
            return Row(
                id: transfer.id.uuidString, personID: transfer.personID.uuidString,
                pseudonym: transfer.personKind.pseudonym(for: transfer.personID), receiver: transfer.receiver,
                sent: ShareRoutes.spoken(transfer.createdAt), due: CalendarDay(containing: transfer.progress.dueAt).spelledOut, state: state.label,
                overdue: state == .overdue, opened: transfer.progress.openedAt.map(ShareRoutes.spoken),
                receipt: transfer.receiptAt.map { "\(ShareRoutes.spoken($0)) by \(transfer.receiptBy ?? "the receiver")" },
                reminders: transfer.reminders)
        }
        let view = View(
            chrome: try await environment.chrome("Transfers", context, path: "/transfers"), sent: sent,
            rows: rows, workingDays: environment.configuration.transferWorkingDays)
        return environment.pages.page(.transfers, view)
    }

    // MARK: The receiving contact

    /// The transfer in the path and the share its codes are kept against.
    func codeShare(_ context: ConfidantRequestContext) async throws -> (UUID, UUID) {
        let id = try context.uuidParameter()
        guard let share = try await environment.transfers.codeShare(of: id) else { throw WebError.notFound }
        return (id, share)
    }

    func codePage(
        _ request: Request, _ context: ConfidantRequestContext, notice: String?, errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        let (id, _) = try await codeShare(context)
        // A contact who opened it with a code in this browser (its pass), or signed in with a partner account of the
        // contact's email, reads it without another code.
        if let opened = try await holderOpensIfAble(request, context, id: id) {
            return try await openedPage(request, context, opened, errors: [], status: .ok)
        }
        let token = FormToken(request: request, secure: environment.configuration.secureCookies)
        let confirmed = request.uri.queryParameters["confirmed"] != nil
        let view = CodeView(
            chrome: PageChrome(title: errors.isEmpty ? "A file transferred to you" : "Error: A file transferred to you", context: context),
            id: id.uuidString, organisation: organisationName, formToken: token.value,
            notice: notice ?? (confirmed ? "Thank you: the sender now sees that you received the file." : nil), opened: nil, errors: errors,
            errorFor: FieldError.byField(errors))
        var response = environment.pages.page(.transferCode, view, status: status)
        token.apply(to: &response)
        return response
    }

    func open(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let (id, codeShare) = try await codeShare(context)
        let form = try await FormFields.read(request, context: context)
        let code = form["code"].trimmed
        guard code.count <= 20, !code.isEmpty else {
            return try await codePage(
                request, context, notice: nil, errors: [FieldError(field: "code", message: "Enter the 8-digit code from the email")],
                status: .badRequest)
        }
        let pass: OpenedShare
        do {
            pass = try await environment.shares.openWithAccessCode(codeShare, code: code, from: context.clientAddress, now: environment.clock())
        } catch ShareCodeError.invalidCode {
            return try await codePage(
                request, context, notice: nil,
                errors: [FieldError(field: "code", message: "This code is not right, has been used, or has expired. Ask for a new one")],
                status: .badRequest)
        }
        // The pass opens this transfer's page, downloads and receipt from this browser, for an hour; it goes nowhere
        // else. The page itself is a GET, so reading it again (or at another width) does not send the code again.
        var response = Response.redirect(to: "/transfers/\(id)/code")
        response.setCookie(
            Cookie(
                name: ShareRoutes.passCookie, value: pass.pass, maxAge: Int(ShareStore.passLifetime), path: "/transfers/\(id)",
                secure: environment.configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    typealias Opened = (transfer: TransferStore.SentTransfer, archive: TransferArchive, bundle: Data, key: String)

    /// The transfer opened by whoever holds it: the pass its code gave this browser, or a signed-in partner account of
    /// the contact's email. Each opening is logged.
    func holderOpens(_ request: Request, _ context: ConfidantRequestContext) async throws -> Opened {
        let (id, _) = try await codeShare(context)
        guard let opened = try await holderOpensIfAble(request, context, id: id) else { throw WebError.notFound }
        return opened
    }

    func holderOpensIfAble(_ request: Request, _ context: ConfidantRequestContext, id: UUID) async throws -> Opened? {
        if let opened = try await signedInContactOpens(context, id: id) { return opened }
        guard let pass = request.cookies[ShareRoutes.passCookie]?.value, let codeShare = try await environment.transfers.codeShare(of: id),
            let contact = try await environment.shares.contactHolding(pass: pass, for: codeShare, now: environment.clock())
        else { return nil }
        return try await environment.transfers.opened(id, by: contact, now: environment.clock())
    }

    func signedInContactOpens(_ context: ConfidantRequestContext, id: UUID) async throws -> Opened? {
        guard let user = context.user, user.role == .partner, context.session?.stage == .signedIn,
            let transfer = try await environment.transfers.transfer(id), let contactID = transfer.contactID,
            try await environment.shares.contacts(email: user.email).contains(where: { $0.id == contactID }),
            let expires = transfer.expiresAt, environment.clock() < expires
        else { return nil }
        return try await environment.transfers.opened(id, by: contactID, now: environment.clock())
    }

    struct CodeView {
        let chrome: PageChrome
        let id: String
        let organisation: String
        let formToken: String
        let notice: String?
        let opened: OpenedView?
        let errors: [FieldError]
        let errorFor: [String: String]
    }

    struct OpenedView: Sendable {
        let facts: [ShareField]
        let key: String
        let verifierKey: String
        let confirmed: String?
        let name: String
        let file: PrintView
    }

    func openedPage(
        _ request: Request, _ context: ConfidantRequestContext, _ opened: Opened, errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        let file = opened.archive.file
        let transfer = opened.transfer
        var facts = [
            ShareField("From", file.sender), ShareField("To", file.receiver), ShareField("Sent", ShareRoutes.spoken(transfer.createdAt)),
            ShareField("Please confirm receipt by", CalendarDay(containing: transfer.progress.dueAt).spelledOut),
        ]
        if let expires = transfer.expiresAt { facts.append(ShareField("This link works until", ShareRoutes.spoken(expires))) }
        let view = CodeView(
            chrome: PageChrome(title: errors.isEmpty ? "A file transferred to you" : "Error: A file transferred to you", context: context),
            id: transfer.id.uuidString, organisation: file.sender, formToken: context.session?.csrfToken ?? "", notice: nil,
            opened: OpenedView(
                facts: facts, key: opened.key, verifierKey: environment.transferSigner?.verifierKey.text ?? "",
                confirmed: transfer.receiptAt.map { "Receipt confirmed on \(ShareRoutes.spoken($0)) by \(transfer.receiptBy ?? "you")." }, name: "",
                file: PrintView(file, css: nil, index: opened.archive.index)),
            errors: errors, errorFor: FieldError.byField(errors))
        // The confirm form carries the page's own double-submit token when nobody is signed in.
        guard context.session == nil else { return environment.pages.page(.transferCode, view, status: status) }
        let token = FormToken(request: request, secure: environment.configuration.secureCookies)
        let withToken = CodeView(
            chrome: view.chrome, id: view.id, organisation: view.organisation, formToken: token.value, notice: nil, opened: view.opened,
            errors: errors,
            errorFor: view.errorFor)
        var response = environment.pages.page(.transferCode, withToken, status: status)
        token.apply(to: &response)
        return response
    }

    func download(_ data: Data, type: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: The file as it is read and printed

    /// A transferred file as its PDF and its link's page show it: the person, an index, then each record whole.
    struct PrintView: Sendable {
        struct Entry: Sendable { let heading: String; let fields: [ShareField]; let addenda: [ShareField]; let decisions: [ShareField] }
        struct IndexLine: Sendable { let day: String; let author: String; let categories: String; let counts: String; let proof: String }
        let title: String
        let sender: String
        let receiver: String
        let sent: String
        let person: [ShareField]
        let index: [IndexLine]
        let entries: [Entry]
        let css: String?

        init(_ file: TransferFile, css: String?, index: [TransferIndexEntry]) {
            let details = file.person.details
            title = "Safeguarding file of \(details.name)"
            sender = file.sender
            receiver = file.receiver
            sent = ShareRoutes.spoken(file.createdAt)
            person = [
                ShareField("Name", details.name), ShareField("Known as", details.knownAs),
                ShareField("Date of birth", CalendarDay(details.dateOfBirth)?.spelledOut ?? details.dateOfBirth),
                ShareField("Address", details.address), ShareField("School or club", details.schoolOrClub), ShareField("Contact", details.contact),
                ShareField("Identifiers", details.identifiers),
            ].filter { !$0.value.isEmpty }
            self.index = index.map {
                IndexLine(
                    day: ShareRoutes.spoken($0.submittedAt), author: $0.authorName, categories: $0.categories.map(\.label).joined(separator: ", "),
                    counts: "\($0.addenda) addenda, \($0.decisions) decisions",
                    proof: $0.auditSequence.map { "Event \($0) of the sender's audit log" } ?? "No audit proof")
            }
            entries = file.concerns.map { concern in
                let narrative = concern.narrative
                let fields = [
                    ShareField("Written by", "\(concern.authorName), submitted \(ShareRoutes.spoken(concern.submittedAt))"),
                    ShareField("Conversation", concern.conversationAt.map(ShareRoutes.spoken) ?? ""),
                    ShareField("Categories", concern.categories.map(\.label).joined(separator: ", ")),
                    ShareField("Risk", concern.risk?.label ?? ""), ShareField("Where", narrative.place),
                    ShareField("Who raised it", narrative.thirdParty), ShareField("What the person said", narrative.account),
                    ShareField("What staff saw or heard", narrative.observations), ShareField("Staff opinion", narrative.opinion),
                    ShareField("How the limits of confidentiality were explained", narrative.limitsHow),
                    ShareField("Actions taken", narrative.actionsTaken), ShareField("The person's wishes", narrative.wishes),
                    ShareField("Why their wishes were not asked", narrative.wishesNotAsked),
                ].filter { !$0.value.isEmpty }
                return Entry(
                    heading: "Concern of \(CalendarDay(containing: concern.submittedAt).spelledOut)", fields: fields,
                    addenda: concern.addenda.map { ShareField("\($0.authorName), \(ShareRoutes.spoken($0.at))", $0.text) },
                    decisions: concern.decisions.map {
                        ShareField("\($0.deciderName), \(ShareRoutes.spoken($0.at))", "\($0.outcome.label): \($0.reason)")
                    })
            }
            self.css = css
        }
    }
}
