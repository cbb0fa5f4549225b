/// The one writer of JSON text for the command-line contracts and the audit log: appends to a
/// byte buffer, strings escaped once, here.
///
/// The escaping is the minimal one RFC 8259 allows, and it is fixed: `"` and `\` escaped,
/// `\n`, `\r`, `\t`, `\b` and `\f` as their short escapes, every other control character as
/// `\u00xx` (lower-case hex), everything else — `/`, DEL and all non-ASCII UTF-8 — passed
/// through as it is. The canonical audit detail (``AuditDetail``) is hashed into the audit
/// chain, so this escaping must never change: an event already stored re-encodes to the same
/// bytes only if its detail is escaped exactly as when it was written.
enum JSONWriter {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends UTF-8 text as a JSON string, quotes included.
    static func appendString(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        var runStart = 0
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                index += 1
                continue
            }
            // Copy the run of bytes that need no escape in one go.
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            out.append(0x5C)
            switch byte {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default: out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
            index += 1
            runStart = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<count]))
        out.append(0x22)
    }

    /// Appends UTF-8 bytes as a JSON string.
    static func appendString(_ text: [UInt8], to out: inout [UInt8]) {
        text.withUnsafeBufferPointer { appendString($0, to: &out) }
    }

    /// Appends a Swift string as a JSON string.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString($0, to: &out) }
    }

    /// Appends an array of strings: `["a","b"]`.
    static func appendStrings(_ texts: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, text) in texts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(text, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A Swift string as a JSON string literal, quotes included.
    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ASCII text as it stands: keys with their punctuation, literals.
    static func appendRaw(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends an integer in decimal.
    static func appendInt(_ value: some BinaryInteger, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    /// Appends `true` or `false`.
    static func appendBool(_ value: Bool, to out: inout [UInt8]) {
        if value { appendRaw("true", to: &out) } else { appendRaw("false", to: &out) }
    }

    /// Appends the contracts' answer to an input line that is not a valid request:
    /// `{"id":<id or null>,"error":"<message>"}` (contracts.md), without a newline.
    static func appendErrorObject(id: UnsafeBufferPointer<UInt8>?, message: String, to out: inout [UInt8]) {
        appendRaw(#"{"id":"#, to: &out)
        if let id { appendString(id, to: &out) } else { appendRaw("null", to: &out) }
        appendRaw(#","error":"#, to: &out)
        appendString(message, to: &out)
        out.append(0x7D)
    }

    /// Appends the contracts' answer to an input line that is not a valid request, and its newline.
    static func appendErrorLine(id: UnsafeBufferPointer<UInt8>?, message: String, to out: inout [UInt8]) {
        appendErrorObject(id: id, message: message, to: &out)
        out.append(0x0A)
    }
}
