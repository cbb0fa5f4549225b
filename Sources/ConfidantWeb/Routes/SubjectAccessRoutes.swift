import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The subject access register (UK GDPR Art. 15; docs/data-protection.md): each request recorded against the person it
/// is about, its one-month clock counted from the day of receipt, stopped while identity or a clarification is awaited
/// and extended with the reason the requester was told; then the response prepared in its workspace.
///
/// Requests name the person and what is held about them, so the register is the safeguarding leads' alone, like the
/// records it answers from. A request that reaches anyone else is passed to a lead, who records it here.
struct SubjectAccessRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let leads = RouteAccess.roles(RecordAccess.leads)

    func register(on routes: SecureRouter) {
        routes.get("/subject-access", access: Self.leads, returnsCaseContent: true) { _, context in try await listPage(context) }
        routes.get("/subject-access/new", access: Self.leads, returnsCaseContent: true) { request, context in
            let person = try await person(request.uri.queryParameters["person"].map(String.init), context)
            return try await formPage(
                context, person: person, entry: SubjectAccessEntry(receivedOn: CalendarDay(containing: environment.clock()).iso), errors: [],
                status: .ok)
        }
        routes.post("/subject-access", access: Self.leads) { request, context in try await record(request, context) }
        routes.get("/subject-access/{id}", access: Self.leads, returnsCaseContent: true) { _, context in
            try await requestPage(context, errors: [], status: .ok)
        }
        routes.post("/subject-access/{id}/pause", access: Self.leads) { request, context in
            try await change(request, context, part: "clock_stopped") { request, form, user, now in
                request.pausing(reason: form["reason"], askedOn: form["asked_on"], note: form["note"], by: user, now: now)
            }
        }
        routes.post("/subject-access/{id}/resume", access: Self.leads) { request, context in
            try await change(request, context, part: "clock_started") { request, form, _, now in
                request.resuming(answeredOn: form["answered_on"], now: now)
            }
        }
        routes.post("/subject-access/{id}/extend", access: Self.leads) { request, context in
            try await change(request, context, part: "extended") { request, form, user, now in
                request.extending(months: form["months"], reason: form["extension_reason"], toldOn: form["told_on"], by: user, now: now)
            }
        }
    }

    // MARK: Recording

    /// The person a request is about, named by the form or the address; opening the form from them is a read of them.
    func person(_ text: String?, _ context: ConfidantRequestContext) async throws -> Person {
        let viewer = try context.signedInUser()
        guard let text, let id = UUID(uuidString: text),
            let person = try await environment.records.person(id, readBy: viewer, now: environment.clock())
        else { throw WebError.badRequest("Start a subject access request from the page of the person it is about.") }
        return person
    }

    static func entry(_ form: FormFields) -> SubjectAccessEntry {
        SubjectAccessEntry(
            requesterName: form["requester_name"], requester: form["requester"], contact: form["contact"], whatAsked: form["what_asked"],
            authority: form["authority"], receivedOn: form["received_on"])
    }

    func record(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let form = try await FormFields.read(request, context: context)
        let person = try await person(form["person"], context)
        let entry = Self.entry(form)
        let now = environment.clock()
        switch entry.checked(today: CalendarDay(containing: now)) {
        case .failure(let problems):
            return try await formPage(context, person: person, entry: entry, errors: FieldError.from(problems.problems), status: .badRequest)
        case .success(let checked):
            let recorded = try await environment.subjectAccess.record(
                personID: person.id, details: checked.details, receivedOn: checked.receivedOn, by: viewer.id, now: now)
            return .redirect(to: "/subject-access/\(recorded.id)")
        }
    }

    func formPage(
        _ context: ConfidantRequestContext, person: Person, entry: SubjectAccessEntry, errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        struct Choice { let value, label: String; let checked: Bool }
        struct View {
            let chrome: PageChrome
            let personID: String
            let personName: String
            let entry: SubjectAccessEntry
            let requesters: [Choice]
            let errors: [FieldError]
            let errorFor: [String: String]
        }
        let title = "Record a subject access request"
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? title : "Error: \(title)", context), personID: person.id.uuidString,
            personName: person.details.name, entry: entry,
            requesters: SubjectAccessRequester.allCases.map { Choice(value: $0.rawValue, label: $0.words, checked: entry.requester == $0.rawValue) },
            errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.subjectAccessForm, view, status: status)
    }

    // MARK: The register and a request

    struct Row: Sendable {
        let id: String
        let person: String
        let requester: String
        let received: String
        let standing: String
        let late: Bool
    }

    func listPage(_ context: ConfidantRequestContext) async throws -> Response {
        struct View { let chrome: PageChrome; let open: [Row]; let answered: [Row] }
        let viewer = try context.signedInUser()
        let now = environment.clock()
        let today = CalendarDay(containing: now)
        let requests = try await environment.subjectAccess.requests()
        let people = try await environment.records.people(Set(requests.map(\.personID)))
        try await logRead(of: requests, by: viewer, now: now)
        func row(_ request: SubjectAccessRequest) -> Row {
            Row(
                id: request.id.uuidString, person: people[request.personID]?.details.name ?? "A person no longer held",
                requester: "\(request.details.requesterName) (\(request.details.requester.words.lowercased()))",
                received: request.receivedOn.spelledOut, standing: request.standingWords(today: today), late: request.isOverdue(today: today))
        }
        // The open requests soonest due first, as the leads work through them; the answered ones after, newest first.
        let open = requests.filter { $0.releasedAt == nil }.sorted { $0.clock.dueOn(today: today) < $1.clock.dueOn(today: today) }
        let view = View(
            chrome: try await environment.chrome("Subject access requests", context, path: "/subject-access"), open: open.map(row),
            answered: requests.filter { $0.releasedAt != nil }.map(row))
        return environment.pages.page(.subjectAccessList, view)
    }

    /// The register names the people asked about and who asked: reading it is logged like their records' pages.
    func logRead(of requests: [SubjectAccessRequest], by viewer: UserAccount, now: Date) async throws {
        guard !requests.isEmpty else { return }
        let parts = requests.map { "subject-access:\($0.id.uuidString.lowercased())" }
        try await environment.audit.append(
            AuditEntry(
                time: AuditClock.milliseconds(now), actor: AuditName.user(viewer.id), action: .caseRead,
                target: parts.count == 1 ? parts[0] : "subject-access-register", detail: AuditDetail(["parts": .strings(parts)])))
    }

    func requestPage(
        _ context: ConfidantRequestContext, errors: [FieldError], typed: FormFields? = nil, status: HTTPResponse.Status
    ) async throws -> Response {
        struct Pause: Sendable { let what, asked, answered, note, by: String }
        struct Extension: Sendable { let months, reason, toldOn, by: String }
        struct View {
            let chrome: PageChrome
            let id: String
            let personID: String
            let personName: String
            let details: SubjectAccessDetails
            let requester: String
            let received: String
            let recordedBy: String
            let standing: String
            let late: Bool
            let answered: Bool
            let stopped: Bool
            let pauses: [Pause]
            let extended: Extension?
            let canExtend: Bool
            let lastDayToExtend: String
            let today: String
            let typed: [String: String]
            /// The radio answers sent with a mistake ("reason_identity", "months_2"), to show them chosen again.
            let chosen: [String: Bool]
            let errors: [FieldError]
            let errorFor: [String: String]
        }
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let now = environment.clock()
        let today = CalendarDay(containing: now)
        var chosen: [String: Bool] = [:]
        for (name, values) in [("reason", ["identity", "clarification"]), ("months", ["1", "2"])] {
            for value in values { chosen["\(name)_\(value)"] = typed?[name] == value }
        }
        guard let request = try await environment.subjectAccess.request(id) else { throw WebError.notFound }
        try await logRead(of: [request], by: viewer, now: now)
        let person = try await environment.records.people([request.personID])[request.personID]
        let names = try await environment.users.names()
        func by(_ decision: DecisionBy) -> String { "\(names[decision.userID] ?? "unknown"), \(ShareRoutes.spoken(decision.at))" }
        var typedValues: [String: String] = [:]
        for name in ["note", "asked_on", "answered_on", "extension_reason", "told_on"] { typedValues[name] = typed?[name] ?? "" }
        if typedValues["asked_on", default: ""].isEmpty { typedValues["asked_on"] = today.iso }
        if typedValues["answered_on", default: ""].isEmpty { typedValues["answered_on"] = today.iso }
        if typedValues["told_on", default: ""].isEmpty { typedValues["told_on"] = today.iso }
        let stopped = request.progress.openPause != nil
        let lastDay = request.clock.lastDayToExtend(today: today)
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Subject access request" : "Error: Subject access request", context),
            id: id.uuidString, personID: request.personID.uuidString, personName: person?.details.name ?? "A person no longer held",
            details: request.details, requester: request.details.requester.words, received: request.receivedOn.spelledOut,
            recordedBy: "\(names[request.recordedBy] ?? "unknown"), \(ShareRoutes.spoken(request.recordedAt))",
            standing: request.standingWords(today: today), late: request.isOverdue(today: today), answered: request.releasedAt != nil,
            stopped: stopped,
            pauses: request.progress.pauses.map {
                Pause(
                    what: $0.reason.words, asked: $0.asked.spelledOut, answered: $0.answered?.spelledOut ?? "Still awaited", note: $0.note,
                    by: by($0.by))
            },
            extended: request.progress.extended.map {
                Extension(
                    months: $0.months == 1 ? "one further month" : "two further months", reason: $0.reason, toldOn: $0.toldOn.spelledOut,
                    by: by($0.by))
            },
            canExtend: request.releasedAt == nil && request.progress.extended == nil && today <= lastDay, lastDayToExtend: lastDay.spelledOut,
            today: today.iso, typed: typedValues, chosen: chosen, errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.subjectAccess, view, status: status)
    }

    /// Changes the clock from one of the request page's forms; a mistake shows the page again with the message beside
    /// the field.
    func change(
        _ request: Request, _ context: ConfidantRequestContext, part: String,
        _ change: @escaping @Sendable (SubjectAccessRequest, FormFields, UUID, Date) -> Result<SubjectAccessProgress, FormProblems>
    ) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let form = try await FormFields.read(request, context: context)
        let now = environment.clock()
        let outcome = try await environment.subjectAccess.update(id, part: part, by: viewer.id, now: now) { request in
            change(request, form, viewer.id, now)
        }
        switch outcome {
        case .success: return .redirect(to: "/subject-access/\(id)")
        case .failure(let problems):
            return try await requestPage(context, errors: FieldError.from(problems.problems), typed: form, status: .badRequest)
        }
    }
}
