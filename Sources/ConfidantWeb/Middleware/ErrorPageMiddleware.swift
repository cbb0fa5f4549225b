import ConfidantStore
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
            var response = pages.page("error", view, status: webError.status)
            if let seconds = webError.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    /// "Already decided: approved by Dana Lead at 14:02 UTC on 25 November 2026." for the person who lost a race;
    /// times are UTC, as on every page (`RecordRoutes.format`).
    static func message(for error: AlreadyDecided) -> String {
        let when = error.at.map { at in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
            calendar.locale = Locale(identifier: "en_GB")
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: at)
            let month = calendar.monthSymbols[max(0, min(11, (parts.month ?? 1) - 1))]
            return " at " + String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
                + " UTC on \(parts.day ?? 1) \(month) \(parts.year ?? 1970)"
        } ?? ""
        return "Already decided: \(error.outcome.rawValue) by \(error.by)\(when). Nothing of yours was saved; reload the page to see it."
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
        case let error as StoreError:
            switch error {
            case .databaseUnreachable: return .serviceUnavailable
            case .duplicateEmail, .userNotFound, .linkInvalid: return .badRequest(error.description)
            default: break
            }
        case let error as AccessRequestError:
            switch error {
            case .notFound: return .notFound
            case .notALead: return .forbidden
            case .reasonMissing: return .badRequest(error.description)
            case .alreadyDecided, .ownRequest: return .conflict(error.description)
            }
        case let error as PolicyStoreError:
            return PolicyRoutes.webError(error)
        case let error as AlreadyDecided:
            return .conflict(Self.message(for: error))
        case is DecodingError:
            return .badRequest("The JSON body could not be read: \(APIResponse.describe(error))")
        default:
            break
        }
        context.logger.error("Unexpected error", metadata: ["error": "\(String(reflecting: error))"])
        return .unexpected
    }
}
