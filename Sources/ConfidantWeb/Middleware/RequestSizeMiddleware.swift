import Hummingbird

/// Refuses request bodies larger than the configured limit before any of it is read.
struct RequestSizeMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext
    let limit: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.maxUploadSize = limit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw WebError.payloadTooLarge(limit: limit)
        }
        return try await next(request, context)
    }
}
