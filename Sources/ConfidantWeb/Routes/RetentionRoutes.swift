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
        // Advice about nobody in particular has its own review (the schedule's year), decided the same way.
        routes.get("/retention/advice/{id}", access: leads) { _, context in try await advicePage(context, errors: [], typed: nil, status: .ok) }
        routes.post("/retention/advice/{id}", access: leads) { request, context in try await decideAdvice(request, context) }
        routes.post("/retention/advice/{id}/dispose", access: leads) { request, context in try await disposeAdvice(request, context) }
    }

    func queuePage(_ context: ConfidantRequestContext) async throws -> Response {
        struct Row: Sendable { let id, name, kind, reviewOn, standing: String; let proposed: Bool }
        struct Disposed: Sendable { let sequence: UInt64; let pseudonym, when, rule: String }
        struct AdviceRow: Sendable { let id, asked, standing: String; let proposed: Bool }
        struct View {
            let chrome: PageChrome
            let due: [Row]
            let held: [Row]
            let kept: Int
            let disposed: [Disposed]
            let adviceDue: [AdviceRow]
            let adviceKept: Int
        }
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
        let advice = try await environment.adviceRetention.entries()
        let adviceDue = advice.filter {
            if case .kept = $0.file.standing(today: today) { return false }
            return true
        }
        let view = View(
            chrome: try await environment.chrome("Retention reviews", context, path: "/retention"), due: due.map(row), held: held.map(row),
            kept: entries.count - due.count - held.count,
            disposed: try await environment.disposal.disposals().map {
                Disposed(
                    sequence: $0.sequence, pseudonym: $0.record.pseudonym, when: ShareRoutes.spoken($0.record.disposedBy.at), rule: $0.record.rule)
            },
            adviceDue: adviceDue.map {
                AdviceRow(
                    id: $0.advice.id.uuidString, asked: CalendarDay(containing: $0.advice.askedAt).spelledOut,
                    standing: $0.file.standingWords(today: today), proposed: $0.file.pendingDisposal != nil)
            }, adviceKept: advice.count - adviceDue.count)
        return environment.pages.page(.retention, view)
    }

    typealias Entry = RetentionStore.Entry

    /// Where a review page sits: a person's file, or advice about nobody in particular, and what its words call it.
    struct Place: Sendable {
        let heading: String
        let back: String
        let backLabel: String
        /// "this file", "this advice".
        let it: String
        let decideAction: String
        let disposeAction: String
        let destroys: String

        static func file(of person: Person) -> Place {
            Place(
                heading: "Keeping the file of \(person.details.name)", back: "/people/\(person.id)", backLabel: "Back to \(person.details.name)",
                it: "this file", decideAction: "/people/\(person.id)/retention", disposeAction: "/people/\(person.id)/dispose",
                destroys: "Disposing of the file destroys it: this person's details, their concerns with their addenda, decisions, shares, tasks, "
                    + "files and body maps, their subject access requests and these decisions. It cannot be undone. The audit log keeps a "
                    + "certificate of what was disposed of, naming nobody, and the reports keep their counts.")
        }

        static func advice(_ id: UUID, askedOn: String) -> Place {
            Place(
                heading: "Keeping the advice asked on \(askedOn)", back: "/advice", backLabel: "All advice", it: "this advice",
                decideAction: "/retention/advice/\(id)", disposeAction: "/retention/advice/\(id)/dispose",
                destroys: "Disposing of the advice destroys its question, its answer and these decisions. It cannot be undone. The audit log "
                    + "keeps that it was disposed of, by whom and under which rule.")
        }
    }

    /// The question and answer an advice review shows.
    struct AdviceShown: Sendable { let question: String; let answer: String }

    func filePage(_ context: ConfidantRequestContext, errors: [FieldError], typed: FormFields?, status: HTTPResponse.Status) async throws -> Response
    {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let now = environment.clock()
        guard let person = try await environment.records.person(id, readBy: viewer, now: now) else { throw WebError.notFound }
        return try await reviewPage(
            context, file: try await environment.retention.file(of: person), place: .file(of: person), advice: nil, errors: errors, typed: typed,
            status: status)
    }

    /// A review page: a person's file or an advice request, its standing, the decisions so far and the form.
    func reviewPage(
        _ context: ConfidantRequestContext, file: RetentionFile, place: Place, advice: AdviceShown?, errors: [FieldError], typed: FormFields?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        struct Decision: Sendable { let what, when, by, reason: String; let until: String? }
        struct View {
            let chrome: PageChrome
            let place: Place
            let advice: AdviceShown?
            let standing: String
            let reason: String
            let held: Bool
            /// The review date has come and it is not under hold: disposal may be proposed or carried out.
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
        let now = environment.clock()
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
            chrome: try await environment.chrome(errors.isEmpty ? place.heading : "Error: \(place.heading)", context), place: place, advice: advice,
            standing: file.standingWords(today: today), reason: file.reviewReason,
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

    // MARK: Advice about nobody in particular

    func advicePage(
        _ context: ConfidantRequestContext, errors: [FieldError], typed: FormFields?, status: HTTPResponse.Status
    ) async throws -> Response {
        let id = try context.uuidParameter()
        guard let entry = try await environment.adviceRetention.entry(id) else { throw WebError.notFound }
        return try await reviewPage(
            context, file: entry.file, place: .advice(id, askedOn: CalendarDay(containing: entry.advice.askedAt).spelledOut),
            advice: AdviceShown(question: entry.advice.question, answer: entry.advice.answer ?? "Not answered yet"), errors: errors, typed: typed,
            status: status)
    }

    func decideAdvice(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let form = try await FormFields.read(request, context: context)
        let now = environment.clock()
        let outcome = try await environment.adviceRetention.decide(id, by: viewer.id, now: now) { file in
            file.deciding(step: form["step"], until: form["until"], reason: form["reason"], by: viewer.id, now: now)
        }
        switch outcome {
        case .success: return .redirect(to: "/retention/advice/\(id)")
        case .failure(let problems):
            return try await advicePage(context, errors: FieldError.from(problems.problems), typed: form, status: .badRequest)
        }
    }

    func disposeAdvice(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        // Destroying cannot be undone: a fresh second factor first, as for a person's file.
        if let redirect = environment.needsStepUp(context, returnTo: "/retention/advice/\(id)") { return redirect }
        let form = try await FormFields.read(request, context: context)
        guard
            let refusal = try await environment.adviceRetention.dispose(
                id, by: viewer.id, confirmed: form["confirm"] == "yes", now: environment.clock())
        else { return .redirect(to: "/retention?advice-disposed=1") }
        let problem = FieldError(field: refusal == .notConfirmed ? "confirm" : "standing", message: refusal.description)
        return try await advicePage(context, errors: [problem], typed: nil, status: .conflict)
    }
}
