import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Retention reviews (IRMS toolkit; docs/data-protection.md): the leads' queue of files whose review date has come
/// and of those under legal hold, and each file's review: keep it longer with a reason and a new date, put it under
/// legal hold, lift a hold, or propose disposal (which another lead carries out: `DisposalRoutes`). A review date
/// never deletes anything.
struct RetentionRoutes: RouteRegistration {
    let environment: WebEnvironment

    func register(on routes: SecureRouter) {
        let leads = SubjectAccessRoutes.leads
        routes.get("/retention", access: leads, returnsCaseContent: true) { _, context in try await queuePage(context) }
        routes.get("/people/{id}/retention", access: leads, returnsCaseContent: true) { _, context in
            try await filePage(context, errors: [], typed: nil, status: .ok)
        }
        routes.post("/people/{id}/retention", access: leads) { request, context in try await decide(request, context) }
    }

    func queuePage(_ context: ConfidantRequestContext) async throws -> Response {
        struct Row: Sendable { let id, name, kind, reviewOn, standing: String; let proposed: Bool }
        struct Disposed: Sendable { let sequence: UInt64; let pseudonym, when, rule: String }
        struct View { let chrome: PageChrome; let due: [Row]; let held: [Row]; let kept: Int; let disposed: [Disposed] }
        let viewer = try context.signedInUser()
        let now = environment.clock()
        let today = CalendarDay(containing: now)
        let entries = try await environment.retention.entries()
        var due: [Entry] = []
        var held: [Entry] = []
        for entry in entries {
            switch entry.file.standing(today: today) {
            case .due: due.append(entry)
            case .held: held.append(entry)
            case .kept: continue
            }
        }
        // The queue names people: showing them is a read of each.
        try await environment.records.logShown((due + held).map(\.person), to: viewer, now: now)
        func row(_ entry: Entry) -> Row {
            Row(
                id: entry.person.id.uuidString, name: entry.person.details.name, kind: entry.person.kind.label,
                reviewOn: entry.file.reviewOn.spelledOut,
                standing: entry.file.standingWords(today: today), proposed: entry.file.pendingDisposal != nil)
        }
        let view = View(
            chrome: try await environment.chrome("Retention reviews", context, path: "/retention"), due: due.map(row), held: held.map(row),
            kept: entries.count - due.count - held.count,
            disposed: try await environment.disposal.disposals().map {
                Disposed(
                    sequence: $0.sequence, pseudonym: $0.record.pseudonym, when: ShareRoutes.spoken($0.record.disposedBy.at), rule: $0.record.rule)
            })
        return environment.pages.page(.retention, view)
    }

    typealias Entry = RetentionStore.Entry

    func filePage(_ context: ConfidantRequestContext, errors: [FieldError], typed: FormFields?, status: HTTPResponse.Status) async throws -> Response
    {
        struct Decision: Sendable { let what, when, by, reason: String; let until: String? }
        struct View {
            let chrome: PageChrome
            let id: String
            let name: String
            let standing: String
            let reason: String
            let held: Bool
            /// The file's review date has come and it is not under hold: disposal may be proposed or carried out.
            let due: Bool
            /// The proposal waiting for a second lead, if any.
            let proposal: Decision?
            /// Whether this lead may carry the proposal out (another lead made it).
            let canDispose: Bool
            let decisions: [Decision]
            let typed: [String: String]
            /// The step chosen when the form came back with a mistake.
            let chosen: [String: Bool]
            let errors: [FieldError]
            let errorFor: [String: String]
        }
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let now = environment.clock()
        guard let person = try await environment.records.person(id, readBy: viewer, now: now) else { throw WebError.notFound }
        let file = try await environment.retention.file(of: person)
        let names = try await environment.users.names()
        var values: [String: String] = [:]
        for name in ["step", "until", "reason"] { values[name] = typed?[name] ?? "" }
        let today = CalendarDay(containing: now)
        func shown(_ decision: RetentionDecision) -> Decision {
            Decision(
                what: decision.step.words, when: ShareRoutes.spoken(decision.by.at), by: names[decision.by.userID] ?? "unknown",
                reason: decision.reason, until: decision.until?.spelledOut)
        }
        let due: Bool
        if case .due = file.standing(today: today) { due = true } else { due = false }
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Keeping this file" : "Error: Keeping this file", context), id: id.uuidString,
            name: person.details.name, standing: file.standingWords(today: today), reason: file.reviewReason,
            held: file.hold != nil, due: due, proposal: file.pendingDisposal.map(shown),
            canDispose: file.pendingDisposal != nil && file.disposal(by: viewer.id, today: today) == nil,
            decisions: file.decisions.reversed().map(shown),
            typed: values,
            chosen: Dictionary(uniqueKeysWithValues: RetentionDecision.Step.allCases.map { ($0.rawValue, typed?["step"] == $0.rawValue) }),
            errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.retentionFile, view, status: status)
    }

    func decide(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let form = try await FormFields.read(request, context: context)
        let now = environment.clock()
        guard try await environment.records.people([id])[id] != nil else { throw WebError.notFound }
        let outcome = try await environment.retention.decide(id, by: viewer.id, now: now) { file in
            file.deciding(step: form["step"], until: form["until"], reason: form["reason"], by: viewer.id, now: now)
        }
        switch outcome {
        case .success: return .redirect(to: "/people/\(id)/retention")
        case .failure(let problems): return try await filePage(context, errors: FieldError.from(problems.problems), typed: form, status: .badRequest)
        }
    }
}
