import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Inform and involve tasks opened by shares that break a confidence: listed for leads and proposers, closed with who, when, how and what was said.
struct TaskRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let recorders = RouteAccess.roles(RecordAccess.recorders)

    /// A task as the pages show it, with nobody's name: the link leads to the share, which checks access again.
    struct Row: Sendable {
        let id: String
        let shareID: String
        let kind: String
        let due: String
        let state: String
        let overdue: Bool
        let done: Bool
        let completed: String
        let method: String
        let note: String
        let needsReview: Bool
        let isInvolve: Bool
        let canComplete: Bool
        let methods: [Option]
    }

    func register(on routes: SecureRouter) {
        routes.get("/tasks", access: Self.recorders) { _, context in
            struct View { let chrome: PageChrome; let open: [Row]; let done: [Row] }
            guard let viewer = context.user else { throw WebError.signInRequired }
            let rows = try await visibleRows(for: viewer)
            // The notes say what people said when they were told: the page is a read of each task and its share.
            if !rows.isEmpty {
                var seen = Set<String>()
                let records = rows.flatMap { ["task:\($0.id.lowercased())", "share:\($0.shareID.lowercased())"] }.filter { seen.insert($0).inserted }
                try await environment.records.logPageRead(records, page: "page:tasks", by: viewer, now: environment.clock())
            }
            return environment.pages.page(
                .tasks,
                View(
                    chrome: try await environment.chrome("Inform and involve", context, path: "/tasks"),
                    open: rows.filter { !$0.done }, done: rows.filter(\.done)))
        }
        routes.post("/tasks/{id}/complete", access: Self.recorders) { request, context in
            guard let viewer = context.user else { throw WebError.signInRequired }
            let id = try context.uuidParameter()
            guard let task = try await environment.shares.task(id), let share = try await environment.shares.facts(task.shareID),
                viewer.role.isSafeguardingLead || share.proposerID == viewer.id
            else { throw WebError.notFound }
            let form = try await FormFields.read(request, context: context)
            guard let method = InformTask.Method(rawValue: form["method"]) else { throw WebError.badRequest("Choose how the person was told.") }
            var note = form["note"].trimmed
            var reviewAt: Date?
            guard !note.isEmpty, note.count <= ConcernNarrative.maximumFieldLength else {
                throw WebError.badRequest(
                    task.kind == .reasonNotInformed
                        ? "Give the reason the person was not told."
                        : "Write what the person said, in their words where you can.")
            }
            switch task.kind {
            case .involve:
                note +=
                    form["changed"] == "yes" ? "\nThe share changed because of their views." : "\nThe share did not change because of their views."
            case .reasonNotInformed:
                // Withholding is the DSL's decision, and it is reviewed (rule 7).
                guard viewer.role.isSafeguardingLead else { throw WebError.forbidden }
                guard let day = CalendarDay(form["review_date"].trimmed), day.start > environment.clock() else {
                    throw WebError.badRequest("Give a review date in the future as YYYY-MM-DD.")
                }
                note += "\nApproved by a safeguarding lead; review by \(form["review_date"].trimmed)."
                reviewAt = day.start
            case .inform:
                break
            }
            _ = try await environment.shares.complete(id, method: method, note: note, reviewAt: reviewAt, by: viewer.id, now: environment.clock())
            return .redirect(to: "/shares/\(task.shareID)")
        }
    }

    /// The tasks `viewer` looks after: every one for a lead, those of their own shares for staff.
    func visibleRows(for viewer: UserAccount) async throws -> [Row] {
        var rows: [Row] = []
        for task in try await environment.shares.tasks() {
            guard let share = try await environment.shares.facts(task.shareID),
                viewer.role.isSafeguardingLead || share.proposerID == viewer.id
            else { continue }
            rows.append(row(task, viewer: viewer))
        }
        return rows
    }

    func row(_ task: InformTask, viewer: UserAccount) -> Row {
        let now = environment.clock()
        let state = task.state(now: now)
        return Row(
            id: task.id.uuidString, shareID: task.shareID.uuidString, kind: task.kind.label,
            due: RecordRoutes.format(task.dueAt), state: state.rawValue, overdue: state == .overdue, done: task.completedAt != nil,
            completed: task.completedAt.map(RecordRoutes.format) ?? "", method: task.method?.label ?? "", note: task.note ?? "",
            needsReview: task.kind == .reasonNotInformed, isInvolve: task.kind == .involve,
            canComplete: task.completedAt == nil && (task.kind != .reasonNotInformed || viewer.role.isSafeguardingLead),
            methods: InformTask.Method.allCases.map { Option(value: $0.rawValue, label: $0.label, checked: false) })
    }
}
