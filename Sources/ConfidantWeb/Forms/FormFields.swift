import Hummingbird
import NIOCore

/// The fields of a submitted HTML form (`application/x-www-form-urlencoded`).
///
/// Every form is read this one way rather than with Hummingbird's `URLEncodedFormDecoder`: browsers send a group
/// of checkboxes as the same name repeated (`part=account&part=observations`), which that decoder reads only in
/// its `part[]=` shape, and a form with a mistake must be shown again with exactly what was typed, which a
/// `Decodable` that fails as a whole cannot give back.
public struct FormFields: Sendable {
    private var values: [String: [String]]

    /// Parses a body; repeated fields keep every value in order, and malformed percent-encoding is refused.
    public init(urlEncoded body: String) throws(WebError) {
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw .badRequest("The form could not be read: a field is not properly encoded.")
            }
            values[name, default: []].append(value)
        }
        self.values = values
    }

    /// Reads the form from a request whose body has been, or can be, collected.
    static func read(_ request: Request, context: ConfidantRequestContext) async throws -> FormFields {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { throw WebError.unsupportedMediaType }
        var request = request
        let buffer = try await request.collectBodyWithinLimit(context)
        return try FormFields(urlEncoded: String(buffer: buffer))
    }

    /// A form with no fields.
    static let empty = FormFields(values: [:])

    private init(values: [String: [String]]) { self.values = values }

    /// The first value of a field, or an empty string when absent.
    public subscript(name: String) -> String { values[name]?.first ?? "" }

    /// Every value of a field that repeats, such as a group of checkboxes.
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether the form has a field of that name.
    public func has(_ name: String) -> Bool { values[name] != nil }

    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension Request {
    /// The fields of a form sent with GET (a search), read as a form body is: a browser writes a space as "+", which
    /// Hummingbird's `queryParameters` leaves as a plus ("Child+7F3A"). Malformed encoding reads as no fields.
    var formQuery: FormFields {
        (try? FormFields(urlEncoded: uri.query ?? "")) ?? FormFields.empty
    }

    /// The whole body, at most the configured size (413 beyond it); kept so a later reader gets it again.
    mutating func collectBodyWithinLimit(_ context: ConfidantRequestContext) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: context.maxUploadSize)
        } catch {
            throw WebError.payloadTooLarge(limit: context.maxUploadSize)
        }
    }
}
