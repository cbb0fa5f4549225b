import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Induction: everyone reads and acknowledges the current policy before anything else, and managers see who has.
///
/// A new starter also answers a short check of understanding generated from the clauses; someone
/// who acknowledged an earlier version is shown what changed in the clauses and the text.
struct InductionRoutes: RouteRegistration {
    let environment: WebEnvironment

    /// Who sees the acknowledgment report and sends reminders.
    static let reportReaders = RouteAccess.roles([.manager, .dsl, .deputyDSL])

    func register(on routes: SecureRouter) {
        routes.get("/induction", access: .anySignedIn, beforeInduction: true) { request, context in
            let next = SignInRoutes.safeNext(request.uri.queryParameters.get("next") ?? "")
            return try await page(context, next: next, answers: [:], acknowledged: false, result: nil, errors: [], status: .ok)
        }
        routes.post("/induction", access: .anySignedIn, beforeInduction: true) { request, context in
            try await acknowledge(request, context)
        }
        routes.get("/policy/acknowledgements", access: Self.reportReaders) { _, context in
            try await report(context, sent: nil, status: .ok)
        }
        routes.post("/policy/acknowledgements/remind", access: Self.reportReaders) { request, context in
            let user = try context.signedInUser()
            let form = try await FormFields.read(request, context: context)
            let ticked = try Set(
                form.all("user").map { text in
                    guard let id = UUID(uuidString: text) else { throw WebError.badRequest("A person in the form is not one Confidant knows.") }
                    return id
                })
            // Only people on the report who have not acknowledged can be reminded, however long the form.
            let outstanding = try await environment.policies.acknowledgementReport().filter { !$0.hasAcknowledged }.map(\.user.id)
            let chosen = form["everyone"] == "yes" ? outstanding : outstanding.filter(ticked.contains)
            guard !chosen.isEmpty else { throw WebError.badRequest("Choose at least one person who has not acknowledged the policy.") }
            let emails = try await environment.policies.remind(
                chosen, link: environment.configuration.link("/induction"), by: user.id, now: environment.clock())
            for email in emails {
                context.logger.notice("Email queued in outbox", metadata: ["to": "\(email.recipient)", "subject": "\(email.subject)"])
            }
            return try await report(context, sent: (emails.count, chosen.count - emails.count), status: .ok)
        }
    }

    // MARK: The induction page

    struct ChecklistItem: Sendable {
        let label: String
        let done: Bool
    }

    struct AnswerOption: Sendable {
        let optionID: String
        let text: String
        let checked: Bool
    }

    struct QuestionRow: Sendable {
        let questionID: String
        let number: Int
        let prompt: String
        let options: [AnswerOption]
        let missed: Bool
        let explanation: String?
        let clauseTitle: String
    }

    struct InductionView {
        let chrome: PageChrome
        let hasCurrent: Bool
        let mustAcknowledge: Bool
        /// Where to continue after acknowledging: the page they were opening, on this site.
        let next: String
        let versionID: String
        let versionTitle: String
        let policyName: String
        let published: String
        let checklist: [ChecklistItem]
        let changes: Changes?
        let sections: [SectionRow]
        let needsCheck: Bool
        let questions: [QuestionRow]
        let resultSummary: String?
        let acknowledged: Bool
        let errors: [FieldError]
    }

    /// What changed since the version someone acknowledged last.
    struct Changes: Sendable {
        let lastTitle: String
        let clauses: [PolicyRoutes.ClauseChangeRow]
        let sections: [PolicyRoutes.SectionDifferenceRow]
    }

    struct SectionRow: Sendable {
        let heading: String
        let paragraphs: [String]
        let clauses: [PolicyRoutes.ClauseRow]
    }

    func page(
        _ context: ConfidantRequestContext, next: String, answers: [String: String], acknowledged: Bool, result: UnderstandingResult?,
        errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        let user = try context.signedInUser()
        let standing = try await environment.policies.inductionStatus(of: user.id)
        var chrome = try await environment.chrome(
            errors.isEmpty ? "Confidentiality policy induction" : "Error: Confidentiality policy induction",
            context, path: "/induction")
        if standing.mustAcknowledge {
            // Every other page leads back here until they acknowledge, so the menu would only mislead.
            chrome.navigation = []
            chrome.waiting = nil
        }
        guard let current = standing.current else {
            return environment.pages.page(
                .induction,
                InductionView(
                    chrome: chrome, hasCurrent: false, mustAcknowledge: false, next: next, versionID: "", versionTitle: "", policyName: "",
                    published: "",
                    checklist: [], changes: nil, sections: [],
                    needsCheck: false, questions: [], resultSummary: nil, acknowledged: false, errors: []))
        }
        let last = standing.lastAcknowledged.flatMap { $0.id == current.id ? nil : $0 }
        let changedFrom = standing.mustAcknowledge ? last : nil
        let needsCheck = standing.mustAcknowledge && !standing.understandingPassed
        let missed = Set(result?.missed.map(\.id) ?? [])
        let questions =
            needsCheck
            ? UnderstandingCheck.questions(for: current.policy).enumerated().map { index, question in
                QuestionRow(
                    questionID: question.id, number: index + 1, prompt: question.prompt,
                    options: question.options.map { AnswerOption(optionID: $0.id, text: $0.text, checked: answers[question.id] == $0.id) },
                    missed: missed.contains(question.id),
                    explanation: missed.contains(question.id) ? question.clause.statement : nil, clauseTitle: question.clause.title)
            } : []
        let checklist = [
            ChecklistItem(label: "Read the \(current.policy.name), \(current.title)", done: !standing.mustAcknowledge),
            ChecklistItem(label: "Limits of confidentiality explained: the check of understanding", done: standing.understandingPassed),
            ChecklistItem(label: "Acknowledge that you have read and understood it", done: !standing.mustAcknowledge),
        ]
        let view = InductionView(
            chrome: chrome, hasCurrent: true, mustAcknowledge: standing.mustAcknowledge, next: next, versionID: current.id.uuidString,
            versionTitle: current.title, policyName: current.policy.name,
            published: current.publishedAt.map(RecordRoutes.format) ?? "", checklist: checklist,
            changes: changedFrom.map { last in
                Changes(
                    lastTitle: last.title,
                    clauses: PolicyComparison.clauses(from: last.policy, to: current.policy).map(PolicyRoutes.clauseChangeRow),
                    sections: PolicyComparison.sections(from: last.text, to: current.text)
                        .filter { $0.change != .unchanged }.map(PolicyRoutes.differenceRow))
            },
            sections: current.grounding.sections.map { entry in
                SectionRow(
                    heading: entry.section.heading, paragraphs: entry.section.paragraphs,
                    clauses: entry.clauses.map { PolicyRoutes.ClauseRow(id: $0.id, title: $0.title, statement: $0.statement, editHref: nil) })
            },
            needsCheck: needsCheck, questions: questions,
            resultSummary: result.map { "\($0.correct) of \($0.total) answers are right. Read the explanation under each one marked and try again." },
            acknowledged: acknowledged, errors: errors)
        return environment.pages.page(.induction, view, status: status)
    }

    func acknowledge(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let user = try context.signedInUser()
        let form = try await FormFields.read(request, context: context)
        let next = SignInRoutes.safeNext(form["next"])
        let standing = try await environment.policies.inductionStatus(of: user.id)
        guard let current = standing.current, standing.mustAcknowledge else { return .redirect(to: next) }
        // The form names the version it showed: a version published meanwhile must be read first.
        guard form["version"] == current.id.uuidString else {
            return try await page(
                context, next: next, answers: [:], acknowledged: false, result: nil,
                errors: [FieldError(field: "acknowledge", message: PolicyStoreError.notCurrent.description)], status: .conflict)
        }
        let questions = UnderstandingCheck.questions(for: current.policy)
        var answers: [String: String] = [:]
        for question in questions where form.has("answer-\(question.id)") { answers[question.id] = form["answer-\(question.id)"] }
        let acknowledged = form["acknowledge"] == "yes"
        var errors: [FieldError] = []
        var result: UnderstandingResult?
        if !standing.understandingPassed {
            let marked = UnderstandingCheck.mark(answers: answers, questions: questions)
            if !marked.passed {
                result = marked
                let first = marked.missed.first.map { "answer-\($0.id)-\($0.options.first?.id ?? "")" } ?? "acknowledge"
                errors.append(
                    FieldError(
                        field: first,
                        message: "\(marked.total - marked.correct) of your answers \(marked.total - marked.correct == 1 ? "is" : "are") not right yet"
                    ))
            }
        }
        if !acknowledged { errors.append(FieldError(field: "acknowledge", message: "Tick the box to say you have read and understood the policy")) }
        guard errors.isEmpty else {
            return try await page(
                context, next: next, answers: answers, acknowledged: acknowledged, result: result, errors: errors, status: .badRequest)
        }
        do {
            try await environment.policies.acknowledge(
                current.id, by: user.id, understandingPassed: !standing.understandingPassed,
                now: environment.clock())
        } catch let error as PolicyStoreError {
            return try await page(
                context, next: next, answers: answers, acknowledged: false, result: nil,
                errors: [FieldError(field: "acknowledge", message: error.description)], status: .conflict)
        }
        return .redirect(to: next)
    }

    // MARK: The managers' report

    struct ReportRow: Sendable {
        let id: String
        let name: String
        let role: String
        let acknowledged: String?
        let lastVersion: String
        let understanding: String
        let reminders: String
        let canRemind: Bool
    }

    struct ReportView {
        let chrome: PageChrome
        let hasCurrent: Bool
        let versionTitle: String
        let summary: String
        let outstanding: [ReportRow]
        let done: [ReportRow]
        let sentMessage: String?
    }

    func report(_ context: ConfidantRequestContext, sent: (sent: Int, skipped: Int)?, status: HTTPResponse.Status) async throws -> Response {
        let current = try await environment.policies.current()
        let lines = try await environment.policies.acknowledgementReport()
        let now = environment.clock()
        let rows = lines.map { line in
            let recentlyReminded = line.lastRemindedAt.map { now.timeIntervalSince($0) < PolicyStore.reminderInterval } ?? false
            return ReportRow(
                id: line.user.id.uuidString, name: line.user.name, role: line.user.role.title,
                acknowledged: line.acknowledgedAt.map { at in
                    let version = line.acknowledgedVersionNumber ?? current?.number
                    guard let version, let number = current?.number, version != number else {
                        return "\(current?.title ?? "This version"), on \(RecordRoutes.format(at))"
                    }
                    return "Version \(version), on \(RecordRoutes.format(at)). Version \(number) did not change its clauses, so this still counts."
                },
                lastVersion: line.lastVersionNumber.map { "Version \($0)" } ?? "None",
                understanding: line.understandingPassed ? "Passed" : "Not yet",
                reminders: line.reminders == 0 ? "None" : "\(line.reminders), last \(line.lastRemindedAt.map(RecordRoutes.format) ?? "")",
                canRemind: !line.hasAcknowledged && !recentlyReminded && current != nil)
        }
        let done = rows.filter { $0.acknowledged != nil }
        let sentMessage = sent.map { result in
            var text = "\(result.sent) reminder\(result.sent == 1 ? "" : "s") sent."
            if result.skipped > 0 { text += " \(result.skipped) not sent: reminded in the last 24 hours." }
            return text
        }
        let view = ReportView(
            chrome: try await environment.chrome("Policy acknowledgments", context, path: "/policy"),
            hasCurrent: current != nil, versionTitle: current?.title ?? "",
            summary: "\(done.count) of \(rows.count) active accounts have acknowledged \(current?.title ?? "the current version").",
            outstanding: rows.filter { $0.acknowledged == nil }, done: done, sentMessage: sentMessage)
        return environment.pages.page(.acknowledgements, view, status: status)
    }
}
