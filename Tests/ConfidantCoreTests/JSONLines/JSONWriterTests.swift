import Testing

@testable import ConfidantCore

/// The one string escaping, which the audit chain's stored details depend on byte for byte.
@Suite struct JSONWriterTests {
    /// The escaping `AuditDetail` used before there was one writer, kept here as the reference:
    /// details already in the audit log were escaped so, and must re-encode to the same bytes.
    static func referenceQuoted(_ text: String) -> String {
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

    @Test func everyASCIICharacterIsEscapedExactlyAsTheAuditLogAlwaysWas() {
        for value in 0..<0x80 {
            let text = "a" + String(Unicode.Scalar(UInt8(value))) + "b"
            #expect(JSONWriter.quoted(text) == Self.referenceQuoted(text), "U+\(String(value, radix: 16))")
        }
    }

    @Test(arguments: ["", "plain", "é ünïcødé 👍 — “quotes”", "a/b\u{7F}", "\u{2028}\u{2029}", "\u{1F}\"\\\n\r\t\u{08}\u{0C}"])
    func textIsEscapedExactlyAsTheAuditLogAlwaysWas(_ text: String) {
        #expect(JSONWriter.quoted(text) == Self.referenceQuoted(text))
    }

    @Test(arguments: [
        ("\"", #""\"""#), ("\\", #""\\""#), ("\n\r\t", #""\n\r\t""#), ("\u{08}\u{0C}", #""\b\f""#),
        ("\u{00}\u{1F}", #""\u0000\u001f""#), ("/", #""/""#), ("é", "\"é\""),
    ])
    func shortEscapesForNamedControlsAndLowerCaseHexForTheRest(_ text: String, _ expected: String) {
        #expect(JSONWriter.quoted(text) == expected)
    }

    @Test func integersBooleansAndArrays() {
        var out: [UInt8] = []
        JSONWriter.appendInt(-5 as Int64, to: &out)
        out.append(0x20)
        JSONWriter.appendInt(UInt64.max, to: &out)
        out.append(0x20)
        JSONWriter.appendBool(true, to: &out)
        out.append(0x20)
        JSONWriter.appendStrings(["a", "b\"c"], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"-5 18446744073709551615 true ["a","b\"c"]"#)
    }

    @Test func errorLinesAreTheContractsObject() {
        var out: [UInt8] = []
        JSONWriter.appendErrorLine(id: nil, message: "field `id` is missing", to: &out)
        let id = Array("x\"1".utf8)
        id.withUnsafeBufferPointer { JSONWriter.appendErrorLine(id: $0, message: "bad", to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == "{\"id\":null,\"error\":\"field `id` is missing\"}\n{\"id\":\"x\\\"1\",\"error\":\"bad\"}\n")
    }
}
