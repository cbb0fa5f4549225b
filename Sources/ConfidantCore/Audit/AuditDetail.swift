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
/// `\` and control characters escaped (by ``JSONWriter``) — so the same detail always gives the same bytes
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
    ///
    /// Its layout is its own (keys sorted, nothing between tokens); its strings are escaped by
    /// the one ``JSONWriter``, whose escaping is fixed so that stored events keep their hashes.
    public var json: String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (position, key) in keys.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            switch fields[key] {
            case .string(let text): JSONWriter.appendString(text, to: &out)
            case .int(let number): JSONWriter.appendInt(number, to: &out)
            case .bool(let flag): JSONWriter.appendBool(flag, to: &out)
            case .strings(let texts): JSONWriter.appendStrings(texts, to: &out)
            case nil: JSONWriter.appendRaw("null", to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
