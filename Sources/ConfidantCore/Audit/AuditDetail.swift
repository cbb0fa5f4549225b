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

    /// Reads a detail back from its JSON text (as stored in `AuditEvent.detail`) with the one
    /// ``JSONReader``; nil if it is not an object of the values a detail holds.
    public init?(json: String) {
        var text = json
        let fields: [String: Value]? = text.withUTF8 { bytes in
            var reader = JSONReader(bytes)
            var fields: [String: Value] = [:]
            do throws(JSONReader.Failure) {
                reader.skipWhitespace()
                var unreadable = false
                try reader.readObject { (reader: inout JSONReader, key: JSONStringToken) throws(JSONReader.Failure) in
                    guard let name = reader.text(key) else { unreadable = true; _ = try reader.skipValue(depth: 1); return }
                    switch reader.peek {
                    case UInt8(ascii: "\""):
                        fields[name] = .string(try reader.readText())
                    case UInt8(ascii: "t"), UInt8(ascii: "f"):
                        fields[name] = try reader.readBoolean().map(Value.bool)
                    case UInt8(ascii: "["):
                        var texts: [String] = []
                        try reader.readArray { (reader: inout JSONReader, _: Int) throws(JSONReader.Failure) in
                            if reader.peek == UInt8(ascii: "\"") {
                                texts.append(try reader.readText())
                            } else {
                                unreadable = true
                                _ = try reader.skipValue(depth: 2)
                            }
                        }
                        fields[name] = .strings(texts)
                    default:
                        let range = try reader.skipValue(depth: 1)
                        let number = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                        if let value = Int64(number) { fields[name] = .int(value) } else { unreadable = true }
                    }
                }
                reader.skipWhitespace()
                guard reader.atEnd, !unreadable else { return nil }
            } catch {
                return nil
            }
            return fields
        }
        guard let fields else { return nil }
        self.init(fields)
    }
}
