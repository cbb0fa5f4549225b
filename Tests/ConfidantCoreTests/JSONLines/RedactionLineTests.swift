import Foundation
import Testing

@testable import ConfidantCore

extension RedactionLine {
    /// The output line for one input line, through a fresh processor.
    func processed(_ line: String) -> (output: String, ok: Bool) {
        var processor = self
        return processor.process(line)
    }
}

struct RedactionLineTests {
    private func run(_ line: String) -> (object: [String: Any], ok: Bool) {
        var processor = RedactionLine()
        let (output, ok) = processor.process(line)
        let object = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any] ?? [:]
        return (object, ok)
    }

    @Test func resultCarriesIdTextAndSpansPerTheContract() throws {
        let (object, ok) = run(
            #"{"id":"e1","text":"Kayden told Mrs Hart.","people":[{"name":"Kayden Hart","role":"child"},{"name":"Dana Hart","role":"parent_carer","aliases":["Dee"]}]}"#
        )
        #expect(ok)
        #expect(object["id"] as? String == "e1")
        #expect(object["text"] as? String == "Child A told Parent/Carer A.")
        let spans = try #require(object["spans"] as? [[String: Any]])
        #expect(spans.count == 2)
        #expect(spans[0]["start"] as? Int == 0)
        #expect(spans[0]["end"] as? Int == 6)
        #expect(spans[0]["type"] as? String == "PERSON")
        #expect(spans[0]["replacement"] as? String == "Child A")
        #expect(spans[1]["start"] as? Int == 12)
        #expect(spans[1]["end"] as? Int == 20)
    }

    @Test func escapesAndNonASCIIRoundTrip() throws {
        let (object, ok) = run(#"{"id":"u","text":"Zo\u00eb said \"hi\"\n\ud83d\udc4d call 07700 900123","extra":{"a":[1,2.5e3,true,null]}}"#)
        #expect(ok)
        #expect(object["text"] as? String == "Person A said \"hi\"\n👍 call [phone number]")
        let spans = try #require(object["spans"] as? [[String: Any]])
        #expect(spans.last?["start"] as? Int == 21)
    }

    @Test(arguments: [
        (#"{"id":"a""#, "a", "invalid JSON"),
        (#"[1,2]"#, "null", "invalid JSON"),
        (#"{"text":"x"}"#, "null", "id is required"),
        (#"{"id":7,"text":"x"}"#, "null", "id must be a string"),
        (#"{"id":"b"}"#, "b", "text is required"),
        (#"{"id":"c","text":5}"#, "c", "text must be a string"),
        (#"{"id":"d","text":"x","people":[{"name":"A B"}]}"#, "d", "people[0].role"),
        (#"{"id":"e","text":"x","people":[{"name":"A B","role":"cat"}]}"#, "e", "people[0].role"),
        (#"{"id":"f","text":"x","people":[{"role":"child"}]}"#, "f", "people[0].name"),
        (#"{"id":"g","text":"x","organisations":"Oakfield"}"#, "g", "organisations"),
        (#"{"id":"h","text":"x","people":[{"name":"A","role":"child","aliases":[3]}]}"#, "h", "people[0].aliases[0]"),
        (#"{"id":"i","text":"x"} trailing"#, "i", "invalid JSON"),
    ])
    func invalidLinesGiveAnErrorNamingTheField(_ line: String, _ id: String, _ message: String) {
        let (object, ok) = run(line)
        #expect(!ok)
        if id == "null" { #expect(object["id"] is NSNull) } else { #expect(object["id"] as? String == id) }
        #expect((object["error"] as? String)?.contains(message) == true, "\(object)")
        #expect(object["text"] == nil)
    }

    @Test func invalidUTF8IsAnError() {
        var processor = RedactionLine()
        var out: [UInt8] = []
        let ok = processor.process(Array(#"{"id":"x","text":""#.utf8) + [0xFF] + Array(#""}"#.utf8), into: &out)
        #expect(!ok)
        #expect(String(decoding: out, as: UTF8.self).contains("not valid UTF-8"))
    }

    @Test func caseKeyKeepsUnknownPeopleAcrossLines() {
        var processor = RedactionLine()
        _ = processor.process(#"{"id":"1","case_key":"k","text":"Mr Okafor and Tyler Brook."}"#)
        let second = processor.process(#"{"id":"2","case_key":"k","text":"Tyler rang."}"#).output
        let other = processor.process(#"{"id":"3","text":"Tyler rang."}"#).output
        #expect(second.contains("Person B rang."))
        #expect(other.contains("Person A rang."))
    }

    @Test(
        arguments: [
            (#"{"id":"a","text":"x""#, "a", "invalid JSON: expected `,` or `}` but found end of line at column 21"),
            (#"[1,2]"#, nil, "invalid JSON: a request must be an object"),
            (#"{"id":"i","text":"x"} trailing"#, "i", "invalid JSON: unexpected `t` after the object at column 23"),
            (#"{"id":"a","text":"\ud800"}"#, "a", "invalid JSON: unpaired surrogate in a string at column 18"),
            (#"{"id":"\udc00","text":"x"}"#, nil, "invalid JSON: unpaired surrogate in a string at column 7"),
            (#"{"id":"a","n":01,"text":"x"}"#, "a", "invalid JSON: expected `,` or `}` but found `1` at column 16"),
        ] as [(String, String?, String)])
    func syntaxErrorsSayInvalidJSONAndWhere(_ line: String, _ id: String?, _ message: String) {
        let (object, ok) = run(line)
        #expect(!ok)
        #expect(object["error"] as? String == message)
        if let id { #expect(object["id"] as? String == id) } else { #expect(object["id"] is NSNull) }
    }

    @Test func invalidUTF8AfterTheIdEchoesTheId() {
        var processor = RedactionLine()
        var out: [UInt8] = []
        let ok = processor.process(Array(#"{"id":"x","text":"a"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), into: &out)
        #expect(!ok)
        #expect(String(decoding: out, as: UTF8.self) == #"{"id":"x","error":"invalid JSON: the line is not valid UTF-8"}"#)
    }

    @Test func controlCharactersInTheTextAreEscapedInTheResult() {
        let (output, ok) = RedactionLine().processed(#"{"id":"c","text":"a\b\f\u0001\/é"}"#)
        #expect(ok)
        #expect(output == #"{"id":"c","text":"a\b\f\u0001/é","spans":[]}"#)
    }
}
