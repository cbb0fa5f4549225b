import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Advice without identification: staff and partner agencies ask, safeguarding leads answer, nobody is named.
struct AdviceRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let askers = RouteAccess.roles([.staff, .dsl, .deputyDSL, .partner])
    static let leads = RouteAccess.roles(RecordAccess.leads)

    struct RequestRow: Sendable {
        let id: String
        let askedAt: String
        let asker: String?
        let question: String
        let answer: String?
        let answeredBy: String
        let answeredAt: String
        let canAnswer: Bool
        /// What was wrong with this question's answer when it was sent, shown beside it, and the answer as typed.
        let answerError: String?
        let typedAnswer: String
    }

    /// An answer sent with a mistake: to which question, what was typed, and what was wrong.
    struct FailedAnswer {
        let requestID: UUID
        let text: String
        let message: String
    }

    struct View {
        let chrome: PageChrome
        let canAsk: Bool
        let question: String
        let justAsked: String?
        let listTitle: String
        let requests: [RequestRow]
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    func register(on routes: SecureRouter) {
        routes.get("/advice", access: Self.askers) { _, context in try await page(context, question: "", justAsked: nil, errors: [], status: .ok) }
        routes.post("/advice", access: Self.askers) { request, context in
            guard let user = context.user else { throw WebError.signInRequired }
            let form = try await FormFields.read(request, context: context)
            let question = form["question"].trimmed
            var errors: [FieldError] = []
            if question.isEmpty { errors.append(FieldError(field: "question", message: "Write your question")) }
            if question.count > AdviceRequest.maximumLength {
                errors.append(FieldError(field: "question", message: "Keep the question to \(FieldError.characters(AdviceRequest.maximumLength))"))
            }
            guard errors.isEmpty else { return try await page(context, question: question, justAsked: nil, errors: errors, status: .badRequest) }
            let stored = try await deidentified(question)
            _ = try await environment.advice.ask(stored, by: user.id, now: environment.clock())
            return try await page(context, question: "", justAsked: stored, errors: [], status: .created)
        }
        routes.post("/advice/{id}/answer", access: Self.leads) { request, context in
            guard let user = context.user else { throw WebError.signInRequired }
            let id = try context.uuidParameter()
            let form = try await FormFields.read(request, context: context)
            let answer = form["answer"].trimmed
            let mistake =
                answer.isEmpty
                ? "Write your answer"
                : answer.count > AdviceRequest.maximumLength ? "Keep the answer to \(FieldError.characters(AdviceRequest.maximumLength))" : nil
            if let mistake {
                return try await page(
                    context, question: "", justAsked: nil, errors: [FieldError(field: "answer-\(id.uuidString)", message: mistake)],
                    status: .badRequest, failedAnswer: FailedAnswer(requestID: id, text: form["answer"], message: mistake))
            }
            try await environment.advice.answer(id, with: try await deidentified(answer), by: user.id, now: environment.clock())
            return .redirect(to: "/advice")
        }
    }

    /// The text with every identifying span replaced; the people in the records are known to the redactor by name.
    func deidentified(_ text: String) async throws -> String {
        Redactor().redact(text, people: try await environment.records.knownPeople()).text
    }

    func page(
        _ context: ConfidantRequestContext, question: String, justAsked: String?, errors: [FieldError],
        status: HTTPResponse.Status, failedAnswer: FailedAnswer? = nil
    ) async throws -> Response {
        guard let user = context.user else { throw WebError.signInRequired }
        let isLead = user.role.isSafeguardingLead
        let names = try await environment.users.names()
        let requests = isLead ? try await environment.advice.all() : try await environment.advice.asked(by: user.id)
        let rows = requests.map { request in
            RequestRow(
                id: request.id.uuidString, askedAt: RecordRoutes.format(request.askedAt),
                asker: isLead ? names[request.askerID] ?? "unknown" : nil, question: request.question, answer: request.answer,
                answeredBy: request.answeredBy.flatMap { names[$0] } ?? "", answeredAt: request.answeredAt.map(RecordRoutes.format) ?? "",
                canAnswer: isLead, answerError: failedAnswer?.requestID == request.id ? failedAnswer?.message : nil,
                typedAnswer: failedAnswer?.requestID == request.id ? failedAnswer?.text ?? "" : "")
        }
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Ask for advice" : "Error: Ask for advice", context, path: "/advice"),
            canAsk: true, question: question, justAsked: justAsked,
            listTitle: isLead ? "Questions from staff and partners" : "Your questions", requests: rows, errors: errors,
            errorFor: FieldError.byField(errors))
        return environment.pages.page(.advice, view, status: status)
    }
}
