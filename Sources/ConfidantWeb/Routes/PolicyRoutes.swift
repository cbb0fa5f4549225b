import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The policy's versions: drafting, consultation on sections, publication with a second approver, and comparison.
///
/// Reading a published version is open to everyone signed in; a consultation to staff and the
/// partner contacts it names; a draft to the policy owners. Changes are checked by `PolicyGovernance`
/// in the store; these routes only choose what to offer.
struct PolicyRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let owners = RouteAccess.roles(PolicyGovernance.ownerRoles)
    static let managers = RouteAccess.roles([.manager])

    func register(on routes: SecureRouter) {
        routes.get("/policy", access: .anySignedIn) { _, context in try await list(context) }
        routes.get("/policy/new", access: Self.owners) { _, context in
            let current = try await environment.policies.current()
            let text = current?.text.source ?? PolicyText.generated(from: .mct)
            return try await draftForm(context, action: "/policy/new", heading: "Start a new draft", label: "", text: text, errors: [], status: .ok)
        }
        routes.post("/policy/new", access: Self.owners) { request, context in
            let actor = try policyActor(context)
            let form = try await FormFields.read(request, context: context)
            do {
                let version = try await environment.policies.importDraft(
                    text: form["text"], label: form["label"].trimmed.isEmpty ? nil : form["label"], by: actor, now: environment.clock())
                return .redirect(to: "/policy/versions/\(version.id)")
            } catch let error as PolicyStoreError {
                return try await draftForm(
                    context, action: "/policy/new", heading: "Start a new draft", label: form["label"], text: form["text"],
                    errors: [Self.fieldError(error)], status: .badRequest)
            }
        }
        routes.get("/policy/versions/{id}", access: .anySignedIn) { _, context in
            try await versionPage(context, try await readable(context), errors: [], status: .ok)
        }
        routes.get("/policy/versions/{id}/edit", access: Self.owners) { _, context in
            let version = try await readable(context)
            try await requireAllowed(.edit, on: version, context)
            return try await draftForm(
                context, action: "/policy/versions/\(version.id)/edit", heading: "Edit \(version.title)",
                label: version.label, text: version.text.source, errors: [], status: .ok)
        }
        routes.post("/policy/versions/{id}/edit", access: Self.owners) { request, context in
            let version = try await readable(context)
            let form = try await FormFields.read(request, context: context)
            do {
                _ = try await environment.policies.edit(
                    version.id, label: form["label"], text: form["text"],
                    by: try policyActor(context), now: environment.clock())
                return .redirect(to: "/policy/versions/\(version.id)")
            } catch let error as PolicyStoreError where error.isInputError {
                return try await draftForm(
                    context, action: "/policy/versions/\(version.id)/edit", heading: "Edit \(version.title)",
                    label: form["label"], text: form["text"], errors: [Self.fieldError(error)], status: .badRequest)
            }
        }
        routes.get("/policy/versions/{id}/clauses/{rule}", access: Self.owners) { _, context in
            let version = try await readable(context)
            try await requireAllowed(.edit, on: version, context)
            let clause = try clause(context, in: version)
            return try await clauseForm(context, version, clause: clause, errors: [], status: .ok)
        }
        routes.post("/policy/versions/{id}/clauses/{rule}", access: Self.owners) { request, context in
            let version = try await readable(context)
            var clause = try clause(context, in: version)
            let form = try await FormFields.read(request, context: context)
            do {
                _ = try await environment.policies.editClause(
                    version.id, rule: clause.rule, title: form["title"], statement: form["statement"], section: form["section"],
                    by: try policyActor(context), now: environment.clock())
                return .redirect(to: "/policy/versions/\(version.id)#clause-\(clause.id)")
            } catch let error as PolicyStoreError where error.isInputError {
                clause.title = form["title"]
                clause.statement = form["statement"]
                clause.section = form["section"]
                return try await clauseForm(context, version, clause: clause, errors: [Self.fieldError(error, field: "title")], status: .badRequest)
            }
        }
        routes.post("/policy/versions/{id}/consultation", access: Self.owners) { request, context in
            let version = try await readable(context)
            let form = try await FormFields.read(request, context: context)
            let partners = try form.all("partner").map { text in
                guard let id = UUID(uuidString: text) else { throw WebError.badRequest("A partner contact in the form is not one Confidant knows.") }
                return id
            }
            return try await act(context, version) {
                _ = try await environment.policies.openConsultation(
                    version.id, partners: partners, link: environment.configuration.link("/policy/versions/\(version.id)"),
                    by: $0, now: environment.clock())
            }
        }
        routes.post("/policy/versions/{id}/comments", access: .anySignedIn) { request, context in
            let version = try await readable(context)
            let form = try await FormFields.read(request, context: context)
            do {
                let comment = try await environment.policies.comment(
                    on: version.id, sectionID: form["section"], body: form["body"], by: try policyActor(context), now: environment.clock())
                return .redirect(to: "/policy/versions/\(version.id)#comment-\(comment.id)")
            } catch let error as PolicyStoreError where error != .notFound {
                // A refusal (the consultation closed meanwhile) keeps what they wrote on the page.
                guard let fresh = try await environment.policies.version(version.id) else { throw WebError.notFound }
                return try await versionPage(
                    context, fresh, errors: [Self.fieldError(error, field: "body-\(form["section"])")],
                    draftComment: (form["section"], form["body"]),
                    status: error.isInputError ? .badRequest : .conflict)
            }
        }
        routes.post("/policy/comments/{id}", access: Self.owners) { request, context in
            let id = try context.uuidParameter()
            let form = try await FormFields.read(request, context: context)
            let versionID = try await environment.policies.answer(
                comment: id, answer: form["answer"], resolve: form["resolve"] == "yes", by: try policyActor(context), now: environment.clock())
            return .redirect(to: "/policy/versions/\(versionID)#comment-\(id)")
        }
        routes.post("/policy/versions/{id}/request-publication", access: Self.owners) { _, context in
            let version = try await readable(context)
            return try await act(context, version) {
                _ = try await environment.policies.requestPublication(version.id, by: $0, now: environment.clock())
            }
        }
        routes.post("/policy/versions/{id}/withdraw-publication", access: Self.owners) { _, context in
            let version = try await readable(context)
            return try await act(context, version) {
                _ = try await environment.policies.withdrawPublicationRequest(version.id, by: $0, now: environment.clock())
            }
        }
        routes.post("/policy/versions/{id}/approve", access: Self.managers) { _, context in
            let version = try await readable(context)
            return try await act(context, version) {
                _ = try await environment.policies.approvePublication(version.id, by: $0, now: environment.clock())
                // This instance's public pages change at once; other instances' within their cache's recheck.
                environment.publicPages.forget()
            }
        }
        routes.post("/policy/versions/{id}/refuse", access: Self.managers) { request, context in
            let version = try await readable(context)
            let form = try await FormFields.read(request, context: context)
            return try await act(context, version, errorField: "reason") {
                _ = try await environment.policies.refusePublication(version.id, reason: form["reason"], by: $0, now: environment.clock())
            }
        }
        routes.post("/policy/versions/{id}/new-draft", access: Self.owners) { _, context in
            let version = try await readable(context)
            let draft = try await environment.policies.startDraft(from: version.id, by: try policyActor(context), now: environment.clock())
            return .redirect(to: "/policy/versions/\(draft.id)")
        }
        routes.get("/policy/compare", access: .anySignedIn) { request, context in try await compare(request, context) }
    }

    // MARK: Pages

    struct VersionRow: Sendable {
        let href: String
        let title: String
        let status: String
        let dates: String
        let isCurrent: Bool
    }

    struct ListView {
        let chrome: PageChrome
        let versions: [VersionRow]
        let current: VersionRow?
        let canDraft: Bool
        let canSeeReport: Bool
        /// The compare form starts on the two newest versions: the older as "from", the newest as "to".
        let fromOptions: [OptionRow]
        let toOptions: [OptionRow]
        let hasTwo: Bool
    }

    struct OptionRow: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    func list(_ context: ConfidantRequestContext) async throws -> Response {
        let user = try context.signedInUser()
        let readable = try await readableVersions(by: user)
        let rows = readable.map(row)
        func options(selecting position: Int) -> [OptionRow] {
            readable.enumerated().map { OptionRow(value: $0.element.id.uuidString, label: $0.element.title, selected: $0.offset == position) }
        }
        let view = ListView(
            chrome: try await environment.chrome("Confidentiality policy", context, path: "/policy"),
            versions: rows, current: rows.first(where: \.isCurrent), canDraft: PolicyGovernance.isOwner(user.role),
            canSeeReport: InductionRoutes.reportReaders.allows(user), fromOptions: options(selecting: 1), toOptions: options(selecting: 0),
            hasTwo: readable.count > 1)
        return environment.pages.page(.policyVersions, view)
    }

    func row(_ version: PolicyVersion) -> VersionRow {
        var dates = "Started \(RecordRoutes.format(version.createdAt))"
        if let opened = version.consultationOpenedAt { dates += "; consultation opened \(RecordRoutes.format(opened))" }
        if let published = version.publishedAt { dates += "; published \(RecordRoutes.format(published))" }
        if let superseded = version.supersededAt { dates += "; superseded \(RecordRoutes.format(superseded))" }
        return VersionRow(
            href: "/policy/versions/\(version.id)", title: version.title, status: version.status.title,
            dates: dates, isCurrent: version.status == .published)
    }

    struct ClauseRow: Sendable {
        let id: String
        let title: String
        let statement: String
        let editHref: String?
    }

    struct CommentRow: Sendable {
        let id: String
        let author: String
        let role: String
        /// The heading the comment was made on.
        let heading: String
        let createdAt: String
        let body: String
        let answer: String?
        let answeredAt: String
        let resolved: Bool
        let canAnswer: Bool
    }

    struct SectionRow: Sendable {
        let id: String
        let heading: String
        let paragraphs: [String]
        let clauses: [ClauseRow]
        let comments: [CommentRow]
        let canComment: Bool
        let commentDraft: String
        let commentError: String?
        /// A comment that could not be sent because commenting closed meanwhile, shown so it is not lost.
        let unsentComment: String?
    }

    struct PartnerRow: Sendable {
        let id: String
        let name: String
        let email: String
    }

    struct VersionView {
        let chrome: PageChrome
        let id: String
        /// The same as `id`, under a name sections (which have their own `id`) can reach.
        let versionID: String
        let title: String
        let status: String
        let dates: String
        let notices: [String]
        let refusal: String?
        let sections: [SectionRow]
        /// Comments on sections whose heading has since been renamed or removed: still shown, still to resolve.
        let otherComments: [CommentRow]
        let ungrounded: [ClauseRow]
        let canEdit: Bool
        let canOpenConsultation: Bool
        let partners: [PartnerRow]
        /// The partner contacts a consultation names, as one phrase; nil when it names none.
        let consultees: String?
        let canRequestPublication: Bool
        let requestBlockers: [String]
        let canWithdraw: Bool
        let canApprove: Bool
        let approvalBlocker: String?
        let canRefuse: Bool
        let canStartDraft: Bool
        let compareWith: String?
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    func versionPage(
        _ context: ConfidantRequestContext, _ version: PolicyVersion, errors: [FieldError],
        draftComment: (section: String, body: String)? = nil, status: HTTPResponse.Status
    ) async throws -> Response {
        let user = try context.signedInUser()
        let actor = PolicyActor(id: user.id, role: user.role)
        let comments = try await environment.policies.comments(on: version.id, visibleTo: actor)
        // Blocking comments are counted over all of them, not only those this viewer may see.
        let openComments = try await environment.policies.openCommentCount(on: version.id)
        let state = version.state(openComments: openComments)
        let named = try await environment.policies.isNamedConsultee(user.id, of: version.id)
        func allowed(_ action: PolicyVersionAction) -> Bool { (try? PolicyGovernance.check(action, by: actor, on: state)) != nil }
        let canEdit = allowed(.edit)
        let canAnswer = allowed(.answerComment)
        let canComment = allowed(.comment(isNamedConsultee: named))
        let grounding = version.grounding
        func clauseRow(_ clause: PolicyClause) -> ClauseRow {
            ClauseRow(
                id: clause.id, title: clause.title, statement: clause.statement,
                editHref: canEdit ? "/policy/versions/\(version.id)/clauses/\(clause.rule.rawValue)" : nil)
        }
        func commentRow(_ comment: ConsultationComment) -> CommentRow {
            CommentRow(
                id: comment.id.uuidString, author: comment.authorName, role: comment.authorRole.title,
                heading: comment.sectionHeading, createdAt: RecordRoutes.format(comment.createdAt), body: comment.body,
                answer: comment.answer, answeredAt: comment.answeredAt.map(RecordRoutes.format) ?? "",
                resolved: !comment.isOpen, canAnswer: canAnswer)
        }
        let sectionIDs = Set(grounding.sections.map(\.section.id))
        let sections = grounding.sections.map { entry in
            SectionRow(
                id: entry.section.id, heading: entry.section.heading, paragraphs: entry.section.paragraphs,
                clauses: entry.clauses.map(clauseRow),
                comments: comments.filter { $0.sectionID == entry.section.id }.map(commentRow),
                canComment: canComment,
                commentDraft: draftComment?.section == entry.section.id ? draftComment?.body ?? "" : "",
                commentError: errors.first { $0.field == "body-\(entry.section.id)" }?.message,
                unsentComment: !canComment && draftComment?.section == entry.section.id ? draftComment?.body : nil)
        }
        // What happens between owners and managers (who asked, why a manager refused, which agencies
        // were invited) is for them; consultees see the text and their own comments.
        let isOwner = PolicyGovernance.isOwner(user.role)
        var notices: [String] = []
        // Only while the version waits: once it is published (or refused and back in draft) the request is history.
        if isOwner, state.status == .consultation, let requester = version.publicationRequestedBy {
            let name = try await environment.users.find(id: requester)?.name ?? "A policy owner"
            notices.append(
                "\(name) asked for this version to be published on \(version.publicationRequestedAt.map(RecordRoutes.format) ?? ""). A manager other than them must approve it."
            )
        }
        var blockers: [String] = []
        if state.status == .consultation, state.publicationRequestedBy == nil {
            if openComments > 0 { blockers.append("\(openComments) comment\(openComments == 1 ? " is" : "s are") not resolved yet.") }
            if !grounding.ungrounded.isEmpty {
                blockers.append(
                    "\(grounding.ungrounded.count) clause\(grounding.ungrounded.count == 1 ? " rests" : "s rest") on no section of the text.")
            }
        }
        let partners =
            state.status == .draft && isOwner
            ? try await environment.users.all().filter { $0.role == .partner && !$0.disabled }.map {
                PartnerRow(id: $0.id.uuidString, name: $0.name, email: $0.email)
            }
            : []
        let approvalBlocker: String? =
            user.role == .manager && state.status == .consultation && version.publicationRequestedBy == user.id
            ? "You asked for this version to be published, so another manager must approve it." : nil
        // Compare with the version it was started from, when this person may read that one.
        var basis: PolicyVersionSummary?
        if let basedOn = version.basedOn, let found = try await environment.policies.summaries().first(where: { $0.id == basedOn }),
            try await isReadable(found, by: user)
        {
            basis = found
        }
        let view = VersionView(
            chrome: try await environment.chrome(errors.isEmpty ? version.title : "Error: \(version.title)", context, path: "/policy"),
            id: version.id.uuidString, versionID: version.id.uuidString, title: version.title, status: version.status.title,
            dates: row(version).dates, notices: notices, refusal: isOwner ? version.publicationRefusal : nil, sections: sections,
            otherComments: comments.filter { !sectionIDs.contains($0.sectionID) }.map(commentRow),
            ungrounded: grounding.ungrounded.map(clauseRow),
            canEdit: canEdit, canOpenConsultation: allowed(.openConsultation), partners: partners,
            consultees: isOwner ? Self.phrase(try await environment.policies.consultees(of: version.id).map(\.name)) : nil,
            canRequestPublication: allowed(.requestPublication), requestBlockers: blockers,
            canWithdraw: allowed(.withdrawPublicationRequest), canApprove: allowed(.approvePublication), approvalBlocker: approvalBlocker,
            canRefuse: allowed(.refusePublication), canStartDraft: allowed(.startNewDraft),
            compareWith: basis.map { "/policy/compare?from=\($0.id)&to=\(version.id)" }, errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.policyVersion, view, status: status)
    }

    struct DraftView {
        let chrome: PageChrome
        let heading: String
        let action: String
        let label: String
        let text: String
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    func draftForm(
        _ context: ConfidantRequestContext, action: String, heading: String, label: String, text: String, errors: [FieldError],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let view = DraftView(
            chrome: try await environment.chrome(errors.isEmpty ? heading : "Error: \(heading)", context, path: "/policy"),
            heading: heading, action: action, label: label, text: text, errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.policyDraft, view, status: status)
    }

    struct ClauseView {
        let chrome: PageChrome
        let versionTitle: String
        let versionHref: String
        let action: String
        let id: String
        let rule: String
        let title: String
        let statement: String
        let sections: [OptionRow]
        let sectionMissing: Bool
        let section: String
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    func clauseForm(
        _ context: ConfidantRequestContext, _ version: PolicyVersion, clause: PolicyClause, errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        let headings = version.text.sections.map(\.heading)
        let matched = version.text.section(headed: clause.section)?.heading
        let view = ClauseView(
            chrome: try await environment.chrome(errors.isEmpty ? "Edit clause" : "Error: Edit clause", context, path: "/policy"),
            versionTitle: version.title, versionHref: "/policy/versions/\(version.id)",
            action: "/policy/versions/\(version.id)/clauses/\(clause.rule.rawValue)", id: clause.id, rule: clause.rule.rawValue,
            title: clause.title, statement: clause.statement,
            sections: headings.map { OptionRow(value: $0, label: $0, selected: $0 == matched) },
            sectionMissing: matched == nil, section: clause.section, errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.policyClause, view, status: status)
    }

    struct PieceRow: Sendable {
        let text: String
        let inserted: Bool
        let deleted: Bool
    }

    struct SectionDifferenceRow: Sendable {
        let heading: String
        let change: String
        let pieces: [PieceRow]
    }

    struct ClauseChangeRow: Sendable {
        let title: String
        let fields: String
        let oldStatement: String
        let newStatement: String
        let oldSection: String
        let newSection: String
    }

    struct CompareView {
        let chrome: PageChrome
        let fromOptions: [OptionRow]
        let toOptions: [OptionRow]
        let fromTitle: String
        let toTitle: String
        let compared: Bool
        let sections: [SectionDifferenceRow]
        let clauses: [ClauseChangeRow]
        let unchangedSections: Int
    }

    func compare(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let user = try context.signedInUser()
        let readable = try await readableVersions(by: user)
        let query = request.uri.queryParameters
        let from = query.get("from").flatMap(UUID.init(uuidString:)).flatMap { id in readable.first { $0.id == id } }
        let to = query.get("to").flatMap(UUID.init(uuidString:)).flatMap { id in readable.first { $0.id == id } }
        if (query.get("from") != nil && from == nil) || (query.get("to") != nil && to == nil) { throw WebError.notFound }
        var sections: [SectionDifferenceRow] = []
        var clauses: [ClauseChangeRow] = []
        var unchanged = 0
        if let from, let to {
            for difference in PolicyComparison.sections(from: from.text, to: to.text) {
                if difference.change == .unchanged { unchanged += 1; continue }
                sections.append(Self.differenceRow(difference))
            }
            clauses = PolicyComparison.clauses(from: from.policy, to: to.policy).map(Self.clauseChangeRow)
        }
        func options(_ chosen: PolicyVersion?) -> [OptionRow] {
            readable.map { OptionRow(value: $0.id.uuidString, label: $0.title, selected: $0.id == chosen?.id) }
        }
        let view = CompareView(
            chrome: try await environment.chrome("Compare policy versions", context, path: "/policy"),
            fromOptions: options(from), toOptions: options(to), fromTitle: from?.title ?? "", toTitle: to?.title ?? "",
            compared: from != nil && to != nil, sections: sections, clauses: clauses, unchangedSections: unchanged)
        return environment.pages.page(.policyCompare, view)
    }

    static func differenceRow(_ difference: SectionDifference) -> SectionDifferenceRow {
        let change =
            switch difference.change {
            case .added: "Added"
            case .removed: "Removed"
            case .changed: "Changed"
            case .unchanged: "Unchanged"
            }
        return SectionDifferenceRow(
            heading: difference.heading, change: change,
            pieces: difference.pieces.map { PieceRow(text: $0.text, inserted: $0.kind == .inserted, deleted: $0.kind == .deleted) })
    }

    static func clauseChangeRow(_ change: ClauseChange) -> ClauseChangeRow {
        ClauseChangeRow(
            title: change.new.title, fields: change.fieldsChanged.joined(separator: ", "),
            oldStatement: change.old.statement, newStatement: change.new.statement,
            oldSection: change.old.section, newSection: change.new.section)
    }

    // MARK: Helpers

    func policyActor(_ context: ConfidantRequestContext) throws -> PolicyActor {
        let user = try context.signedInUser()
        return PolicyActor(id: user.id, role: user.role)
    }

    /// Every version this person may read, newest first.
    func readableVersions(by user: UserAccount) async throws -> [PolicyVersion] {
        var readable: [PolicyVersion] = []
        for version in try await environment.policies.versions() where try await isReadable(version, by: user) { readable.append(version) }
        return readable
    }

    func isReadable(_ version: PolicyVersion, by user: UserAccount) async throws -> Bool {
        try await environment.policies.isReadable(version.id, status: version.status, by: user)
    }

    func isReadable(_ version: PolicyVersionSummary, by user: UserAccount) async throws -> Bool {
        try await environment.policies.isReadable(version.id, status: version.status, by: user)
    }

    /// Refuses (409, with the reason) a form for a step the version's state or the person's role does not allow now.
    func requireAllowed(_ action: PolicyVersionAction, on version: PolicyVersion, _ context: ConfidantRequestContext) async throws {
        let state = version.state(openComments: try await environment.policies.openCommentCount(on: version.id))
        let actor = try policyActor(context)
        _ = try PolicyGovernance.check(action, by: actor, on: state)
    }

    /// The version in the path, if this person may read it; otherwise it does not exist for them.
    func readable(_ context: ConfidantRequestContext) async throws -> PolicyVersion {
        let user = try context.signedInUser()
        guard let version = try await environment.policies.version(try context.uuidParameter()),
            try await isReadable(version, by: user)
        else { throw WebError.notFound }
        return version
    }

    func clause(_ context: ConfidantRequestContext, in version: PolicyVersion) throws -> PolicyClause {
        guard let word = context.parameters.get("rule"), let rule = PolicyRule(rawValue: word) else { throw WebError.notFound }
        return version.policy.clause(for: rule)
    }

    /// Runs a lifecycle step and returns to the version; a refusal is shown on the version's page.
    func act(
        _ context: ConfidantRequestContext, _ version: PolicyVersion, errorField: String = "actions",
        _ step: (PolicyActor) async throws -> Void
    ) async throws -> Response {
        do {
            try await step(try policyActor(context))
            return .redirect(to: "/policy/versions/\(version.id)")
        } catch let error as PolicyStoreError {
            guard let fresh = try await environment.policies.version(version.id) else { throw WebError.notFound }
            let status: HTTPResponse.Status = error.isInputError ? .badRequest : .conflict
            return try await versionPage(context, fresh, errors: [FieldError(field: errorField, message: error.description)], status: status)
        }
    }

    /// "A", "A and B", "A, B and C"; nil for none.
    static func phrase(_ names: [String]) -> String? {
        guard let last = names.last else { return nil }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }

    static func fieldError(_ error: PolicyStoreError, field: String? = nil) -> FieldError {
        let chosen =
            field
            ?? {
                if case .invalidInput = error { return "label" }
                return "text"
            }()
        return FieldError(field: chosen, message: error.description)
    }
}
