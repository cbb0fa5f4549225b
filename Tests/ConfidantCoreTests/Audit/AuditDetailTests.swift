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
