import ConfidantCore
import Foundation
import Hummingbird

/// JSON answers of the API under `/api/v1`.
enum APIResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// `value` as a JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The error body every API error has: `{"error": {"code": …, "message": …}}`.
    static func error(_ error: WebError) -> Response {
        struct Body: Encodable { let error: Detail }
        struct Detail: Encodable { let code: String; let message: String }
        let body = Body(error: Detail(code: error.code, message: error.message))
        let data = (try? encoder.encode(body)) ?? Data(#"{"error":{"code":"internal_error"}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if error == .signInRequired { headers[.wwwAuthenticate] = #"Bearer realm="confidant""# }
        if let seconds = error.retryAfter { headers[.retryAfter] = String(seconds) }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a JSON request body, refusing other content types and naming the field at fault.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: ConfidantRequestContext) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else { throw WebError.unsupportedMediaType }
        var request = request
        let buffer = try await request.collectBodyWithinLimit(context)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw WebError.badRequest("The JSON body could not be read: \(describe(error)).")
        }
    }

    /// A one-line account of a decoding error that names the field.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "it is not valid JSON" }
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the body" : "field `" + codingPath.map(\.stringValue).joined(separator: ".") + "`"
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not valid JSON" : "\(path(context.codingPath)) is not valid"
        @unknown default: return "it is not valid JSON"
        }
    }
}

/// An account as the API shows it.
struct UserJSON: Encodable {
    let id: UUID
    let name: String
    let email: String
    let role: String
    let disabled: Bool
    let hasPassword: Bool
    let createdAt: Date
    let updatedAt: Date

    init(_ user: UserAccount) {
        id = user.id
        name = user.name
        email = user.email
        role = user.role.rawValue
        disabled = user.disabled
        hasPassword = user.hasPassword
        createdAt = user.createdAt
        updatedAt = user.updatedAt
    }
}
