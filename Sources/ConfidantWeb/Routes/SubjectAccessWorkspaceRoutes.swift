import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// A subject access request's workspace and response (docs/data-protection.md): everything held about the person
/// gathered item by item, other people's details proposed for withholding with the reason for each, the lead's own
/// decisions span by span, and the response released once, as a PDF and a plain-text copy with a cover letter.
struct SubjectAccessWorkspaceRoutes: RouteRegistration {
    let environment: WebEnvironment

    func register(on routes: SecureRouter) {
        let leads = SubjectAccessRoutes.leads
        routes.get("/subject-access/{id}/workspace", access: leads, returnsCaseContent: true) { _, context in
            try await workspacePage(context, errors: [], status: .ok)
        }
        routes.post("/subject-access/{id}/workspace", access: leads) { request, context in
            try await changeWorkspace(request, context, part: "redactions") { file, form, workspace, _, _ in
                .success(Self.decided(file, form: form, workspace: workspace))
            }
        }
        routes.post("/subject-access/{id}/workspace/add", access: leads) { request, context in
            try await changeWorkspace(request, context, part: "redaction_added") { file, form, workspace, _, _ in
                guard let index = file.pieces.firstIndex(where: { $0.id == form["piece"] }) else {
                    return .failure(FormProblems([RecordFieldError(field: "piece", message: "Choose an item of the file")]))
                }
                return workspace.adding(words: form["words"], reason: form["reason"], in: file.pieces[index], field: "words-\(index)")
            }
        }
        routes.post("/subject-access/{id}/workspace/exemption", access: leads) { request, context in
            try await changeWorkspace(request, context, part: "child_abuse_data") { file, form, workspace, user, now in
                Self.exemption(file, form: form, workspace: workspace, by: user, now: now)
            }
        }
        routes.post("/subject-access/{id}/release", access: leads) { request, context in try await release(request, context) }
        routes.get("/subject-access/{id}/response.txt", access: leads, returnsCaseContent: true) { request, context in
            if let redirect = environment.needsStepUp(context, returnTo: request.uri.string) { return redirect }
            let response = try await releasedResponse(context, format: "text")
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/plain; charset=utf-8", .contentDisposition: "attachment; filename=\"subject-access-response.txt\"",
                    .cacheControl: "no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(string: response.plainText)))
        }
        routes.get("/subject-access/{id}/response.pdf", access: leads, returnsCaseContent: true) { request, context in
            if let redirect = environment.needsStepUp(context, returnTo: request.uri.string) { return redirect }
            let response = try await releasedResponse(context, format: "pdf")
            let css = (try? String(contentsOfFile: environment.publicDirectory + "/chronology-print.css", encoding: .utf8)) ?? ""
            let html = environment.pages.render(.subjectAccessPrint, PrintView(response, css: css))
            return try await ChromiumPrinter().pdfResponse(of: html, filename: "subject-access-response.pdf", context: context)
        }
    }

    // MARK: What is held

    /// Everything held about the request's person, as the workspace and the response show it, with what the proposer
    /// suggests withholding from each item and the records read to make it (for the audit event).
    struct HeldFile: Sendable {
        let request: SubjectAccessRequest
        let person: Person
        let pieces: [SubjectAccessPiece]
        let proposed: [[WithheldSpan]]
        /// Items withheld whole unless a lead releases them: who told us, when it was not the person (a description
        /// such as "her swimming coach" names nobody the redactor can find, yet identifies them).
        let defaults: [String: WithholdingReason]
        let records: [String]

        /// Whether the child-abuse-data exemption can apply: a parent asking about a child.
        var exemptionApplies: Bool { request.details.requester == .parent && person.kind == .child }

        /// A digest of the items as shown: a form sent from a page showing other items (a concern submitted or a file
        /// added meanwhile) is refused rather than applied to items its reader never saw.
        var digest: String { SubjectAccessPiece.digest(of: pieces) }

        func proposed(_ piece: SubjectAccessPiece) -> [WithheldSpan] {
            pieces.firstIndex { $0.id == piece.id }.map { proposed[$0] } ?? []
        }
    }

    func held(_ request: SubjectAccessRequest) async throws -> HeldFile {
        guard let person = try await environment.records.people([request.personID])[request.personID] else { throw WebError.notFound }
        let names = try await environment.users.names()
        let links = try await environment.records.links(of: person.id)
        var pieces: [SubjectAccessPiece] = []
        // Everyone whose name the page shows is read with it: the person, and those linked to them.
        var records = ["person:\(Self.id(person.id))"] + links.map { "person:\(Self.id($0.person.id))" }
        var defaults: [String: WithholdingReason] = [:]
        var sources: [String] = []
        func add(_ id: String, _ heading: String, _ text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return }
            pieces.append(SubjectAccessPiece(id: id, heading: heading, text: trimmed))
        }
        let details = person.details
        add(
            "person:\(Self.id(person.id)):details", "Their details as recorded",
            [
                ("Name", details.name), ("Known as", details.knownAs), ("Date of birth", details.dateOfBirth), ("Address", details.address),
                ("School, college or club", details.schoolOrClub), ("Group", details.group), ("Contact", details.contact),
                ("Identifiers", details.identifiers),
            ]
            .filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }.map { "\($0.0): \($0.1)" }.joined(separator: "\n"))
        add(
            "person:\(Self.id(person.id)):links", "People recorded as linked to them",
            links.map { "\($0.relationship.label): \($0.person.details.name)" }.joined(separator: "\n"))
        for attachment in try await environment.attachments.attachments(of: .person(person.id)) {
            add("attachment:\(Self.id(attachment.id))", "A file kept on their record", Self.describe(attachment))
        }
        let concerns = try await environment.records.concerns(about: person.id, includeDraftsBy: nil).filter { $0.status == .submitted }
            .sorted { ($0.conversationAt ?? $0.createdAt) < ($1.conversationAt ?? $1.createdAt) }
        let marks = try await environment.bodyMarks.marks(about: person.id, onConcerns: Set(concerns.map(\.id)))
        for concern in concerns {
            let key = "concern:\(Self.id(concern.id))"
            records.append(key)
            let day = CalendarDay(containing: concern.conversationAt ?? concern.createdAt).spelledOut
            let heading = "Concern of \(day)"
            if concern.disclosedBy == .thirdParty {
                sources.append(concern.narrative.thirdParty)
                defaults["\(key):third_party"] = .source
            }
            add(
                "\(key):facts", heading,
                [
                    "Recorded by \(names[concern.authorID] ?? "a member of staff")", concern.disclosedBy.map { "How it came to us: \($0.label)" },
                    concern.categories.isEmpty ? nil : "About: \(concern.categories.map(\.label).joined(separator: ", "))",
                    concern.risk.map { "Risk: \($0.label)" },
                ]
                .compactMap { $0 }.joined(separator: "\n"))
            let narrative = concern.narrative
            for (field, label, text) in [
                ("place", "where it was said", narrative.place), ("third_party", "who told us", narrative.thirdParty),
                ("account", "what was said", narrative.account), ("observations", "what was seen", narrative.observations),
                ("opinion", "the worker's view", narrative.opinion),
                ("limits", "how the limits of confidentiality were explained", narrative.limitsHow),
                ("actions", "what was done", narrative.actionsTaken), ("wishes", "what they wanted to happen", narrative.wishes),
                ("wishes_not_asked", "why their wishes were not asked", narrative.wishesNotAsked),
            ] {
                add("\(key):\(field)", "\(heading): \(label)", text)
            }
            for mark in marks where mark.concernID == concern.id {
                add(
                    "body-mark:\(Self.id(mark.id))", "\(heading): a mark on the body map",
                    [
                        "\(mark.kind.label), \(mark.region.name.lowercased())", "seen on \(mark.seenOn.spelledOut)", mark.size, mark.colour,
                        mark.note,
                    ]
                    .filter { !$0.isEmpty }.joined(separator: "; "))
            }
            for attachment in try await environment.attachments.attachments(of: .concern(concern.id)) {
                add("attachment:\(Self.id(attachment.id))", "\(heading): a file", Self.describe(attachment))
            }
            for addendum in try await environment.records.addenda(of: concern.id) {
                add(
                    "addendum:\(Self.id(addendum.id))",
                    "\(heading): added on \(CalendarDay(containing: addendum.createdAt).spelledOut) by \(names[addendum.authorID] ?? "a member of staff")",
                    addendum.text)
            }
            for decision in try await environment.records.decisions(on: concern.id) {
                add(
                    "decision:\(Self.id(decision.id))",
                    "\(heading): decided on \(CalendarDay(containing: decision.decidedAt).spelledOut): \(decision.outcome.label)", decision.reason)
            }
            if let closure = try await environment.records.closure(of: concern.id) {
                add(
                    "closure:\(Self.id(closure.id))", "\(heading): closed on \(CalendarDay(containing: closure.closedAt).spelledOut)",
                    ["Outcome: \(closure.achieved.label)", closure.personView.isEmpty ? "" : "Their own view: \(closure.personView)"]
                        .filter { !$0.isEmpty }.joined(separator: "\n"))
            }
            for share in try await environment.shares.shares(ofConcern: concern.id) where share.status == .shared {
                records.append("share:\(Self.id(share.id))")
                add(
                    "share:\(Self.id(share.id))", "\(heading): shared on \(CalendarDay(containing: share.createdAt).spelledOut)",
                    "Sent to \(share.snapshot.recipient) (\(ShareRoutes.label(share.snapshot.form).lowercased())): "
                        + share.snapshot.sections.map(\.heading).joined(separator: ", ") + ".")
                for task in try await environment.shares.tasks(ofShare: share.id) {
                    add(
                        "task:\(Self.id(task.id))", "\(heading): \(task.kind.label.lowercased())",
                        task.completedAt.map {
                            "Done on \(CalendarDay(containing: $0).spelledOut)\(task.method.map { " (\($0.label.lowercased()))" } ?? "")"
                        }
                            ?? "Due by \(CalendarDay(containing: task.dueAt).spelledOut)")
                }
            }
        }
        let proposer = SubjectAccessProposer(
            subject: person.knownPerson,
            // Their contact details and school are left out: a contact line often names a parent and their number.
            own: [details.dateOfBirth, details.address, details.identifiers],
            others: Array(ShareCase.knownPeople(of: person, household: links).dropFirst()),
            staff: Array(names.values), sources: sources.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })
        return HeldFile(
            request: request, person: person, pieces: pieces, proposed: pieces.map(proposer.propose), defaults: defaults, records: records)
    }

    static func describe(_ attachment: ConfidantCore.Attachment) -> String {
        [
            attachment.caption,
            "File \"\(attachment.name)\" (\(attachment.kind.label), added on \(CalendarDay(containing: attachment.addedAt).spelledOut)).",
            "Files are not part of this copy: each is checked and sent separately, with anything about other people removed.",
        ]
        .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Reads the request and everything held, logging the read of each record shown.
    func openFile(_ context: ConfidantRequestContext) async throws -> (HeldFile, SubjectAccessWorkspace) {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        guard let request = try await environment.subjectAccess.request(id) else { throw WebError.notFound }
        let file = try await held(request)
        try await environment.records.logPageRead(file.records, page: "subject-access:\(Self.id(id))", by: viewer, now: environment.clock())
        return (file, try await environment.subjectAccess.workspace(id))
    }

    // MARK: The workspace

    func workspacePage(
        _ context: ConfidantRequestContext, errors: [FieldError], typed: FormFields? = nil, status: HTTPResponse.Status
    ) async throws -> Response {
        struct Run: Sendable { let text: String; let code: String? }
        struct Span: Sendable { let number: Int; let value, words, reason: String; let withheld: Bool; let added: Bool }
        struct Choice: Sendable { let value, label: String; let selected: Bool }
        struct Item: Sendable {
            let index: Int
            let pieceID: String
            let heading: String
            let runs: [Run]
            let spans: [Span]
            let whole: [Choice]
            let wholeWithheld: Bool
            let typedWords: String
            let error: String?
        }
        struct Exemption: Sendable { let applies: Bool; let reasoning: String; let by: String }
        struct View {
            let chrome: PageChrome
            let id: String
            let personName: String
            let answered: Bool
            let items: [Item]
            let reasons: [Choice]
            let exemptionApplies: Bool
            let exemption: Exemption?
            let withheldCount: Int
            /// The exemption form as it was sent, shown again after a mistake.
            let typedReasoning: String
            let typedApplies: [String: Bool]
            /// What the forms were made from: the items shown and the workspace's revision.
            let file: String
            let revision: Int
            let released: PrintView?
            let errors: [FieldError]
            let errorFor: [String: String]
        }
        let (file, workspace) = try await openFile(context)
        let names = try await environment.users.names()
        let errorFor = FieldError.byField(errors)
        var withheldCount = 0
        let items = file.pieces.enumerated().map { index, piece in
            let proposed = file.proposed[index]
            let withheld = workspace.withheld(piece, proposed: proposed)
            let whole = workspace.whole(piece, default: file.defaults[piece.id])
            withheldCount += whole == nil ? withheld.count : 1
            let runs = piece.runs(withheld: whole == nil ? withheld : []).map { Run(text: $0.text, code: $0.span?.reason.code) }
            let choices =
                proposed.map { span in
                    (Self.value(piece, span), piece.text(of: span), span.reason.words, !(workspace.released[piece.id] ?? []).contains(span), false)
                }
                + (workspace.added[piece.id] ?? []).map { words in (Self.value(piece, words), words.words, words.reason.words, true, true) }
            let spans = choices.enumerated().map { number, choice in
                Span(number: number, value: choice.0, words: choice.1, reason: choice.2, withheld: choice.3, added: choice.4)
            }
            return Item(
                index: index, pieceID: piece.id, heading: piece.heading, runs: runs, spans: spans,
                whole: [Choice(value: "", label: "Release this item, with the words withheld above", selected: whole == nil)]
                    + WithholdingReason.allCases.filter { $0 != .childAbuseData || Self.exemptionChosen(file, workspace) }.map {
                        Choice(value: $0.rawValue, label: "Withhold it all: \($0.words)", selected: whole == $0)
                    },
                wholeWithheld: whole != nil, typedWords: typed?["piece"] == piece.id ? typed?["words"] ?? "" : "",
                error: errorFor["words-\(index)"])
        }
        let released = try await environment.subjectAccess.response(file.request.id).map { PrintView($0, css: nil) }
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Prepare the response" : "Error: Prepare the response", context),
            id: file.request.id.uuidString, personName: file.person.details.name, answered: file.request.releasedAt != nil, items: items,
            // The child-abuse-data exemption withholds whole items only (`SubjectAccessWorkspace.adding`).
            reasons: WithholdingReason.allCases.filter { $0 != .childAbuseData }.map { Choice(value: $0.rawValue, label: $0.words, selected: false) },
            exemptionApplies: file.exemptionApplies,
            exemption: workspace.childAbuseData.map {
                Exemption(
                    applies: $0.applies, reasoning: $0.reasoning,
                    by: "\(names[$0.by.userID] ?? "unknown"), \(ShareRoutes.spoken($0.by.at))")
            },
            withheldCount: withheldCount, typedReasoning: typed?["reasoning"] ?? "",
            typedApplies: ["yes": typed?["applies"] == "yes", "no": typed?["applies"] == "no"], file: file.digest, revision: workspace.revision,
            released: released, errors: errors, errorFor: errorFor)
        return environment.pages.page(.subjectAccessWorkspace, view, status: status)
    }

    /// A proposal's checkbox value: the item's id, the span and its reason.
    static func value(_ piece: SubjectAccessPiece, _ span: WithheldSpan) -> String {
        "\(piece.id)|\(span.start)|\(span.end)|\(span.reason.rawValue)"
    }

    /// An added words' checkbox value: the item's id, the reason and the words.
    static func value(_ piece: SubjectAccessPiece, _ words: AddedWords) -> String {
        "\(piece.id)|added|\(words.reason.rawValue)|\(words.words)"
    }

    /// The lead's choices from the workspace form, item by item: each proposal left unticked is released; added words
    /// left unticked are taken away; each item's "withhold it all" choice, against its default.
    static func decided(_ file: HeldFile, form: FormFields, workspace: SubjectAccessWorkspace) -> SubjectAccessWorkspace {
        let ticked = Set(form.all("withhold"))
        var changed = workspace
        for (index, piece) in file.pieces.enumerated() {
            let released = file.proposed[index].filter { !ticked.contains(value(piece, $0)) }
            changed.released[piece.id] = released.isEmpty ? nil : released
            let kept = (workspace.added[piece.id] ?? []).filter { ticked.contains(value(piece, $0)) }
            changed.added[piece.id] = kept.isEmpty ? nil : kept
            var whole = WithholdingReason(rawValue: form["whole-\(piece.id)"])
            if whole == .childAbuseData, !exemptionChosen(file, workspace) { whole = nil }
            changed.withheldWhole[piece.id] = whole
            if whole == nil, file.defaults[piece.id] != nil { changed.releasedWhole.insert(piece.id) } else { changed.releasedWhole.remove(piece.id) }
        }
        return changed
    }

    /// Whether items may be withheld under the child-abuse-data exemption: a parent's request about a child, and a lead
    /// has recorded that it applies.
    static func exemptionChosen(_ file: HeldFile, _ workspace: SubjectAccessWorkspace) -> Bool {
        file.exemptionApplies && workspace.childAbuseData?.applies == true
    }

    /// Refuses a form made from another state of the file: items added or changed since the page was shown, or
    /// another lead's choices saved in between. Applying it would decide items its reader never saw.
    static func checkCurrent(_ form: FormFields, file: HeldFile, workspace: SubjectAccessWorkspace) throws {
        guard form["file"] == file.digest, form["revision"] == "\(workspace.revision)" else {
            throw WebError.conflict(
                "The file or its choices changed since you opened this page (a record added, or another lead's choices saved). "
                    + "Nothing of yours was saved: reload the page, check it, and choose again.")
        }
    }

    static func exemption(
        _ file: HeldFile, form: FormFields, workspace: SubjectAccessWorkspace, by user: UUID, now: Date
    ) -> Result<SubjectAccessWorkspace, FormProblems> {
        var problems: [RecordFieldError] = []
        if !file.exemptionApplies {
            problems.append(RecordFieldError(field: "applies", message: "The exemption is only for a parent's request about a child"))
        }
        let applies: Bool? = form["applies"] == "yes" ? true : form["applies"] == "no" ? false : nil
        if applies == nil { problems.append(RecordFieldError(field: "applies", message: "Say whether the exemption applies")) }
        let reasoning = form["reasoning"].trimmingCharacters(in: .whitespacesAndNewlines)
        if reasoning.isEmpty { problems.append(RecordFieldError(field: "reasoning", message: "Give your reasoning: it is kept with the decision")) }
        if reasoning.count > SubjectAccessDetails.maximumLength {
            problems.append(RecordFieldError(field: "reasoning", message: "Keep this to \(SubjectAccessDetails.maximumLength) characters"))
        }
        guard problems.isEmpty, let applies else { return .failure(FormProblems(problems)) }
        var changed = workspace
        changed.childAbuseData = ChildAbuseDataDecision(applies: applies, reasoning: reasoning, by: DecisionBy(userID: user, at: now))
        return .success(changed)
    }

    func changeWorkspace(
        _ request: Request, _ context: ConfidantRequestContext, part: String,
        _ change:
            @escaping @Sendable (HeldFile, FormFields, SubjectAccessWorkspace, UUID, Date) -> Result<SubjectAccessWorkspace, FormProblems>
    ) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let form = try await FormFields.read(request, context: context)
        guard let stored = try await environment.subjectAccess.request(id) else { throw WebError.notFound }
        let file = try await held(stored)
        let now = environment.clock()
        let outcome = try await environment.subjectAccess.changeWorkspace(id, part: part, by: viewer.id, now: now) { _, workspace in
            if part != "child_abuse_data" { try Self.checkCurrent(form, file: file, workspace: workspace) }
            return change(file, form, workspace, viewer.id, now)
        }
        switch outcome {
        case .success: return .redirect(to: "/subject-access/\(id)/workspace")
        case .failure(let problems):
            return try await workspacePage(context, errors: FieldError.from(problems.problems), typed: form, status: .badRequest)
        }
    }

    // MARK: The response

    static func letter(_ file: HeldFile, _ environment: WebEnvironment, by lead: UserAccount, now: Date) -> SubjectAccessLetter {
        let organisation = environment.configuration.organisation.name
        return SubjectAccessLetter(
            requesterName: file.request.details.requesterName, personName: file.person.details.name,
            organisation: organisation.isEmpty ? "our organisation" : organisation, receivedOn: file.request.receivedOn,
            sentOn: CalendarDay(containing: now), forThemselves: file.request.details.requester == .thePerson,
            signedBy: [lead.name, lead.role.title + (organisation.isEmpty ? "" : ", \(organisation)")].joined(separator: "\n"))
    }

    func release(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let form = try await FormFields.read(request, context: context)
        guard let stored = try await environment.subjectAccess.request(id) else { throw WebError.notFound }
        let file = try await held(stored)
        let now = environment.clock()
        let letter = Self.letter(file, environment, by: viewer, now: now)
        _ = try await environment.subjectAccess.release(id, by: viewer.id, now: now) { _, stored in
            // The workspace's own form sends its choices with the release, so nothing ticked is lost; it must have been
            // made from the file and the choices as they stand inside the release's transaction.
            try Self.checkCurrent(form, file: file, workspace: stored)
            let workspace = Self.decided(file, form: form, workspace: stored)
            return (
                workspace,
                SubjectAccessResponse.release(
                    pieces: file.pieces, withheldOf: { workspace.withheld($0, proposed: file.proposed($0)) },
                    wholeOf: { workspace.whole($0, default: file.defaults[$0.id]) }, letter: letter, now: now)
            )
        }
        return .redirect(to: "/subject-access/\(id)/workspace")
    }

    /// The released response, its read and export logged first; a request not yet answered has none.
    func releasedResponse(_ context: ConfidantRequestContext, format: String) async throws -> SubjectAccessResponse {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        guard let request = try await environment.subjectAccess.request(id) else { throw WebError.notFound }
        guard let response = try await environment.subjectAccess.response(id) else {
            throw WebError.conflict("This response has not been released yet. Prepare it in the workspace and release it first.")
        }
        // Opening it is a read of the request, as its page is, and taking it away is an export.
        try await SubjectAccessRoutes(environment: environment).logRead(of: [request], by: viewer, now: environment.clock())
        try await environment.audit.append(
            AuditEntry(
                time: AuditClock.milliseconds(environment.clock()), actor: AuditName.user(viewer.id), action: .export,
                target: "subject-access:\(Self.id(id))",
                detail: AuditDetail(["what": .string("subject_access_response"), "format": .string(format), "sha256": .string(response.digest)])))
        return response
    }

    /// The response as printed: the letter, then each item with black boxes and their codes.
    struct PrintView: Sendable {
        struct Run: Sendable { let text: String; let code: String? }
        struct Item: Sendable { let heading: String; let runs: [Run]; let whole: String? }
        let title: String
        let letter: [String]
        let items: [Item]
        let css: String?

        init(_ response: SubjectAccessResponse, css: String?) {
            title = response.title
            letter = response.coverLetter.components(separatedBy: "\n\n")
            items = response.items.map { item in
                Item(
                    heading: item.heading, runs: item.segments.map { Run(text: $0.text, code: $0.withheld?.code) },
                    whole: item.withheldWhole.map { "\($0.code): this item is withheld in full" })
            }
            self.css = css
        }
    }

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }
}
