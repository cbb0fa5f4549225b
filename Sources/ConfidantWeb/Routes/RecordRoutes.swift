import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// People, concerns, addenda, triage and chronology: the safeguarding records themselves.
///
/// Role rules come first (`RecordAccess.recorders`, `RecordAccess.leads`); then each record is
/// checked against the viewer (staff see their own). A record a viewer may not open answers 404,
/// so its existence is not revealed. Every read of content is logged by the store before it returns.
struct RecordRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let recorders = RouteAccess.roles(RecordAccess.recorders)
    static let leads = RouteAccess.roles(RecordAccess.leads)

    func register(on routes: SecureRouter) {
        routes.get("/people", access: Self.recorders, returnsCaseContent: true) { request, context in try await peoplePage(request, context) }
        routes.get("/people/new", access: Self.recorders) { _, context in
            try await newPersonPage(context, form: PersonDetails(name: ""), kind: nil, duplicates: [], errors: [], status: .ok)
        }
        routes.post("/people", access: Self.recorders) { request, context in try await createPerson(request, context) }
        routes.get("/people/{id}", access: Self.recorders, returnsCaseContent: true) { request, context in try await personPage(request, context) }
        routes.post("/people/{id}/links", access: Self.recorders) { request, context in try await addLink(request, context) }
        routes.get("/people/import", access: Self.leads) { _, context in try await importPage(context, text: "", problems: [], result: nil) }
        routes.post("/people/import", access: Self.leads) { request, context in
            let viewer = try context.signedInUser()
            let form = try await FormFields.read(request, context: context)
            let text = form["register"]
            switch DirectoryImport.read(text, now: environment.clock()) {
            case .failure(let refused):
                return try await importPage(context, text: text, problems: refused.problems, result: nil, status: .badRequest)
            case .success(let entries):
                let (added, updated) = try await environment.records.importDirectory(entries, by: viewer.id, now: environment.clock())
                return try await importPage(
                    context, text: "", problems: [],
                    result: "Imported \(entries.count) people: \(added) added, \(updated) updated, \(entries.count - added - updated) unchanged.")
            }
        }
        routes.get("/people/{id}/edit", access: Self.recorders, returnsCaseContent: true) { _, context in
            let (person, _) = try await readablePerson(context)
            return try await newPersonPage(
                context, form: person.details, kind: person.kind, duplicates: [], errors: [], status: .ok, editing: person)
        }
        routes.post("/people/{id}/edit", access: Self.recorders) { request, context in
            let (person, viewer) = try await readablePerson(context)
            let form = try await FormFields.read(request, context: context)
            let details = Self.personDetails(form)
            var errors = details.problems(now: environment.clock())
            let kind = PersonKind(rawValue: form["kind"])
            if kind == nil { errors.insert(RecordFieldError(field: "kind-child", message: "Choose who this is about"), at: 0) }
            guard let kind, errors.isEmpty else {
                return try await newPersonPage(
                    context, form: details, kind: kind ?? person.kind, duplicates: [], errors: errors, status: .badRequest, editing: person)
            }
            _ = try await environment.records.correctPerson(person.id, kind: kind, details: details, by: viewer.id, now: environment.clock())
            return .redirect(to: "/people/\(person.id)")
        }
        routes.get("/people/{id}/concerns/new", access: Self.recorders, returnsCaseContent: true) { request, context in
            let (person, viewer, _) = try await findablePerson(context)
            // The new draft's id is chosen now, so that every save of this form (by hand or automatic) is one draft;
            // a page opened again after signing in keeps the id it had.
            var draft = Concern(id: UUID(), personID: person.id, authorID: viewer.id, createdAt: environment.clock(), updatedAt: environment.clock())
            if let text = request.uri.queryParameters["draft"], let id = UUID(uuidString: String(text)) {
                if let facts = try await environment.records.concernFacts(id) {
                    guard facts.authorID == viewer.id else { throw WebError.notFound }
                    return .redirect(to: facts.status == .draft ? "/concerns/\(id)/edit" : "/concerns/\(id)")
                }
                draft.id = id
            }
            return try await keptOrBlankForm(context, person: person, concern: draft, action: "/people/\(person.id)/concerns?draft=\(draft.id)")
        }
        routes.post("/people/{id}/concerns", access: Self.recorders) { request, context in
            let (person, viewer, _) = try await findablePerson(context)
            var draft = Concern(
                id: UUID(), personID: person.id, authorID: viewer.id, createdAt: environment.clock(), updatedAt: environment.clock())
            if let text = request.uri.queryParameters["draft"], let id = UUID(uuidString: String(text)) {
                if let facts = try await environment.records.concernFacts(id) {
                    guard facts.authorID == viewer.id, facts.personID == person.id else { throw WebError.notFound }
                    // Sent again after it was signed (the back button): show the record, never a second one.
                    guard facts.status == .draft else { return .redirect(to: "/concerns/\(id)") }
                    guard let saved = try await environment.records.concern(id, readBy: viewer, now: environment.clock()) else {
                        throw WebError.notFound
                    }
                    draft = saved
                } else {
                    draft.id = id
                }
            }
            return try await saveConcern(request, context, person: person, draft: draft, action: "/people/\(person.id)/concerns?draft=\(draft.id)")
        }
        routes.get("/concerns/{id}/edit", access: Self.recorders, returnsCaseContent: true) { request, context in
            // A reload after the back button: a signed concern opens as the record, not as an error.
            if let facts = try await environment.records.concernFacts(try context.uuidParameter()), facts.status == .submitted,
                facts.authorID == (try context.signedInUser()).id
            {
                return .redirect(to: "/concerns/\(try context.uuidParameter())")
            }
            let (concern, person) = try await ownDraft(context)
            // Words kept when the session lapsed were sent to this form's address, or (when autosave had already made the
            // draft) to the new-concern form's.
            let addresses = ["/concerns/\(concern.id)/edit", "/people/\(person.id)/concerns?draft=\(concern.id)"]
            if let kept = try await keptForm(context, person: person, concern: concern, action: addresses[0], keptAt: addresses) {
                return kept
            }
            return try await concernForm(
                context, person: person, concern: concern, form: ConcernForm(concern), errors: [],
                action: "/concerns/\(concern.id)/edit", status: .ok,
                savedAt: request.uri.queryParameters["saved"] != nil ? Self.format(concern.updatedAt) : nil)
        }
        routes.post("/concerns/{id}/edit", access: Self.recorders) { request, context in
            let (concern, person) = try await ownDraft(context)
            return try await saveConcern(request, context, person: person, draft: concern, action: "/concerns/\(concern.id)/edit")
        }
        routes.get("/concerns/{id}", access: Self.recorders, returnsCaseContent: true) { request, context in
            try await concernPage(request, context, errors: [], status: .ok)
        }
        routes.post("/concerns/{id}/addenda", access: Self.recorders) { request, context in
            let concern = try await readableConcern(context)
            let form = try await FormFields.read(request, context: context)
            let text = form["text"].trimmed
            guard !text.isEmpty, text.count <= ConcernNarrative.maximumFieldLength else {
                let message =
                    text.isEmpty
                    ? "Write the addendum before adding it" : "Keep an addendum to \(FieldError.characters(ConcernNarrative.maximumFieldLength))"
                return try await concernPage(
                    request, context, errors: [FieldError(field: "addendum", message: message)], status: .badRequest,
                    entered: EnteredOnConcern(addendum: form["text"]))
            }
            _ = try await environment.records.addAddendum(to: concern.id, text: text, by: try context.signedInUser().id, now: environment.clock())
            return .redirect(to: "/concerns/\(concern.id)")
        }
        routes.post("/concerns/{id}/decision", access: Self.leads) { request, context in try await decide(request, context) }
        routes.post("/concerns/{id}/close", access: Self.leads) { request, context in try await close(request, context) }
        routes.post("/concerns/{id}/assign", access: Self.leads) { request, context in
            let concern = try await readableConcern(context)
            let form = try await FormFields.read(request, context: context)
            guard let id = UUID(uuidString: form["lead"]), let lead = try await environment.users.find(id: id),
                lead.role.isSafeguardingLead, !lead.disabled
            else {
                throw WebError.badRequest("Choose a safeguarding lead or deputy from the list.")
            }
            try await environment.records.assign(concern.id, to: lead.id, by: try context.signedInUser().id, now: environment.clock())
            return .redirect(to: "/concerns/\(concern.id)")
        }
        routes.get("/triage", access: Self.leads, returnsCaseContent: true) { request, context in try await triagePage(request, context) }
        routes.get("/search", access: Self.leads, returnsCaseContent: true) { request, context in try await searchPage(request, context) }
        routes.get("/my-records", access: Self.recorders, returnsCaseContent: true) { _, context in try await myRecordsPage(context) }
        routes.get("/people/{id}/chronology/print", access: Self.leads, returnsCaseContent: true) { request, context in
            if let redirect = environment.needsStepUp(context, returnTo: request.uri.string) { return redirect }
            let html = try await printedChronology(request, context, format: "print", forPDF: false)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        routes.get("/people/{id}/chronology/pdf", access: Self.leads, returnsCaseContent: true) { request, context in
            if let redirect = environment.needsStepUp(context, returnTo: request.uri.string) { return redirect }
            let html = try await printedChronology(request, context, format: "pdf", forPDF: true)
            return try await ChromiumPrinter().pdfResponse(of: html, filename: "chronology.pdf", context: context)
        }
        routes.get("/api/v1/people/{id}/chronology", access: Self.recorders, returnsCaseContent: true) { request, context in
            // Taking a whole chronology out of Confidant is an export: a browser session confirms itself first.
            if environment.needsStepUp(context, returnTo: "/home") != nil { throw WebError.stepUpRequired }
            let (person, _) = try await readablePerson(context)
            let entries = try await chronology(of: person, viewer: try context.signedInUser(), request: request)
            return try APIResponse.json(ChronologyJSON(person: person.id, entries: entries.map(ChronologyJSON.Entry.init)))
        }
    }

    // MARK: Who may open what

    /// The person in the path, when the viewer may open them (the read is logged).
    func readablePerson(_ context: ConfidantRequestContext) async throws -> (Person, UserAccount) {
        let (person, viewer, whole) = try await findablePerson(context)
        guard whole else { throw WebError.notFound }
        return (person, viewer)
    }

    /// The person in the path when the viewer may record a concern about them: anyone in the directory, or someone
    /// whose record they may open (`whole`). A directory person's record stays closed to the viewer: they see the
    /// directory's details and nothing of what others recorded, not even whether anyone has.
    func findablePerson(_ context: ConfidantRequestContext) async throws -> (Person, UserAccount, whole: Bool) {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        guard let facts = try await environment.records.personAccessFacts(id) else { throw WebError.notFound }
        let whole = RecordAccess.canRead(
            personCreatedBy: facts.createdBy, concernAuthors: facts.concernAuthors, inDirectory: facts.inDirectory, user: viewer)
        guard whole || facts.inDirectory, let person = try await environment.records.person(id, readBy: viewer, now: environment.clock())
        else { throw WebError.notFound }
        return (person, viewer, whole)
    }

    /// The concern in the path, when the viewer may open it (the read is logged); drafts only for their author.
    func readableConcern(_ context: ConfidantRequestContext) async throws -> Concern {
        let viewer = try context.signedInUser()
        let id = try await readableConcernID(context, viewer)
        guard let concern = try await environment.records.concern(id, readBy: viewer, now: environment.clock()) else { throw WebError.notFound }
        return concern
    }

    /// The concern in the path with the person it is about, for the concern's page: one logged read of both.
    func readableConcernAndPerson(_ context: ConfidantRequestContext) async throws -> (Concern, Person) {
        let viewer = try context.signedInUser()
        let id = try await readableConcernID(context, viewer)
        guard let found = try await environment.records.concernAndPerson(id, readBy: viewer, now: environment.clock()) else {
            throw WebError.notFound
        }
        return found
    }

    /// The id in the path, when the viewer may open that concern: a lead or its author; a draft only its author.
    func readableConcernID(_ context: ConfidantRequestContext, _ viewer: UserAccount) async throws -> UUID {
        let id = try context.uuidParameter()
        guard let facts = try await environment.records.concernFacts(id),
            RecordAccess.canRead(concernBy: facts.authorID, user: viewer),
            facts.status == .submitted || facts.authorID == viewer.id
        else { throw WebError.notFound }
        return id
    }

    /// The viewer's own draft in the path, with its person.
    func ownDraft(_ context: ConfidantRequestContext) async throws -> (Concern, Person) {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        guard let facts = try await environment.records.concernFacts(id), facts.authorID == viewer.id else { throw WebError.notFound }
        guard facts.status == .draft else {
            throw WebError.conflict(RecordError.submittedIsFinal.description)
        }
        guard let concern = try await environment.records.concern(id, readBy: viewer, now: environment.clock()),
            let person = try await environment.records.person(concern.personID, readBy: viewer, now: environment.clock())
        else { throw WebError.notFound }
        return (concern, person)
    }

    // MARK: People

    struct PersonRow: Sendable {
        let id: String
        let name: String
        let kind: String
        let dateOfBirth: String?
    }

    func row(_ person: Person) -> PersonRow {
        PersonRow(
            id: person.id.uuidString, name: person.details.name, kind: person.kind.label,
            dateOfBirth: person.details.dateOfBirth.isEmpty ? nil : person.details.dateOfBirth)
    }

    /// What a correction replaced: each field that changed, with its value before ("(blank)" for an empty one).
    static func earlierValues(_ before: PersonDetails, after: PersonDetails) -> [ShareField] {
        let fields: [(String, KeyPath<PersonDetails, String>)] = [
            ("Name", \.name), ("Known as", \.knownAs), ("Date of birth", \.dateOfBirth), ("Address", \.address),
            ("School, college or club", \.schoolOrClub), ("Group", \.group), ("Phone or email", \.contact), ("Identifiers", \.identifiers),
        ]
        return fields.filter { before[keyPath: $0.1] != after[keyPath: $0.1] }.map {
            ShareField($0.0, before[keyPath: $0.1].isEmpty ? "(blank)" : before[keyPath: $0.1])
        }
    }

    /// The leads' search of what was recorded: concerns, addenda and decisions, through the sealed text.
    func searchPage(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        struct Row: Sendable { let concernID: String; let person: String; let part: String; let when: String; let snippet: String }
        struct View { let chrome: PageChrome; let query: String; let searched: Bool; let rows: [Row]; let count: Int }
        let viewer = try context.signedInUser()
        let query = String(request.formQuery["q"].prefix(200)).trimmed
        let matches = query.isEmpty ? [] : try await environment.records.searchRecords(query)
        let people = try await environment.records.people(Set(matches.map(\.personID)))
        if !matches.isEmpty {
            var seen = Set<String>()
            let targets =
                (matches.map { "concern:\($0.concernID.uuidString.lowercased())" } + people.keys.map { "person:\($0.uuidString.lowercased())" })
                .filter { seen.insert($0).inserted }
            try await environment.records.logPageRead(targets, page: "page:search", by: viewer, now: environment.clock())
        }
        let rows = matches.map {
            Row(
                concernID: $0.concernID.uuidString, person: people[$0.personID]?.details.name ?? "Unknown person", part: $0.part.label,
                when: Self.format($0.at), snippet: $0.snippet)
        }
        return environment.pages.page(
            .search,
            View(
                chrome: try await environment.chrome("Search what was recorded", context, path: "/search"), query: query,
                searched: !query.isEmpty, rows: rows, count: rows.count))
    }

    /// The leads' page for importing the register into the directory.
    func importPage(
        _ context: ConfidantRequestContext, text: String, problems: [DirectoryRowProblem], result: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        struct View {
            let chrome: PageChrome
            let text: String
            let problems: [String]
            let result: String?
            let errors: [FieldError]
            let errorFor: [String: String]
        }
        let errors = problems.isEmpty ? [] : [FieldError(field: "register", message: "Nothing was imported: fix the rows listed and import again")]
        return environment.pages.page(
            .peopleImport,
            View(
                chrome: try await environment.chrome(errors.isEmpty ? "Import the register" : "Error: Import the register", context),
                text: text, problems: problems.map(\.description), result: result, errors: errors, errorFor: FieldError.byField(errors)),
            status: status)
    }

    /// A person's chronology as a page to print or keep: every entry with the words recorded, "printed by, on" and page
    /// numbers in the footer; de-identified on request (every name but the person's replaced by a pseudonym, and
    /// addresses, numbers and dates of birth removed), for sending outside. Logged as an export before it is made.
    func printedChronology(_ request: Request, _ context: ConfidantRequestContext, format: String, forPDF: Bool) async throws -> String {
        struct Entry: Sendable { let when: String; let kind: String; let summary: String; let detail: String? }
        struct View {
            let title: String
            let printedBy: String
            let printedOn: String
            let deidentified: Bool
            let entries: [Entry]
            /// Every mark on the person's concerns, drawn on one map (newer ones stronger), when there are any.
            let figures: BodyMapRoutes.Figures?
            /// For a PDF printed from a file: the stylesheet inline, and the footer's words (only plain characters, as they
            /// stand inside a CSS string). A page in the browser links the stylesheet, as the CSP asks.
            let css: String?
            let footer: String?
        }
        let (person, viewer) = try await readablePerson(context)
        let deidentified = request.uri.queryParameters["deidentified"] == "1"
        let now = environment.clock()
        try await environment.audit.append(
            AuditEntry(
                time: AuditClock.milliseconds(now), actor: AuditName.user(viewer.id), action: .export,
                target: "person:\(person.id.uuidString.lowercased())",
                detail: AuditDetail([
                    "what": .string("chronology"), "format": .string(format), "form": .string(deidentified ? "deidentified" : "identified"),
                ])))
        let concerns = try await environment.records.concerns(about: person.id, includeDraftsBy: viewer.id)
        var entries = try await chronology(of: person, viewer: viewer, request: request, concerns: concerns).map {
            Entry(when: $0.when, kind: $0.kind, summary: $0.summary, detail: $0.detail.flatMap(Self.shown))
        }
        let printable = concerns.filter { $0.status == .submitted && RecordAccess.canRead(concernBy: $0.authorID, user: viewer) }
        var marks = try await environment.bodyMarks.marks(about: person.id, onConcerns: Set(printable.map(\.id)))
        if deidentified {
            // Everyone the record and the organisation know is a known person, the person first; their pseudonym is
            // then given back their own name, since a chronology sent outside is about them.
            let household = ShareCase.knownPeople(of: person, household: try await environment.records.links(of: person.id))
            let staff = try await environment.users.all().map { KnownPerson(name: $0.name, role: .staff) }
            // Third parties who raised a concern are known too, as a share knows them.
            let disclosers = concerns.filter { $0.status == .submitted }.compactMap { Self.shown($0.narrative.thirdParty) }.map {
                KnownPerson(name: $0, role: .other)
            }
            let known = household + staff + disclosers
            let subjectPseudonym = Pseudonymiser.knownPseudonyms(for: known)[0]
            var pseudonyms = Pseudonymiser()
            let redactor = Redactor()
            func clean(_ text: String) -> String {
                redactor.redact(text, people: known, organisations: [], pseudonyms: &pseudonyms).text
                    .replacingOccurrences(of: subjectPseudonym, with: person.details.name)
            }
            entries = entries.map { Entry(when: $0.when, kind: $0.kind, summary: clean($0.summary), detail: $0.detail.map(clean)) }
            marks = marks.map { $0.rewritten(by: clean) }
        }
        let css = forPDF ? (try? String(contentsOfFile: environment.publicDirectory + "/chronology-print.css", encoding: .utf8)) ?? "" : nil
        let footer = "Printed by \(viewer.name) on \(ShareRoutes.spoken(now))".filter {
            $0.isLetter || $0.isNumber || " ,.:-()".contains($0)
        }
        let view = View(
            title: "Chronology of \(person.details.name)" + (deidentified ? " (other people de-identified)" : ""),
            printedBy: viewer.name, printedOn: ShareRoutes.spoken(now), deidentified: deidentified, entries: entries,
            figures: marks.isEmpty ? nil : BodyMapRoutes(environment: environment).figures(marks, kind: person.kind, fading: true, links: false),
            css: css, footer: forPDF ? footer : nil)
        return environment.pages.render(.chronologyPrint, view)
    }

    /// A directory person whose record the viewer may not open: who they are, and a way to record a concern.
    func directoryPage(_ context: ConfidantRequestContext, person: Person, viewer: UserAccount) async throws -> Response {
        struct Own: Sendable { let link: String; let label: String }
        struct View { let chrome: PageChrome; let id: String; let name: String; let kind: String; let facts: [ShareField]; let own: [Own] }
        // Their own concerns about the person, and nobody else's.
        let own = try await environment.records.concerns(about: person.id, includeDraftsBy: viewer.id).filter { $0.authorID == viewer.id }.map {
            Own(
                link: $0.status == .draft ? "/concerns/\($0.id)/edit" : "/concerns/\($0.id)",
                label: ($0.status == .draft ? "Draft, " : "Submitted, ") + Self.format($0.conversationAt ?? $0.createdAt))
        }
        var facts: [ShareField] = []
        if let knownAs = Self.shown(person.details.knownAs) { facts.append(ShareField("Known as", knownAs)) }
        if let birth = Self.shown(person.details.dateOfBirth) { facts.append(ShareField("Date of birth", birth)) }
        if let group = Self.shown(person.details.group) { facts.append(ShareField("Group", group)) }
        return environment.pages.page(
            .personDirectory,
            View(
                chrome: try await environment.chrome(person.details.name, context), id: person.id.uuidString, name: person.details.name,
                kind: person.kind.label, facts: facts, own: own))
    }

    /// A person's details as the person form sent them; a date of birth typed as people write it is kept as YYYY-MM-DD.
    static func personDetails(_ form: FormFields) -> PersonDetails {
        let birth = form["date_of_birth"].trimmed
        return PersonDetails(
            name: form["name"].trimmed, knownAs: form["known_as"].trimmed, dateOfBirth: CalendarDay(typed: birth)?.iso ?? birth,
            address: form["address"].trimmed, schoolOrClub: form["school_or_club"].trimmed, group: form["group"].trimmed,
            contact: form["contact"], identifiers: form["identifiers"])
    }

    /// A detail as a page shows it: nil when blank, since a template treats an empty text as present.
    static func shown(_ text: String) -> String? { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text }

    func visible(_ viewer: UserAccount) async throws -> (Person) -> Bool {
        if viewer.role.isSafeguardingLead { return { _ in true } }
        let mine = Set(try await environment.records.concerns(writtenBy: viewer.id).map(\.personID))
        return { $0.createdBy == viewer.id || mine.contains($0.id) }
    }

    func peoplePage(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        struct View {
            let chrome: PageChrome
            let query: String
            let searched: Bool
            let results: [PersonRow]
            let resultCount: Int
            let more: Bool
            let isLead: Bool
        }
        let viewer = try context.signedInUser()
        let query = String(request.formQuery["q"].prefix(200)).trimmed
        var results: [PersonRow] = []
        var more = false
        if !query.isEmpty {
            // Everyone in the directory can be found, so that nobody is recorded twice; others only by those who may open them.
            let allowed = try await visible(viewer)
            let found = try await environment.records.searchPeople(
                query, readBy: viewer, visibleTo: { $0.inDirectory || allowed($0) },
                // Identifiers (an NHS number, a case reference) are searched only in records the viewer may open: matching
                // them in anyone's would let a search spell out a number it never shows.
                matchIdentifiers: allowed, now: environment.clock())
            results = found.people.map(row)
            more = found.more
        }
        return environment.pages.page(
            .people,
            View(
                chrome: try await environment.chrome("People", context, path: "/people"), query: query, searched: !query.isEmpty,
                results: results, resultCount: results.count, more: more, isLead: viewer.role.isSafeguardingLead))
    }

    struct PersonFormView {
        let chrome: PageChrome
        let heading: String
        let action: String
        let button: String
        let editing: Bool
        let form: PersonDetails
        let kinds: [Option]
        let duplicates: [PersonRow]
        let hasDuplicates: Bool
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    func newPersonPage(
        _ context: ConfidantRequestContext, form: PersonDetails, kind: PersonKind?, duplicates: [Person],
        errors: [RecordFieldError], status: HTTPResponse.Status, editing: Person? = nil
    ) async throws -> Response {
        let heading = editing.map { "Correct the details of \($0.details.name)" } ?? "Record a new person"
        let view = PersonFormView(
            chrome: try await environment.chrome(errors.isEmpty ? heading : "Error: \(heading)", context), heading: heading,
            action: editing.map { "/people/\($0.id)/edit" } ?? "/people", button: editing == nil ? "Save person" : "Save the correction",
            editing: editing != nil, form: form,
            kinds: PersonKind.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0 == kind) },
            duplicates: duplicates.map(row), hasDuplicates: !duplicates.isEmpty,
            errors: errors.map { FieldError(field: $0.field, message: $0.message) },
            errorFor: FieldError.byField(errors, groups: ["kind"]))
        return environment.pages.page(.personNew, view, status: status)
    }

    func createPerson(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let form = try await FormFields.read(request, context: context)
        let details = Self.personDetails(form)
        let now = environment.clock()
        var errors = details.problems(now: now)
        let kind = PersonKind(rawValue: form["kind"])
        if kind == nil { errors.insert(RecordFieldError(field: "kind-child", message: "Choose who this is about"), at: 0) }
        guard let kind, errors.isEmpty else {
            return try await newPersonPage(context, form: details, kind: kind, duplicates: [], errors: errors, status: .badRequest)
        }
        // Only people the recorder may open are offered as "the same person"; a match they may not
        // open is never mentioned to them (it would confirm that someone has a record) and goes to the leads.
        let duplicates = try await environment.records.likelyDuplicates(of: details)
        let allowed = try await visible(viewer)
        let shown = duplicates.filter { $0.inDirectory || allowed($0) }
        if form["confirm_new"] != "yes", !shown.isEmpty {
            try await environment.records.logShown(shown, to: viewer, now: now)
            return try await newPersonPage(context, form: details, kind: kind, duplicates: shown, errors: [], status: .conflict)
        }
        let person = try await environment.records.createPerson(
            kind: kind, details: details, by: viewer.id, now: now,
            possibleDuplicates: duplicates.filter { !($0.inDirectory || allowed($0)) }.map(\.id))
        return .redirect(to: "/people/\(person.id)")
    }

    func addLink(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let (person, viewer) = try await readablePerson(context)
        let form = try await FormFields.read(request, context: context)
        let details = PersonDetails(name: form["name"].trimmed)
        let now = environment.clock()
        guard let kind = PersonKind(rawValue: form["kind"]), let relationship = Relationship(rawValue: form["relationship"]) else {
            throw WebError.badRequest("Choose who they are and how they are related from the lists.")
        }
        if let problem = details.problems(now: now).first {
            return try await personPage(
                request, context, errors: [FieldError(field: "link_name", message: problem.message)], status: .badRequest,
                linkName: form["name"])
        }
        _ = try await environment.records.addRelative(to: person.id, kind: kind, details: details, as: relationship, by: viewer.id, now: now)
        return .redirect(to: "/people/\(person.id)")
    }

    // MARK: The person page and chronology

    struct TimelineEntry: Sendable {
        let at: Date
        let when: String
        let kind: String
        let summary: String
        let link: String?
        let categories: [ConcernCategory]
        /// What a printed chronology adds under the entry: the words recorded, the reason decided.
        var detail: String? = nil
    }

    /// A filter's day as a date input shows it (YYYY-MM-DD), however it was typed; what is not a day is not shown back.
    static func shownDay(_ typed: Substring?) -> String {
        typed.flatMap { CalendarDay(typed: String($0.prefix(40))) }?.iso ?? ""
    }

    /// `concerns`: the person's concerns when the caller has them already (the person page), so they are read once.
    func chronology(
        of person: Person, viewer: UserAccount, request: Request, concerns known: [Concern]? = nil, names knownNames: [UUID: String]? = nil
    ) async throws -> [TimelineEntry] {
        let query = request.uri.queryParameters
        let category = query["category"].flatMap { ConcernCategory(rawValue: String($0)) }
        let from = query["from"].flatMap { CalendarDay(typed: String($0)) }?.start
        let to = query["to"].flatMap { CalendarDay(typed: String($0)) }?.start.addingTimeInterval(24 * 3600)
        var entries: [TimelineEntry] = []
        var names = knownNames ?? [:]
        if knownNames == nil { names = try await environment.users.names() }
        var concerns = known ?? []
        if known == nil { concerns = try await environment.records.concerns(about: person.id, includeDraftsBy: viewer.id) }
        concerns = concerns.filter { RecordAccess.canRead(concernBy: $0.authorID, user: viewer) }
        // What hangs from the concerns is read a table at a time for all of them, not a few statements per concern.
        let submitted = concerns.filter { $0.status == .submitted }
        let history = try await environment.records.history(of: submitted.map(\.id), about: person.id)
        let shares = try await ShareRoutes(environment: environment).chronology(of: submitted, viewer: viewer, names: names)
        for concern in concerns {
            let at = concern.conversationAt ?? concern.createdAt
            let title = concern.status == .draft ? "Draft concern (not submitted)" : "Concern"
            entries.append(
                TimelineEntry(
                    at: at, when: Self.format(at), kind: title,
                    summary:
                        "\(concern.categories.map(\.label).joined(separator: ", ")) · \(concern.risk?.label ?? "risk not yet given") · recorded by \(names[concern.authorID] ?? "unknown")",
                    link: concern.status == .draft ? "/concerns/\(concern.id)/edit" : "/concerns/\(concern.id)", categories: concern.categories,
                    detail: [
                        concern.narrative.account, concern.narrative.observations, concern.narrative.actionsTaken,
                        Self.shown(concern.narrative.wishes).map { "What they want to happen: \($0)" } ?? "",
                    ]
                    .filter { Self.shown($0) != nil }.joined(separator: "\n\n")))
            guard concern.status == .submitted else { continue }
            for addendum in history.addenda[concern.id] ?? [] {
                entries.append(
                    TimelineEntry(
                        at: addendum.createdAt, when: Self.format(addendum.createdAt), kind: "Addendum",
                        summary: "by \(names[addendum.authorID] ?? "unknown")", link: "/concerns/\(concern.id)",
                        categories: concern.categories, detail: addendum.text))
            }
            for decision in history.decisions[concern.id] ?? [] {
                entries.append(
                    TimelineEntry(
                        at: decision.decidedAt, when: Self.format(decision.decidedAt), kind: "Decision: \(decision.outcome.label)",
                        summary: "by \(names[decision.deciderID] ?? "unknown")", link: "/concerns/\(concern.id)",
                        categories: concern.categories, detail: decision.reason))
            }
            if let closure = history.closures[concern.id] {
                entries.append(
                    TimelineEntry(
                        at: closure.closedAt, when: Self.format(closure.closedAt), kind: "Closed: \(closure.achieved.label)",
                        summary: "by \(names[closure.closedBy] ?? "unknown")", link: "/concerns/\(concern.id)", categories: concern.categories,
                        detail: closure.personView.isEmpty ? "" : "Their own view: \(closure.personView)"))
            }
            entries += shares[concern.id] ?? []
        }
        return
            entries
            .filter { entry in category.map { entry.categories.contains($0) } ?? true }
            .filter { entry in from.map { entry.at >= $0 } ?? true }
            .filter { entry in to.map { entry.at < $0 } ?? true }
            .sorted { $0.at < $1.at }
    }

    func personPage(
        _ request: Request, _ context: ConfidantRequestContext, errors: [FieldError] = [], status: HTTPResponse.Status = .ok,
        linkName: String = ""
    ) async throws -> Response {
        struct PersonView: Sendable {
            let id, idLower, name, kind: String
            /// Blank details are nil, so the page leaves them out rather than showing an empty value.
            let knownAs, dateOfBirth, address, schoolOrClub, group, contact, identifiers: String?
        }
        struct LinkRow: Sendable { let id: String; let name: String; let relationship: String }
        struct CorrectionRow: Sendable { let when: String; let by: String; let earlier: [ShareField] }
        struct Filters: Sendable { let from: String; let to: String }
        struct View {
            let chrome: PageChrome
            let person: PersonView
            let isLead: Bool
            let links: [LinkRow]
            /// Each correction of the details, newest first, with the values it replaced.
            let corrections: [CorrectionRow]
            let kinds: [Option]
            let relationships: [Option]
            let categoryOptions: [Option]
            let filters: Filters
            let timeline: [TimelineEntry]
            let errors: [FieldError]
            let linkError: String?
            let linkName: String
            let attachments: AttachmentsSection
            /// Every mark on the concerns the viewer may open, newer ones stronger, within the filter's days.
            let figures: BodyMapRoutes.Figures
            let markFilters: Filters
            let markSummary: String
            let hasMarks: Bool
            /// For the leads: when the file is next reviewed under the retention schedule, and why.
            let retention: Retention?
        }
        struct Retention: Sendable { let standing: String; let reason: String }
        let (person, viewer, whole) = try await findablePerson(context)
        guard whole else { return try await directoryPage(context, person: person, viewer: viewer) }
        let links = try await environment.records.links(of: person.id).map {
            LinkRow(id: $0.person.id.uuidString, name: $0.person.details.name, relationship: $0.relationship.label)
        }
        let names = try await environment.users.names()
        let history = try await environment.records.corrections(of: person.id)
        let corrections = history.enumerated().map { index, correction in
            let after = index == 0 ? person.details : history[index - 1].before
            let earlier = Self.earlierValues(correction.before, after: after)
            return CorrectionRow(when: Self.format(correction.changedAt), by: names[correction.changedBy] ?? "unknown", earlier: earlier)
        }
        let query = request.uri.queryParameters
        let category = query["category"].map(String.init) ?? ""
        let readable = try await environment.records.concerns(about: person.id, includeDraftsBy: viewer.id)
            .filter { RecordAccess.canRead(concernBy: $0.authorID, user: viewer) }
        let seenFrom = query["seen_from"].flatMap { CalendarDay(typed: String($0.prefix(40))) }
        let seenTo = query["seen_to"].flatMap { CalendarDay(typed: String($0.prefix(40))) }
        let allMarks = try await environment.bodyMarks.marks(about: person.id, onConcerns: Set(readable.map(\.id)))
        let marks = allMarks.filter { mark in
            (seenFrom.map { mark.seenOn >= $0 } ?? true) && (seenTo.map { mark.seenOn <= $0 } ?? true)
        }
        let markConcerns = Set(marks.map(\.concernID)).count
        let markSummary =
            allMarks.isEmpty
            ? "No marks have been recorded on a body map."
            : "\(marks.count) of \(allMarks.count) \(allMarks.count == 1 ? "mark" : "marks"), from \(markConcerns) \(markConcerns == 1 ? "concern" : "concerns"). Newer marks are drawn stronger."
        let view = View(
            chrome: try await environment.chrome(person.details.name, context),
            person: PersonView(
                id: person.id.uuidString, idLower: person.id.uuidString.lowercased(), name: person.details.name,
                kind: person.kind.label, knownAs: Self.shown(person.details.knownAs), dateOfBirth: Self.shown(person.details.dateOfBirth),
                address: Self.shown(person.details.address), schoolOrClub: Self.shown(person.details.schoolOrClub),
                group: Self.shown(person.details.group),
                contact: Self.shown(person.details.contact), identifiers: Self.shown(person.details.identifiers)),
            isLead: viewer.role.isSafeguardingLead, links: links, corrections: corrections,
            kinds: PersonKind.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: false) },
            relationships: Relationship.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: false) },
            categoryOptions: ConcernCategory.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0.rawValue == category) },
            filters: Filters(from: Self.shownDay(query["from"]), to: Self.shownDay(query["to"])),
            timeline: try await chronology(of: person, viewer: viewer, request: request, concerns: readable, names: names), errors: errors,
            linkError: errors.first { $0.field == "link_name" }?.message, linkName: linkName,
            attachments: try await AttachmentRoutes(environment: environment).section(
                of: .person(person.id), for: viewer, action: "/people/\(person.id)/attachments", errors: errors),
            figures: BodyMapRoutes(environment: environment).figures(marks, kind: person.kind, fading: true, links: true),
            markFilters: Filters(from: Self.shownDay(query["seen_from"]), to: Self.shownDay(query["seen_to"])), markSummary: markSummary,
            hasMarks: !allMarks.isEmpty,
            retention: try await retention(of: person, for: viewer).map { Retention(standing: $0.standing, reason: $0.reason) })
        return environment.pages.page(.person, view, status: status)
    }

    /// The file's retention review, for the safeguarding leads who decide it.
    func retention(of person: Person, for viewer: UserAccount) async throws -> (standing: String, reason: String)? {
        guard viewer.role.isSafeguardingLead else { return nil }
        let file = try await environment.retention.file(of: person)
        return (file.standingWords(today: CalendarDay(containing: environment.clock())), file.reviewReason)
    }

    // MARK: Concerns

    struct ConcernFormView {
        let chrome: PageChrome
        let personName: String
        let action: String
        let form: ConcernForm
        let disclosedBy: [Option]
        let limits: [Option]
        let secrecy: [Option]
        let offers: [Option]
        let categories: [Option]
        let risks: [Option]
        /// How the form asks what the person wants: an adult's desired outcomes, a child's wishes and feelings.
        let wishesLabel: String
        let errors: [FieldError]
        /// Each field's message, shown beside it (the summary at the top links to the same fields).
        let errorFor: [String: String]
        /// When the draft was last saved, just after "Save draft".
        let savedAt: String?
        /// Whether the form holds what was kept when its writer was signed out.
        let restored: Bool
        /// The page of this form, where its writer comes back to after signing in again.
        let page: String
        /// Once the draft is saved: its files, and its body map.
        let attachments: AttachmentsSection?
        let bodyMap: String?
    }

    func concernForm(
        _ context: ConfidantRequestContext, person: Person, concern: Concern, form: ConcernForm, errors: [RecordFieldError],
        action: String, status: HTTPResponse.Status, savedAt: String? = nil, restored: Bool = false
    ) async throws -> Response {
        func yesNo(_ value: Bool?) -> [Option] {
            [Option(value: "yes", label: "Yes", checked: value == true), Option(value: "no", label: "No", checked: value == false)]
        }
        let viewer = try context.signedInUser()
        let saved = try await environment.records.concernFacts(concern.id) != nil
        let fieldErrors = errors.map { FieldError(field: $0.field, message: $0.message) }
        let view = ConcernFormView(
            chrome: try await environment.chrome(errors.isEmpty ? "Record a concern" : "Error: Record a concern", context),
            personName: person.details.name, action: action, form: form,
            disclosedBy: DisclosedBy.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0 == concern.disclosedBy) },
            limits: yesNo(concern.limitsExplained), secrecy: yesNo(concern.secrecyRequested),
            offers: ConfidentialityOffered.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0 == concern.offered) },
            categories: ConcernCategory.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: concern.categories.contains($0)) },
            risks: RiskLevel.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0 == concern.risk) },
            wishesLabel: person.kind == .child
                ? "Their wishes and feelings: what they want to happen, in their words"
                : "What they want to happen (the outcomes they want), in their words",
            errors: errors.map { FieldError(field: Self.anchor($0.field), message: $0.message) },
            errorFor: FieldError.byField(errors), savedAt: savedAt,
            restored: restored, page: action.replacingOccurrences(of: "/concerns?draft=", with: "/concerns/new?draft="),
            attachments: saved
                ? try await AttachmentRoutes(environment: environment).section(
                    of: .concern(concern.id), for: viewer, action: "/concerns/\(concern.id)/attachments", errors: fieldErrors) : nil,
            bodyMap: saved ? "/concerns/\(concern.id)/body-map" : nil)
        return environment.pages.page(.concernForm, view, status: status)
    }

    /// The viewer's draft in the path, its form as saved, with `errors` from one of its other forms (its files).
    func draftPage(_ context: ConfidantRequestContext, errors: [FieldError]) async throws -> Response {
        let (concern, person) = try await ownDraft(context)
        return try await concernForm(
            context, person: person, concern: concern, form: ConcernForm(concern),
            errors: errors.map { RecordFieldError(field: $0.field, message: $0.message) }, action: "/concerns/\(concern.id)/edit",
            status: .badRequest)
    }

    /// The id of the input an error links to: a radio group links to its first option.
    static func anchor(_ field: String) -> String {
        switch field {
        case "disclosed_by": "disclosed_by-person"
        case "limits_explained": "limits_explained-yes"
        case "secrecy_requested": "secrecy_requested-yes"
        case "offered": "offered-limited"
        case "categories": "categories-physical"
        case "risk": "risk-none"
        default: field
        }
    }

    /// The form with what its writer sent after their session ended, if anything was kept for it, or a blank form.
    func keptOrBlankForm(_ context: ConfidantRequestContext, person: Person, concern: Concern, action: String) async throws -> Response {
        if let kept = try await keptForm(context, person: person, concern: concern, action: action, keptAt: [action]) { return kept }
        return try await concernForm(context, person: person, concern: concern, form: ConcernForm(), errors: [], action: action, status: .ok)
    }

    /// The form (posting to `action`) filled with what was kept for its writer at any of `keptAt`, or nil; shown once,
    /// not yet saved.
    func keptForm(
        _ context: ConfidantRequestContext, person: Person, concern: Concern, action: String, keptAt addresses: [String]
    ) async throws -> Response? {
        let viewer = try context.signedInUser()
        var body: String?
        for address in addresses where body == nil {
            body = try await environment.keptForms.take(user: viewer.id, path: address, now: environment.clock())
        }
        guard let body else { return nil }
        var filled = concern
        let (shown, _) = ConcernForm.read(try FormFields(urlEncoded: body), into: &filled)
        return try await concernForm(context, person: person, concern: filled, form: shown, errors: [], action: action, status: .ok, restored: true)
    }

    func saveConcern(_ request: Request, _ context: ConfidantRequestContext, person: Person, draft: Concern, action: String) async throws -> Response
    {
        let viewer = try context.signedInUser()
        let form = try await FormFields.read(request, context: context)
        var concern = draft
        let (shown, readErrors) = ConcernForm.read(form, into: &concern)
        let now = environment.clock()
        let submitting = form["action"] == "submit"
        var errors = readErrors + concern.problemsInAnyDraft()
        if submitting, errors.isEmpty {
            errors = concern.problemsBeforeSubmitting(now: now, dateOfBirth: CalendarDay(person.details.dateOfBirth))
        }
        guard errors.isEmpty else {
            return try await concernForm(context, person: person, concern: concern, form: shown, errors: errors, action: action, status: .badRequest)
        }
        let saved = try await environment.records.saveDraft(concern, by: viewer.id, now: now)
        // The page's autosave needs only to know it worked: no page, so no read of the record every 20 seconds.
        if !submitting, KeepWordsMiddleware.isAutosave(request) { return Response(status: .noContent) }
        guard submitting else { return .redirect(to: "/concerns/\(saved.id)/edit?saved=1") }
        let submitted = try await environment.records.submit(saved, by: viewer.id, now: now)
        return .redirect(to: "/concerns/\(submitted.id)?submitted=1")
    }

    /// A concern's written parts as the page shows them: a blank part is left out rather than shown as an empty box
    /// (a template treats an empty text as present).
    struct NarrativeView: Sendable {
        let place, thirdParty, account, observations, opinion, limitsHow, actionsTaken, wishes, wishesNotAsked: String?

        init(_ concern: Concern) {
            func shown(_ text: String) -> String? { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text }
            let narrative = concern.narrative
            place = shown(narrative.place)
            thirdParty = concern.disclosedBy == .thirdParty ? shown(narrative.thirdParty) : nil
            account = shown(narrative.account)
            observations = shown(narrative.observations)
            opinion = shown(narrative.opinion)
            limitsHow = shown(narrative.limitsHow)
            actionsTaken = shown(narrative.actionsTaken)
            wishes = shown(narrative.wishes)
            wishesNotAsked = shown(narrative.wishesNotAsked)
        }
    }

    /// What a lead or recorder typed on the concern page, shown again with its mistakes.
    struct EnteredOnConcern: Sendable {
        var outcome = ""
        var reason = ""
        var reviewDate = ""
        var referralDate = ""
        var referralReference = ""
        var addendum = ""
        var achieved = ""
        var personView = ""
    }

    /// A concern's closure as its page shows it.
    struct ClosureRow: Sendable {
        let achieved: String
        let by: String
        let when: String
        let personView: String?
    }

    func concernPage(
        _ request: Request, _ context: ConfidantRequestContext, errors: [FieldError], status: HTTPResponse.Status,
        entered: EnteredOnConcern = EnteredOnConcern()
    ) async throws -> Response {
        struct AddendumRow: Sendable { let author: String; let when: String; let text: String }
        struct DecisionRow: Sendable {
            let outcome: String
            let decider: String
            let when: String
            let reviewDate: String?
            let referral: String?
            let reason: String
        }
        struct LeadRow: Sendable { let id: String; let name: String }
        struct View {
            let chrome: PageChrome
            let id: String
            let idLower: String
            let personID: String
            let personName: String
            let justSubmitted: Bool
            let immediateDanger: Bool
            let alerts: [String]
            let status: String
            let author: String
            let signedAt: String
            /// Where a concern that arrived in a transfer came from, and who wrote it there.
            let transferredFrom: String?
            let when: String
            let disclosedBy: String
            let categories: String
            let risk: String
            let limitsExplained: String
            let secrecyRequested: String
            let offered: String
            let narrative: NarrativeView
            let addenda: [AddendumRow]
            let canAddAddendum: Bool
            let decisions: [DecisionRow]
            let isLead: Bool
            let outcomes: [Option]
            let leads: [LeadRow]
            let hasDeputies: Bool
            /// Shares whose recipient has not had a correction added since (for their proposer and the leads).
            let corrections: [CorrectionRow]
            let errors: [FieldError]
            let errorFor: [String: String]
            let decisionForm: EnteredOnConcern
            let addendumText: String
            /// The case's closure once closed; before that, for a lead after triage, the form that closes it.
            let closure: ClosureRow?
            let canClose: Bool
            let achievedOptions: [Option]
            let askedWishes: Bool
            let attachments: AttachmentsSection
            /// The concern's body map, when it has marks.
            let figures: BodyMapRoutes.Figures?
        }
        struct CorrectionRow: Sendable { let id: String; let recipient: String; let when: String }
        let viewer = try context.signedInUser()
        let (concern, person) = try await readableConcernAndPerson(context)
        if concern.status == .draft { return .redirect(to: "/concerns/\(concern.id)/edit") }
        let accounts = try await environment.users.all()
        let names = Dictionary(accounts.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let leads = accounts.filter { $0.role.isSafeguardingLead && !$0.disabled }
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? "Yes" : "No" } ?? "Not recorded" }
        let history = try await environment.records.history(of: [concern.id], about: person.id)
        let decisions = history.decisions[concern.id] ?? []
        let closure = history.closures[concern.id]
        let marks = try await environment.bodyMarks.marks(on: concern.id)
        let view = View(
            chrome: try await environment.chrome("Concern", context), id: concern.id.uuidString,
            idLower: concern.id.uuidString.lowercased(), personID: person.id.uuidString,
            personName: person.details.name, justSubmitted: request.uri.queryParameters["submitted"] != nil,
            immediateDanger: concern.risk == .immediateDanger, alerts: concern.alerts.map(\.label),
            status: concern.status == .submitted ? "Submitted" : "Draft", author: names[concern.authorID] ?? "unknown",
            signedAt: concern.submittedAt.map(Self.format) ?? "", transferredFrom: concern.transferredFrom,
            when: concern.conversationAt.map(Self.format) ?? "",
            disclosedBy: concern.disclosedBy?.label ?? "", categories: concern.categories.map(\.label).joined(separator: ", "),
            risk: concern.risk?.label ?? "", limitsExplained: yesNo(concern.limitsExplained), secrecyRequested: yesNo(concern.secrecyRequested),
            offered: concern.offered?.label ?? "", narrative: NarrativeView(concern),
            addenda: (history.addenda[concern.id] ?? []).map {
                AddendumRow(author: names[$0.authorID] ?? "unknown", when: Self.format($0.createdAt), text: $0.text)
            },
            canAddAddendum: concern.authorID == viewer.id || viewer.role.isSafeguardingLead,
            decisions: decisions.map {
                DecisionRow(
                    outcome: $0.outcome.label, decider: names[$0.deciderID] ?? "unknown", when: Self.format($0.decidedAt),
                    reviewDate: $0.reviewDate,
                    referral: $0.referral.map { "referred on \($0.date)" + ($0.reference.isEmpty ? "" : ", reference \($0.reference)") },
                    reason: $0.reason)
            },
            isLead: viewer.role.isSafeguardingLead,
            outcomes: TriageOutcome.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: $0.rawValue == entered.outcome) },
            leads: leads.map { LeadRow(id: $0.id.uuidString, name: "\($0.name) (\($0.role.title))") }, hasDeputies: leads.count > 1,
            corrections: try await ShareRoutes(environment: environment).sharesMissingCorrection(ofConcern: concern.id)
                .filter { viewer.role.isSafeguardingLead || $0.proposerID == viewer.id }
                .map { CorrectionRow(id: $0.id.uuidString, recipient: $0.snapshot.recipient, when: Self.format($0.createdAt)) },
            errors: errors,
            errorFor: FieldError.byField(errors, groups: ["outcome", "achieved"]),
            decisionForm: entered, addendumText: entered.addendum,
            closure: closure.map {
                ClosureRow(
                    achieved: $0.achieved.label, by: names[$0.closedBy] ?? "unknown", when: Self.format($0.closedAt),
                    personView: $0.personView.isEmpty ? nil : $0.personView)
            },
            canClose: viewer.role.isSafeguardingLead && closure == nil && !decisions.isEmpty,
            achievedOptions: CaseClosure.Achieved.allCases.map {
                Option(value: $0.rawValue, label: $0.label, checked: $0.rawValue == entered.achieved)
            },
            askedWishes: concern.narrative.wishesAsked == true,
            attachments: try await AttachmentRoutes(environment: environment).section(
                of: .concern(concern.id), for: viewer,
                action: concern.authorID == viewer.id || viewer.role.isSafeguardingLead ? "/concerns/\(concern.id)/attachments" : nil,
                errors: errors),
            figures: marks.isEmpty ? nil : BodyMapRoutes(environment: environment).figures(marks, kind: person.kind, fading: false, links: false))
        return environment.pages.page(.concern, view, status: status)
    }

    func decide(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let concern = try await readableConcern(context)
        let form = try await FormFields.read(request, context: context)
        var entered = EnteredOnConcern(
            outcome: form["outcome"], reason: form["reason"], reviewDate: form["review_date"].trimmed,
            referralDate: form["referral_date"].trimmed, referralReference: form["referral_reference"].trimmed)
        var errors: [FieldError] = []
        let outcome = TriageOutcome(rawValue: form["outcome"])
        if outcome == nil { errors.append(FieldError(field: "outcome-share", message: "Choose a decision")) }
        let reason = form["reason"].trimmed
        if reason.isEmpty { errors.append(FieldError(field: "reason", message: "Give the reason for the decision")) }
        if reason.count > ConcernNarrative.maximumFieldLength { errors.append(FieldError(field: "reason", message: "Keep the reason shorter")) }
        let now = environment.clock()
        var reviewDate: String?
        if outcome == .monitor {
            if let day = CalendarDay(typed: entered.reviewDate), day.start > now {
                reviewDate = day.iso
                entered.reviewDate = day.iso
            } else {
                errors.append(FieldError(field: "review_date", message: "When monitoring, give a review date in the future, like 24/11/2026"))
            }
        }
        var referral: TriageReferral?
        if outcome?.isReferral == true {
            if let day = CalendarDay(typed: entered.referralDate), day.start <= now {
                referral = TriageReferral(date: day.iso, reference: String(entered.referralReference.prefix(200)))
                entered.referralDate = day.iso
            } else {
                errors.append(FieldError(field: "referral_date", message: "Give the date the referral was made, today or earlier"))
            }
        }
        guard let outcome, errors.isEmpty else {
            return try await concernPage(request, context, errors: errors, status: .badRequest, entered: entered)
        }
        _ = try await environment.records.decide(
            concern.id, outcome: outcome, reason: reason, reviewDate: reviewDate, referral: referral, by: viewer.id, now: now)
        return .redirect(to: "/concerns/\(concern.id)")
    }

    /// A lead closes a triaged concern: was what the person wanted achieved, and what is their own view (Making
    /// Safeguarding Personal). A mistake shows the page again with it beside its field.
    func close(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let concern = try await readableConcern(context)
        let form = try await FormFields.read(request, context: context)
        let entered = EnteredOnConcern(achieved: form["achieved"], personView: form["person_view"])
        let achieved = CaseClosure.Achieved(rawValue: form["achieved"])
        let problems = CaseClosure.problems(achieved: achieved, personView: form["person_view"])
        guard problems.isEmpty, let achieved else {
            let errors = problems.map { FieldError(field: $0.field == "achieved" ? "achieved-fully" : $0.field, message: $0.message) }
            return try await concernPage(request, context, errors: errors, status: .badRequest, entered: entered)
        }
        guard !(try await environment.records.decisions(on: concern.id)).isEmpty else {
            throw WebError.conflict("Record a triage decision before closing the concern.")
        }
        _ = try await environment.records.close(
            concern.id, achieved: achieved, personView: form["person_view"].trimmed, by: viewer.id, now: environment.clock())
        return .redirect(to: "/concerns/\(concern.id)")
    }

    /// How many concerns one page of the triage queue shows.
    static let triagePageSize = 50

    func triagePage(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        struct Item: Sendable {
            let id, personName, categories, risk, age, assignedTo: String
            let alerts: [String]
            /// Waiting longer than the organisation allows for its risk: shown in red.
            let late: Bool
        }
        struct View {
            let chrome: PageChrome
            let items: [Item]
            let summary: String
            let laterPage: Bool
            let next: String?
            let pageSize: Int
        }
        let viewer = try context.signedInUser()
        let now = environment.clock()
        var after: TriageCursor?
        if let text = request.uri.queryParameters["after"] {
            guard let cursor = TriageCursor(text: String(text)) else {
                throw WebError.badRequest("That link to a page of the queue is not right. Start again from the triage page.")
            }
            after = cursor
        }
        let names = try await environment.users.names()
        let page = try await environment.records.triageQueue(after: after, limit: Self.triagePageSize)
        // The queues are counted once, for the summary and the menu's badge.
        let queues = try await environment.notices.leadQueues(now: now)
        let waiting = queues.triage
        let people = try await environment.records.people(Set(page.concerns.map(\.personID)))
        // The page names everyone on it: one logged read of the page, not one durable write per row.
        if !page.concerns.isEmpty {
            try await environment.records.logPageRead(
                Array(Set(page.concerns.map { "person:\($0.personID.uuidString.lowercased())" })).sorted(), page: "page:triage", by: viewer,
                now: now)
        }
        let waits = environment.configuration.triageWaits
        let items = page.concerns.map { concern in
            let since = concern.submittedAt ?? concern.createdAt
            let allowed = concern.risk == .immediateDanger ? waits.immediateDanger : waits.usual
            return Item(
                id: concern.id.uuidString, personName: people[concern.personID]?.details.name ?? "unknown",
                categories: concern.categories.map(\.label).joined(separator: ", "), risk: concern.risk?.label ?? "",
                age: Self.age(since: since, now: now), assignedTo: concern.assignedTo.flatMap { names[$0] } ?? "Any lead",
                alerts: concern.alerts.map(\.label), late: now.timeIntervalSince(since) > allowed)
        }
        let summary =
            waiting == 1
            ? "1 concern is waiting."
            : items.count == waiting
                ? "\(waiting) concerns are waiting."
                : "\(WebEnvironment.queueCount(waiting)) concerns are waiting; this page shows \(items.count) of them."
        return environment.pages.page(
            .triage,
            View(
                chrome: try await environment.chrome("Triage", context, path: "/triage", queues: queues), items: items, summary: summary,
                laterPage: after != nil, next: page.next?.text, pageSize: Self.triagePageSize))
    }

    func myRecordsPage(_ context: ConfidantRequestContext) async throws -> Response {
        struct Item: Sendable { let link, personName, status, when: String }
        struct View { let chrome: PageChrome; let items: [Item] }
        let viewer = try context.signedInUser()
        var items: [Item] = []
        let concerns = try await environment.records.concerns(writtenBy: viewer.id)
        let people = try await environment.records.people(Set(concerns.map(\.personID)))
        if !concerns.isEmpty {
            try await environment.records.logPageRead(
                Array(Set(concerns.map { "person:\($0.personID.uuidString.lowercased())" })).sorted(), page: "page:my-records", by: viewer,
                now: environment.clock())
        }
        for concern in concerns {
            let person = people[concern.personID]
            items.append(
                Item(
                    link: concern.status == .draft ? "/concerns/\(concern.id)/edit" : "/concerns/\(concern.id)",
                    personName: person?.details.name ?? "unknown",
                    status: concern.status == .draft ? "Draft: not yet submitted" : "Submitted", when: Self.format(concern.updatedAt)))
        }
        return environment.pages.page(
            .myRecords, View(chrome: try await environment.chrome("My records", context, path: "/my-records"), items: items))
    }

    // MARK: Helpers

    static func format(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
                .timeSeparator(.colon)
        ).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }

    static func age(since: Date, now: Date) -> String {
        let minutes = Int(now.timeIntervalSince(since) / 60)
        if minutes < 60 { return "\(max(minutes, 0)) min" }
        if minutes < 48 * 60 { return "\(minutes / 60) h" }
        return "\(minutes / (24 * 60)) days"
    }
}

/// A person's chronology as the API returns it.
struct ChronologyJSON: Encodable {
    struct Entry: Encodable {
        let at: Date
        let kind: String
        let summary: String
        let link: String?
        let categories: [String]

        init(_ entry: RecordRoutes.TimelineEntry) {
            at = entry.at
            kind = entry.kind
            summary = entry.summary
            link = entry.link
            categories = entry.categories.map(\.rawValue)
        }
    }

    let person: UUID
    let entries: [Entry]
}
