import ConfidantCore
import Foundation
import Hummingbird

/// Refuses request bodies larger than the configured limit before any of it is read.
///
/// An upload of files (`POST …/attachments`) may be as large as a record's files may be in all, with room for the
/// form around them; its route reads it a piece at a time and counts every byte, so a body sent without a length is
/// held to the same limit.
struct RequestSizeMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext
    let limit: Int
    let uploadLimit: Int

    /// Room for the form's other fields and each part's headers.
    static let uploadOverhead = 1_048_576

    init(limit: Int, attachments: AttachmentLimits) {
        self.limit = limit
        uploadLimit = max(limit, attachments.perRecord + Self.uploadOverhead)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let allowed = request.method == .post && Self.isUpload(request.uri.path) ? uploadLimit : limit
        context.maxUploadSize = allowed
        if let length = request.headers[.contentLength].flatMap(Int.init), length > allowed {
            throw WebError.payloadTooLarge(limit: allowed)
        }
        return try await next(request, context)
    }

    /// Whether `path` is where files are uploaded: `/concerns/<id>/attachments` or `/people/<id>/attachments`.
    static func isUpload(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && (parts[1] == "concerns" || parts[1] == "people")
            && UUID(uuidString: String(parts[2])) != nil && parts[3] == "attachments"
    }
}
