import Foundation
import Testing

@testable import ConfidantCore

/// The one line reader, as `decide` (lines capped at 1 MiB) and `redact` (no cap) use it.
@Suite struct JSONLineStreamTests {
    static let input = [
        contractExample,
        "",
        #"{"id":"bad","risk":"big"}"#,
        "   ",
        contractExample.replacingOccurrences(of: "\"e1\"", with: "\"e2\"") + "\r",
    ].joined(separator: "\n")

    @Test func linesComeOutInOrderBlankLinesAreSkippedAndInvalidLinesCounted() {
        var stream = DecisionLineStream()
        let output = stream.consume(text: Self.input)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix(#"{"id":"e1","outcome":"escalate""#))
        #expect(lines[1].hasPrefix(#"{"id":"bad","error":"#))
        #expect(lines[2].hasPrefix(#"{"id":"e2","outcome":"escalate""#))
        #expect(stream.lineCount == 3)
        #expect(stream.invalidLineCount == 1)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1000])
    func anyChunkSizeGivesTheSameOutput(chunkSize: Int) {
        var whole = DecisionLineStream()
        let expected = whole.consume(text: Self.input)
        var stream = DecisionLineStream()
        var output: [UInt8] = []
        let bytes = Array(Self.input.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            bytes[start..<end].withUnsafeBufferPointer { stream.consume($0, into: &output) }
            start = end
        }
        stream.finish(into: &output)
        #expect(String(decoding: output, as: UTF8.self) == expected)
        #expect(stream.invalidLineCount == 1)
    }

    @Test(arguments: [1, 5, 4096])
    func anOverlongLineIsAnsweredWithAnErrorAndSkippedWithoutBeingKept(chunkSize: Int) {
        let long = #"{"id":"long","note":""# + String(repeating: "x", count: 500) + #""}"#
        let text = [contractExample, long, contractExample].joined(separator: "\n") + "\n"
        var stream = DecisionLineStream(maximumLineLength: 300)
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            bytes[start..<end].withUnsafeBufferPointer { stream.consume($0, into: &output) }
            start = end
        }
        stream.finish(into: &output)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == #"{"id":null,"error":"the line is longer than 300 bytes"}"#)
        #expect(lines[2].hasPrefix(#"{"id":"e1","outcome""#))
        #expect(stream.invalidLineCount == 1)
    }

    @Test func aLastLineWithoutNewlineIsProcessed() {
        var stream = DecisionLineStream()
        let output = stream.consume(text: contractExample)
        #expect(output.hasPrefix(#"{"id":"e1","outcome":"escalate""#))
        #expect(output.hasSuffix("}\n"))
    }

    @Test func decideCapsLinesAtOneMebibyteByDefault() {
        #expect(DecisionLineStream.defaultMaximumLineLength == 1 << 20)
        var stream = DecisionLineStream()
        let long = #"{"id":"long","note":""# + String(repeating: "x", count: 1 << 20) + #""}"#
        let lines = stream.consume(text: long + "\n" + contractExample).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == #"{"id":null,"error":"the line is longer than 1048576 bytes"}"#)
        #expect(lines[1].hasPrefix(#"{"id":"e1","outcome""#))
    }

    @Test(arguments: [1000, 1 << 16])
    func redactReadsLinesOfAnyLength(chunkSize: Int) throws {
        // Three mebibytes of text in one request: longer than decide's cap, answered whole.
        let text = String(repeating: "Call 07700 900123 about it. ", count: 3 * (1 << 20) / 28)
        let line = #"{"id":"big","text":""# + text + #""}"#
        var stream = RedactionLineStream()
        var output: [UInt8] = []
        let bytes = Array((line + "\n" + #"{"id":"next","text":"x"}"#).utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            bytes[start..<end].withUnsafeBufferPointer { stream.consume($0, into: &output) }
            start = end
        }
        stream.finish(into: &output)
        let lines = output.split(separator: 0x0A)
        #expect(lines.count == 2)
        let first = try #require(JSONSerialization.jsonObject(with: Data(lines[0])) as? [String: Any])
        #expect(first["id"] as? String == "big")
        #expect((first["text"] as? String)?.hasPrefix("Call [phone number] about it.") == true)
        #expect(String(decoding: lines[1], as: UTF8.self).hasPrefix(#"{"id":"next","text":"x""#))
        #expect(stream.invalidLineCount == 0)
    }

    @Test func blankLinesAreRecognised() {
        var stream = RedactionLineStream()
        #expect(stream.consume(text: "  \r\n\t\n") == "")
        #expect(stream.lineCount == 0)
        #expect(stream.consume(text: " {}\n").hasPrefix(#"{"id":null,"error":"#))
        #expect(stream.lineCount == 1)
    }

    @Test func redactDropsTheCarriageReturnOfACRLFLine() {
        var stream = RedactionLineStream()
        let output = stream.consume(text: "{\"id\":\"a\",\"text\":\"x\"}\r\n")
        #expect(output == #"{"id":"a","text":"x","spans":[]}"# + "\n")
    }
}
