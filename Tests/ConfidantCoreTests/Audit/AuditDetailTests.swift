import Foundation
import Testing

@testable import ConfidantCore

@Suite struct AuditDetailTests {
    @Test func keysAreSortedAndThereIsNoWhitespace() {
        let detail = AuditDetail([
            "parts": .strings(["account", "observations"]), "count": .int(2), "draft": .bool(false),
            "record": .string("disclosure:7"),
        ])
        #expect(detail.json == #"{"count":2,"draft":false,"parts":["account","observations"],"record":"disclosure:7"}"#)
    }

    @Test func emptyDetailIsTheEmptyObject() {
        #expect(AuditDetail().json == "{}")
    }

    @Test func quotesBackslashesAndControlCharactersAreEscaped() {
        let detail = AuditDetail(["k": .string("a\"b\\c\nd\u{01}é")])
        #expect(detail.json == #"{"k":"a\"b\\c\nd\u0001é"}"#)
    }

    @Test func outputIsValidJSONWithTheSameValues() throws {
        let detail = AuditDetail(["reason": .string("line\tbreak \"quoted\""), "n": .int(-5), "ok": .bool(true)])
        let object = try #require(JSONSerialization.jsonObject(with: Data(detail.json.utf8)) as? [String: Any])
        #expect(object["reason"] as? String == "line\tbreak \"quoted\"")
        #expect(object["n"] as? Int == -5)
        #expect(object["ok"] as? Bool == true)
    }

    @Test func sameFieldsInAnyOrderGiveTheSameText() {
        var a = AuditDetail()
        a.fields["z"] = .int(1)
        a.fields["a"] = .int(2)
        var b = AuditDetail()
        b.fields["a"] = .int(2)
        b.fields["z"] = .int(1)
        #expect(a.json == b.json)
    }
}

extension AuditDetailTests {
    /// Stored events must still verify: a detail with every kind of character re-encodes to the
    /// bytes the audit log always stored (the writer's escaping is pinned in JSONWriterTests).
    @Test func everyControlCharacterEncodesAsStoredDetailsAlwaysHave() {
        let text = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\"\\/é👍"
        let detail = AuditDetail(["k": .string(text), "n": .int(-1), "list": .strings([text])])
        let quoted = JSONWriterTests.referenceQuoted(text)
        #expect(detail.json == #"{"k":"# + quoted + #","list":["# + quoted + #"],"n":-1}"#)
        #expect(quoted.hasPrefix(#""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e"#))
    }
}

extension AuditDetailTests {
    @Test func aDetailReadsBackFromItsJSON() {
        let detail = AuditDetail(["k": .string("a\"b\\c\n\u{01}é"), "n": .int(-7), "ok": .bool(false), "parts": .strings(["x", "y"])])
        #expect(AuditDetail(json: detail.json) == detail)
        #expect(AuditDetail(json: "{}") == AuditDetail())
    }

    @Test(arguments: ["", "[]", #"{"a":1.5}"#, #"{"a":null}"#, #"{"a":[1]}"#, #"{"a":"x"} tail"#, #"{"a":"\ud800"}"#])
    func whatIsNotADetailDoesNotRead(_ json: String) {
        #expect(AuditDetail(json: json) == nil)
    }
}
