import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Inform and involve tasks opened by shares that break a confidence: listed for leads and proposers, closed with who, when, how and what was said.
struct TaskRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let recorders = RouteAccess.roles(RecordAccess.recorders)

    /// A task as the pages show it: whom it is about, which concern, and every share it covers (each link checks access again).
    struct Row: Sendable {
        let id: String
        let shareID: String
        let personID: String
        let personName: String
        let concernID: String
        let concernLabel: String
        let shares: [ShareLink]
        let kind: String
        let due: String
        let state: String
        let stateLabel: String
        let overdue: Bool
        let done: Bool
        let completed: String
        let method: String
        let note: String
        let needsReview: Bool
        let isInvolve: Bool
        let canComplete: Bool
        var methods: [Option]
        /// What was wrong when this task's form was sent, each beside its field (`method`, `note`, `review`).
        var errorFor: [String: String]? = nil
        /// What was typed into this task's form when it was sent with a mistake, given back.
        var typed = Typed()
    }

    /// The values of a task's form as sent.
    struct Typed: Sendable {
        var note = ""
        var reviewDate = ""
        var changed = false
    }

    func register(on routes: SecureRouter) {
        routes.get("/tasks", access: Self.recorders) { request, context in
            var doneAfter: ListCursor?
            if let text = request.uri.queryParameters["done_after"] {
                guard let cursor = ListCursor(text: String(text)) else {
                    throw WebError.badRequest("That link to older tasks is not right. Start again from the Inform and involve page.")
                }
                doneAfter = cursor
            }
            return try await tasksPage(context, errors: [], status: .ok, doneAfter: doneAfter)
        }
        routes.post("/tasks/{id}/complete", access: Self.recorders) { request, context in
            guard let viewer = context.user else { throw WebError.signInRequired }
            let id = try context.uuidParameter()
            guard let task = try await environment.shares.task(id), try await isVisible(task, to: viewer) else { throw WebError.notFound }
            let form = try await FormFields.read(request, context: context)
            var note = form["note"].trimmed
            var reviewAt: Date?
            // A mistake shows the list again with the message beside this task's form, never a bare error page.
            var errors: [FieldError] = []
            let method = InformTask.Method(rawValue: form["method"])
            if method == nil { errors.append(FieldError(field: "method-\(id.uuidString)-in_person", message: "Choose how the person was told")) }
            if note.isEmpty || note.count > ConcernNarrative.maximumFieldLength {
                errors.append(
                    FieldError(
                        field: "note-\(id.uuidString)",
                        message: task.kind == .reasonNotInformed
                            ? "Give the reason the person was not told"
                            : "Write what the person said, in their words where you can"))
            }
            if task.kind == .reasonNotInformed, viewer.role.isSafeguardingLead {
                if let day = CalendarDay(typed: form["review_date"].trimmed), day.start > environment.clock() {
                    reviewAt = day.start
                } else {
                    errors.append(FieldError(field: "review-\(id.uuidString)", message: "Give a review date in the future, like 24/11/2026"))
                }
            }
            guard errors.isEmpty, let method else {
                let typed = Typed(note: form["note"], reviewDate: form["review_date"].trimmed, changed: form["changed"] == "yes")
                return try await tasksPage(
                    context, errors: errors, status: .badRequest, failed: FailedForm(taskID: id, method: form["method"], typed: typed))
            }
            switch task.kind {
            case .involve:
                note +=
                    form["changed"] == "yes" ? "\nThe share changed because of their views." : "\nThe share did not change because of their views."
            case .reasonNotInformed:
                // Withholding is the DSL's decision, and it is reviewed (rule 7).
                guard viewer.role.isSafeguardingLead, let reviewAt else { throw WebError.forbidden }
                note += "\nApproved by a safeguarding lead; review by \(CalendarDay(containing: reviewAt).iso)."
            case .inform:
                break
            }
            _ = try await environment.shares.complete(id, method: method, note: note, reviewAt: reviewAt, by: viewer.id, now: environment.clock())
            // Back to the list: the share that opened the task may be one the viewer cannot open.
            return .redirect(to: "/tasks")
        }
    }

    /// One task's form sent with mistakes: which task, and what was chosen and typed.
    struct FailedForm {
        let taskID: UUID
        let method: String
        let typed: Typed
    }

    /// The tasks the viewer looks after; with the mistakes of one task's form beside its fields and what was typed kept.
    func tasksPage(
        _ context: ConfidantRequestContext, errors: [FieldError], status: HTTPResponse.Status, failed: FailedForm? = nil,
        doneAfter: ListCursor? = nil
    ) async throws -> Response {
        struct View {
            let chrome: PageChrome
            let open: [Row]
            let done: [Row]
            let laterPage: Bool
            let olderDone: String?
            let errors: [FieldError]
        }
        let viewer = try context.signedInUser()
        // Every lead looks after every task; staff those covering a share they proposed.
        let proposer = viewer.role.isSafeguardingLead ? nil : viewer.id
        let open = doneAfter == nil ? try await environment.shares.openTasks(coveringSharesOf: proposer) : []
        let done = try await environment.shares.doneTasks(coveringSharesOf: proposer, after: doneAfter, limit: Self.donePageSize)
        var rows = try await rows(open + done.tasks, viewer: viewer)
        // The notes say what people said when they were told: the page is a read of each task and its share.
        if !rows.isEmpty {
            var seen = Set<String>()
            let records = rows.flatMap { row in
                ["task:\(row.id.lowercased())", "person:\(row.personID.lowercased())"] + row.shares.map { "share:\($0.id.lowercased())" }
            }.filter { seen.insert($0).inserted }
            try await environment.records.logPageRead(records, page: "page:tasks", by: viewer, now: environment.clock())
        }
        if let failed, let index = rows.firstIndex(where: { $0.id == failed.taskID.uuidString }) {
            rows[index].errorFor = Dictionary(
                errors.map { error in
                    let name = error.field.hasPrefix("method-") ? "method" : error.field.hasPrefix("note-") ? "note" : "review"
                    return (name, error.message)
                }, uniquingKeysWith: { first, _ in first })
            rows[index].typed = failed.typed
            rows[index].methods = rows[index].methods.map { Option(value: $0.value, label: $0.label, checked: $0.value == failed.method) }
        }
        return environment.pages.page(
            .tasks,
            View(
                chrome: try await environment.chrome(errors.isEmpty ? "Inform and involve" : "Error: Inform and involve", context, path: "/tasks"),
                open: rows.filter { !$0.done }, done: rows.filter(\.done), laterPage: doneAfter != nil,
                olderDone: done.next.map { "/tasks?done_after=\($0.text)" }, errors: errors),
            status: status)
    }

    /// How many done tasks a page shows.
    static let donePageSize = 25

    /// A share a task covers, as a link.
    struct ShareLink: Sendable {
        let id: String
        let label: String
    }

    /// Whether `viewer` looks after `task`: every lead does, and staff who proposed any of the shares it covers.
    func isVisible(_ task: InformTask, to viewer: UserAccount) async throws -> Bool {
        if viewer.role.isSafeguardingLead { return true }
        for shareID in task.shareIDs {
            if try await environment.shares.facts(shareID)?.proposerID == viewer.id { return true }
        }
        return false
    }

    /// Rows for `tasks`, each naming its person and concern (the caller logs the read).
    func rows(_ tasks: [InformTask], viewer: UserAccount) async throws -> [Row] {
        let people = try await environment.records.people(Set(tasks.map(\.personID)))
        var concerns: [UUID: String] = [:]
        var shareLabels: [UUID: String] = [:]
        for task in tasks {
            if concerns[task.concernID] == nil {
                concerns[task.concernID] = try await environment.records.concernSummary(task.concernID)
            }
            for shareID in task.shareIDs where shareLabels[shareID] == nil {
                let facts = try await environment.shares.facts(shareID)
                shareLabels[shareID] = facts.map { "shared \(RecordRoutes.format($0.createdAt))" } ?? "a share"
            }
        }
        return tasks.map { task in
            row(
                task, viewer: viewer, personName: people[task.personID]?.details.name ?? "Unknown person",
                concernLabel: concerns[task.concernID] ?? "a concern",
                shares: task.shareIDs.map { ShareLink(id: $0.uuidString, label: shareLabels[$0] ?? "a share") })
        }
    }

    /// Plain words for where a task stands.
    static func label(_ progress: InformTask.Progress) -> String {
        switch progress {
        case .open: "Open"
        case .due: "Due today"
        case .overdue: "Overdue"
        case .done: "Done"
        }
    }

    func row(_ task: InformTask, viewer: UserAccount, personName: String, concernLabel: String, shares: [ShareLink]) -> Row {
        let now = environment.clock()
        let state = task.state(now: now)
        return Row(
            id: task.id.uuidString, shareID: task.shareID.uuidString, personID: task.personID.uuidString, personName: personName,
            concernID: task.concernID.uuidString, concernLabel: concernLabel, shares: shares,
            kind: task.kind.label.replacingOccurrences(of: "the person", with: personName),
            due: RecordRoutes.format(task.dueAt), state: state.rawValue, stateLabel: Self.label(state), overdue: state == .overdue,
            done: task.completedAt != nil,
            completed: task.completedAt.map(RecordRoutes.format) ?? "", method: task.method?.label ?? "", note: task.note ?? "",
            needsReview: task.kind == .reasonNotInformed, isInvolve: task.kind == .involve,
            canComplete: task.completedAt == nil && (task.kind != .reasonNotInformed || viewer.role.isSafeguardingLead),
            methods: InformTask.Method.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: false) })
    }
}
