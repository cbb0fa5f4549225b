import Foundation
import Testing

@testable import ConfidantCore

/// Runs one line through a fresh processor.
func run(_ line: String, policy: ConfidentialityPolicy = .mct) -> (output: String, valid: Bool) {
    var processor = DecisionLineProcessor(policy: policy)
    return processor.process(line: line)
}

/// The output line as a JSON object.
func object(_ output: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any] ?? [:]
}

let contractExample =
    #"{"id":"e1","subject":{"kind":"child"},"requester":"staff","recipient":{"kind":"partner_agency"},"purpose":"safeguarding","form":"identified","consent":"refused","risk":"significant_harm","confidentiality_offered":"limited"}"#

@Suite struct DecisionLineProcessorTests {
    @Test func contractExampleComesOutExactlyWithKeysInContractOrder() {
        let (output, valid) = run(contractExample)
        #expect(valid)
        #expect(
            output.hasPrefix(
                #"{"id":"e1","outcome":"escalate","form":null,"breaks_confidence":true,"lawful_basis":"none","obligations":[],"next_steps":["ask_dsl","share_deidentified"],"reasons":["#
            ))
        let keys = [
            "\"id\"", "\"outcome\"", "\"form\"", "\"breaks_confidence\"", "\"lawful_basis\"", "\"obligations\"",
            "\"next_steps\"", "\"reasons\"", "\"explanation\"",
        ]
        let positions = keys.compactMap { output.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
        let json = object(output)
        #expect(json["reasons"] as? [String] == ["safety-first", "breaking-grounds", "dsl-approval"])
        #expect((json["explanation"] as? String)?.isEmpty == false)
    }

    @Test func keysInAnyOrderWithWhitespaceAndUnknownFieldsGiveTheSameDecision() {
        let shuffled = """
             { "confidentiality_offered" : "limited" ,"risk":"significant_harm", "note": {"a": [1, -2.5e+3, true, null, "x\\"y"]},
              "consent":"refused","form":"identified","purpose":"safeguarding",
              "recipient":{"team":"north","kind":"partner_agency"},"requester":"staff","subject":{"age":9,"kind":"child"},"id":"e1"}\t
            """.replacingOccurrences(of: "\n", with: " ")
        #expect(run(shuffled).output == run(contractExample).output)
        #expect(run(shuffled).valid)
    }

    @Test func defaultsApplyWhenFlagsAreLeftOut() {
        let explicit =
            #"{"id":"e1","subject":{"kind":"child","has_capacity":true},"requester":"staff","recipient":{"kind":"partner_agency","need_to_know":false,"is_alleged_perpetrator":false},"purpose":"safeguarding","form":"identified","consent":"refused","risk":"significant_harm","risk_to_others":false,"serious_crime":false,"legal_duty":false,"informing_would_increase_risk":false,"informing_would_prejudice_investigation":false,"confidentiality_offered":"limited","dsl_approved":false}"#
        #expect(run(explicit).output == run(contractExample).output)
    }

    @Test func everyFlagIsRead() {
        let line = contractExample.replacingOccurrences(
            of: #""confidentiality_offered""#, with: #""dsl_approved":true,"informing_would_increase_risk":true,"confidentiality_offered""#)
        let json = object(run(line).output)
        #expect(json["outcome"] as? String == "permit")
        #expect(json["obligations"] as? [String] == ["record_decision", "record_reason_not_informed"])
    }

    @Test func encodedRequestsReadBackAsTheSameRequest() {
        var index = 0
        var mismatches = 0
        var checked = 0
        for (requester, recipient) in ShareRequestSpace.slices {
            ShareRequestSpace.forEach(requester: requester, recipient: recipient) { request in
                index += 1
                guard index % 4001 == 0 else { return }
                checked += 1
                var scratch: [UInt8] = []
                let line = Array(ShareRequestEncoder.jsonLine(request, id: "r\(index)").utf8)
                let parsed = line.withUnsafeBufferPointer { ShareRequestParser.parse($0, scratch: &scratch) }
                guard case .request(let read, _) = parsed, read == request else { mismatches += 1; return }
            }
        }
        #expect(checked > 3000)
        #expect(mismatches == 0)
    }

    @Test(arguments: [
        (#"a\u00e9b"#, "aéb"),
        (#"\ud83d\ude00 smile"#, "😀 smile"),
        (#"quote \" and backslash \\ and slash \/"#, #"quote " and backslash \ and slash /"#),
        (#"tab\tnew\nline\u0001"#, "tab\tnew\nline\u{01}"),
        ("plain ünïcødé", "plain ünïcødé"),
    ])
    func idsWithEscapesAndUnicodeAreEchoedAsTheSameString(idText: String, expected: String) {
        let line = contractExample.replacingOccurrences(of: #""id":"e1""#, with: #""id":"\#(idText)""#)
        let (output, valid) = run(line)
        #expect(valid)
        #expect(object(output)["id"] as? String == expected)
    }

    @Test(
        arguments: [
            (
                #"{"id":"x","subject":{"kind":"child"},"requester":"staff","recipient":{"kind":"dsl"},"purpose":"safeguarding","form":"identified","consent":"given","risk":"big","confidentiality_offered":"limited"}"#,
                "x", "field `risk`: \"big\" is not one of none, concern, significant_harm, immediate_danger"
            ),
            (#"{"id":"x","subject":{"kind":"teen"}}"#, "x", "field `subject.kind`: \"teen\" is not one of child, adult_at_risk, adult"),
            (#"{"id":"x","subject":"child"}"#, "x", "field `subject`: \"child\" is not an object"),
            (#"{"id":"x","subject":{"kind":"child","has_capacity":"yes"}}"#, "x", "field `subject.has_capacity`: \"yes\" is not true or false"),
            (#"{"id":"x","dsl_approved":null}"#, "x", "field `dsl_approved`: null is not true or false"),
            (#"{"id":"x","requester":5}"#, "x", "field `requester`: 5 is not one of staff, dsl, manager, admin, auditor, partner"),
            (#"{"id":7,"risk":"none"}"#, nil, "field `id`: 7 is not a string"),
            (#"{"risk":"none"}"#, nil, "field `id` is missing"),
            (#"{"id":"x"}"#, "x", "field `subject` is missing"),
            (#"{"id":"x","subject":{}}"#, "x", "field `subject.kind` is missing"),
            (#"{"id":"x","risk":"none","risk":"concern"}"#, "x", "field `risk` appears more than once"),
            (#"[1,2]"#, nil, "the line is an array, not a JSON object"),
            (#""text""#, nil, "the line is a string, not a JSON object"),
            (#"{"id":"x",}"#, "x", "not valid JSON: expected a string but found `}` at column 11"),
            (#"{"id":"x"} extra"#, "x", "not valid JSON: unexpected `e` after the object at column 12"),
            (#"{"id":"x","n":01}"#, "x", "not valid JSON: expected `,` or `}` but found `1` at column 16"),
            (#"{"id":"x","n":1.}"#, "x", "not valid JSON: invalid number at column 17"),
            (#"{"id":"x","s":"\q"}"#, "x", "not valid JSON: invalid escape \\q at column 17"),
            (#"{"id":"\ud800"}"#, nil, "field `id`: \"\\ud800\" holds an unpaired surrogate, which cannot be echoed"),
            ("{\"id\":\"a\u{01}\"}", nil, "not valid JSON: control character in a string at column 9"),
            (#"{"id":"x""#, "x", "not valid JSON: expected `,` or `}` but found end of line at column 10"),
        ] as [(String, String?, String)])
    func invalidLinesGiveAnErrorNamingTheFieldAndValue(line: String, id: String?, message: String) {
        let (output, valid) = run(line)
        #expect(!valid)
        let json = object(output)
        #expect(json.keys.sorted() == ["error", "id"])
        #expect(json["error"] as? String == message)
        if let id {
            #expect(json["id"] as? String == id)
        } else {
            #expect(json["id"] is NSNull)
        }
    }

    @Test func anEscapedIDSurvivesEscapedKeysAndValuesAfterIt() {
        let line =
            contractExample
            .replacingOccurrences(of: #""id":"e1""#, with: #""id":"\u00e9-1""#)
            .replacingOccurrences(of: #""risk":"significant_harm""#, with: #""r\u0069sk":"significant\u005fharm""#)
        let (output, valid) = run(line)
        #expect(valid)
        #expect(object(output)["id"] as? String == "é-1")
        #expect(object(output)["outcome"] as? String == "escalate")
        let invalid = run(#"{"id":"\u00e9-2","r\u0069sk":"b\u0069g"}"#)
        #expect(object(invalid.output)["id"] as? String == "é-2")
        #expect(
            object(invalid.output)["error"] as? String
                == "field `risk`: \"b\\u0069g\" is not one of none, concern, significant_harm, immediate_danger")
    }

    @Test func invalidUTF8IsRejected() {
        var processor = DecisionLineProcessor()
        var output: [UInt8] = []
        let line: [UInt8] = Array(#"{"id":"a"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let valid = line.withUnsafeBufferPointer { processor.process(line: $0, into: &output) }
        #expect(!valid)
        #expect(String(decoding: output, as: UTF8.self) == #"{"id":null,"error":"not valid JSON: invalid UTF-8 at column 9"}"# + "\n")
    }

    @Test func deepNestingIsRejectedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let (output, valid) = run(#"{"id":"x","n":\#(deep)}"#)
        #expect(!valid)
        #expect((object(output)["error"] as? String)?.contains("nested more than 64 deep") == true)
    }

    @Test func longRejectedValuesAreShortenedInTheMessage() {
        let long = String(repeating: "é", count: 100)
        let (output, _) = run(#"{"id":"x","risk":"\#(long)"}"#)
        let message = object(output)["error"] as? String ?? ""
        #expect(message.hasPrefix("field `risk`: \"ééé"))
        #expect(message.contains("…"))
        #expect(message.count < 120)
    }

    @Test func reasonsCiteTheLoadedPolicysClauseIDs() throws {
        let renamed = ConfidentialityPolicy.mct.clauses.map { clause in
            var clause = clause
            clause.id = "org-" + clause.id
            return clause
        }
        let policy = try ConfidentialityPolicy(name: "Fictional Youth Club policy", version: "1", clauses: renamed)
        let json = object(run(contractExample, policy: policy).output)
        #expect(json["reasons"] as? [String] == ["org-safety-first", "org-breaking-grounds", "org-dsl-approval"])
    }
}
