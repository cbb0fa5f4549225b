import Testing
@testable import ConfidantCore

@Suite struct DecisionLineStreamTests {
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
}
