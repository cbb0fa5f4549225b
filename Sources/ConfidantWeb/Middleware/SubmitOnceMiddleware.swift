import ConfidantStore
import Foundation
import Hummingbird

/// Acts on each form once: every page a signed-in person opens gives its forms a fresh one-use token (`_once`), and a
/// second send of the same form (the back button, a double click, a retry after a network error) is taken to what
/// the first send made instead of making a second concern, share, decision, addendum or task.
///
/// A token is used per form address, so the several forms of one page (a task list, approve and refuse) are each
/// acted on once. A send that made nothing (the form shown again with its mistakes, or an error) frees the token.
/// Scripts that post a form repeatedly on purpose (the share form's live check, autosave) leave the token out.
struct SubmitOnceMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext

    static let fieldName = "_once"
    let submissions: FormSubmissionStore
    let clock: @Sendable () -> Date

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post, let user = context.session?.user,
            request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        else { return try await next(request, context) }
        var request = request
        let buffer = try await request.collectBodyWithinLimit(context)
        let token = try FormFields(urlEncoded: String(buffer: buffer))[Self.fieldName]
        // A token is 43 characters of base64url; anything else is not one of ours and is ignored, not trusted.
        guard (32...64).contains(token.count) else { return try await next(request, context) }
        let key = "\(request.uri.path) \(token)"
        // A double click: the browser shows the second answer, so it waits (up to five seconds) for the first send and
        // shows what that made; if the first made nothing, this send goes ahead instead.
        var waited = 0
        claiming: while true {
            switch try await submissions.claim(key, user: user.id, now: clock()) {
            case .done(let location):
                return .redirect(to: location)
            case .first:
                break claiming
            case .inProgress:
                waited += 1
                guard waited <= 50 else {
                    throw WebError.conflict("This form is already being saved. Wait a moment, then open the page again to see it.")
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        do {
            let response = try await next(request, context)
            // A redirect to confirm who is asking (step-up, sign-in) made nothing yet: the form may be sent again after it.
            if response.status == .seeOther, let location = response.headers[.location],
                !["/step-up", "/sign-in", "/account/second-factor"].contains(where: { location.hasPrefix($0) })
            {
                try await submissions.finish(key, user: user.id, location: location)
            } else {
                try await submissions.release(key, user: user.id)
            }
            return response
        } catch {
            try? await submissions.release(key, user: user.id)
            throw error
        }
    }
}
