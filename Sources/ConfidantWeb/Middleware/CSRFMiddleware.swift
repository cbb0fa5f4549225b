import ConfidantStore
import HTTPTypes
import Hummingbird
import NIOCore

/// Refuses any state-changing request that does not prove it came from one of Confidant's own pages.
///
/// With a session, the form's `_csrf` field (or the `X-CSRF-Token` header for API calls) must equal the
/// session's token. Before sign-in, forms carry a token that must equal the `confidant_form` cookie
/// (double submit). Bearer-token requests carry no ambient credential and need neither.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = ConfidantRequestContext

    static let formCookie = "confidant_form"
    static let fieldName = "_csrf"
    static let headerName = HTTPField.Name("X-CSRF-Token")

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), context.tokenUser == nil else {
            return try await next(request, context)
        }
        let expected = context.session?.csrfToken ?? request.cookies[Self.formCookie]?.value
        guard let expected, !expected.isEmpty else { throw WebError.formExpired }
        var request = request
        var presented = Self.headerName.flatMap { request.headers[$0] }
        if presented == nil, request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            // Collected once here; the handler reads the same buffer again.
            let buffer = try await request.collectBodyWithinLimit(context)
            presented = try FormFields(urlEncoded: String(buffer: buffer))[Self.fieldName]
        } else if presented == nil, let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") {
            presented = try await Self.firstField(of: &request, contentType: type)
        }
        guard let presented, SecretToken.constantTimeEquals(presented, expected) else { throw WebError.formExpired }
        return try await next(request, context)
    }

    /// The most of an upload read to find its token: the token must be its first field, as Confidant's forms send it.
    static let tokenSearchBytes = 16 * 1024

    /// The `_csrf` field at the start of a multipart body, read without holding the rest: the bytes read are put back
    /// in front of the body, so the route reads it whole, a piece at a time.
    static func firstField(of request: inout Request, contentType: String) async throws -> String? {
        var reader: MultipartReader
        do { reader = try MultipartReader(contentType: contentType) } catch { return nil }
        var iterator = request.body.makeAsyncIterator()
        var held: [ByteBuffer] = []
        var read = 0
        var value: [UInt8]?
        var token: String?
        reading: while read <= tokenSearchBytes, let buffer = try await iterator.next() {
            held.append(buffer)
            read += buffer.readableBytes
            let events: [MultipartReader.Event]
            do { events = try reader.feed(buffer.readableBytesView) } catch { break }
            for event in events {
                switch event {
                case .start(let part):
                    guard part.name == fieldName, part.filename == nil else { break reading }
                    value = []
                case .bytes(let bytes):
                    value? += bytes
                    if (value?.count ?? 0) > 128 { break reading }
                case .end:
                    token = value.map { String(decoding: $0, as: UTF8.self) }
                    break reading
                }
            }
            if reader.isDone { break }
        }
        request.body = RequestBody(asyncSequence: ResumedBody(remainder: .init(held: held, iterator: iterator)))
        return token
    }
}

/// A request body whose first buffers were already read: those, then the rest as it arrives.
struct ResumedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// What is left to read. Only the one handler that owns the request reads it, a buffer after another, which is why
    /// it may cross into the handler although the body's iterator is not `Sendable` (Hummingbird's own body does the same).
    final class Remainder: @unchecked Sendable {
        var held: [ByteBuffer]
        var iterator: RequestBody.AsyncIterator

        init(held: [ByteBuffer], iterator: RequestBody.AsyncIterator) {
            self.held = held
            self.iterator = iterator
        }
    }

    let remainder: Remainder

    struct AsyncIterator: AsyncIteratorProtocol {
        let remainder: Remainder

        mutating func next() async throws -> ByteBuffer? {
            if !remainder.held.isEmpty { return remainder.held.removeFirst() }
            var iterator = remainder.iterator
            let buffer = try await iterator.next()
            remainder.iterator = iterator
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remainder: remainder) }
}
