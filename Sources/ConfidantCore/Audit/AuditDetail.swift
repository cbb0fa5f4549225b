/// The small JSON object an audit event carries: identifiers, field names and counts, never case content.
///
/// Auditors read the log ([Policy statement]: the organisation must be able to show that
/// confidentiality was kept) but may see case content only de-identified, so the detail
/// names *which* record and *which parts* were read or changed (`{"parts":["account"]}`),
/// never what they say. Values are limited to strings, integers, booleans and lists of
/// strings, and the whole object is at most `AuditEventField.detail.byteLimit` bytes,
/// which leaves no room for a narrative.
///
/// The JSON is canonical — keys sorted by their UTF-8 bytes, no whitespace, only `"`,
/// `\` and control characters escaped — so the same detail always gives the same bytes
/// and the same hash, whatever dictionary order the caller built it in.
public struct AuditDetail: Hashable, Sendable {
    /// A value in the detail object.
    public enum Value: Hashable, Sendable {
        /// A string, such as an id or a field name.
        case string(String)
        /// An integer, such as a count.
        case int(Int64)
        /// A flag.
        case bool(Bool)
        /// A list of strings, such as the parts of a record that were read.
        case strings([String])
    }

    /// The fields of the object.
    public var fields: [String: Value]

    /// Makes a detail object; the empty object by default.
    public init(_ fields: [String: Value] = [:]) {
        self.fields = fields
    }

    /// The canonical JSON text of the object, as stored in `AuditEvent.detail`.
    public var json: String {
        var out = "{"
        let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (position, key) in keys.enumerated() {
            if position > 0 { out += "," }
            out += Self.quoted(key)
            out += ":"
            switch fields[key] {
            case .string(let text): out += Self.quoted(text)
            case .int(let number): out += String(number)
            case .bool(let flag): out += flag ? "true" : "false"
            case .strings(let texts): out += "[" + texts.map(Self.quoted).joined(separator: ",") + "]"
            case nil: out += "null"
            }
        }
        return out + "}"
    }

    /// A JSON string literal with the minimal escaping that keeps it canonical.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
