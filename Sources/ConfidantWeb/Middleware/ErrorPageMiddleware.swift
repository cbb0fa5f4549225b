import Foundation
import Hummingbird
import Logging

/// Turns every error into a clear page or JSON answer with a 4xx (or 503), never a stack trace.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext
    let pages: PageRenderer

    struct ErrorView {
        let chrome: PageChrome
        let heading: String
        let message: String
        let homeLink: String
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let webError = Self.webError(for: error, context: context)
            let isAPI = request.uri.path.hasPrefix("/api/")
            if webError == .signInRequired, !isAPI, request.method == .get {
                let next = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
                let target = "/sign-in?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                return Response(status: .seeOther, headers: [.location: target])
            }
            if isAPI {
                return APIResponse.error(webError)
            }
            let view = ErrorView(
                chrome: PageChrome(title: webError.title, context: context), heading: webError.title,
                message: webError.message, homeLink: context.session == nil ? "/" : "/home")
            var response = pages.page(.error, view, status: webError.status)
            if let seconds = webError.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    /// The user-facing error for anything thrown below; unexpected errors are logged and shown without detail.
    static func webError(for error: any Error, context: Context) -> WebError {
        switch error {
        case let error as WebError:
            return error
        case let error as HTTPError:
            switch error.status.code {
            case 404: return .notFound
            case 405: return .badRequest("This address does not accept that method.")
            case 413: return .payloadTooLarge(limit: context.maxUploadSize)
            case 400..<500: return .badRequest(error.body ?? "The request could not be read.")
            default: break
            }
        case let error as any AnsweredOnTheWeb:
            if error.webError == .unexpected { break }
            return error.webError
        case is DecodingError:
            return .badRequest("The JSON body could not be read: \(APIResponse.describe(error))")
        default:
            break
        }
        context.logger.error("Unexpected error", metadata: ["error": "\(String(reflecting: error))"])
        return .unexpected
    }
}
