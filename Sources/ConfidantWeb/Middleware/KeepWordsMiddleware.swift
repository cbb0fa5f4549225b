import ConfidantStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// Never loses a disclosure to a timeout: a concern form sent just after its writer's session ended is kept, sealed,
/// for that writer alone, and they are asked to sign in; the form then opens with everything they wrote.
///
/// Only the writer gets the words back, after signing in again (`KeptFormStore.take`); the kept send is never acted
/// on, so it needs no CSRF token, and the session cookie is SameSite=Strict, so another site cannot make one.
struct KeepWordsMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext

    let kept: KeptFormStore
    let clock: @Sendable () -> Date

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post, context.session == nil, let userID = context.lapsedUserID,
            let page = Self.formPage(of: request.uri),
            request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        else { return try await next(request, context) }
        var request = request
        let body = String(buffer: try await request.collectBodyWithinLimit(context))
        try await kept.keep(body, user: userID, path: Self.action(of: request.uri), now: clock())
        // The page's autosave is told plainly, so it can say so; a person's own send goes to sign in.
        if Self.isAutosave(request) { return Response(status: .unauthorized) }
        return .redirect(to: "/sign-in?kept=1&next=\(page.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/home")")
    }

    /// The header the page's autosave sends with each save.
    static let autosaveHeader = HTTPField.Name("X-Autosave")

    /// Whether `request` is the page's autosave rather than a person pressing a button.
    static func isAutosave(_ request: Request) -> Bool {
        autosaveHeader.flatMap { request.headers[$0] } == "1"
    }

    /// The address a concern form posts to, as its page writes it (path and query).
    static func action(of uri: URI) -> String {
        uri.query.map { "\(uri.path)?\($0)" } ?? uri.path
    }

    /// The page of a concern form that `uri` is the action of, or nil for any other address.
    static func formPage(of uri: URI) -> String? {
        let parts = uri.path.split(separator: "/")
        if parts.count == 3, parts[0] == "people", UUID(uuidString: String(parts[1])) != nil, parts[2] == "concerns" {
            let draft = uri.queryParameters["draft"].flatMap { UUID(uuidString: String($0)) }
            return "/people/\(parts[1])/concerns/new" + (draft.map { "?draft=\($0)" } ?? "")
        }
        if parts.count == 3, parts[0] == "concerns", UUID(uuidString: String(parts[1])) != nil, parts[2] == "edit" {
            return uri.path
        }
        return nil
    }
}
