import Testing

@testable import ConfidantCore

/// The one JSON reader, directly; each command's wording of its failures is tested with the command.
@Suite struct JSONReaderTests {
    /// Runs `body` over a reader of `text`.
    private func read<T>(_ text: String, _ body: (inout JSONReader) throws(JSONReader.Failure) -> T) -> Result<T, JSONReader.Failure> {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            var reader = JSONReader(UnsafeBufferPointer(buffer))
            do throws(JSONReader.Failure) { return .success(try body(&reader)) } catch { return .failure(error) }
        }
    }

    @Test func objectsAndArraysAreReadMemberByMember() throws {
        let result = read(#"{ "a" : [ "x" , "y\u00e9" ] , "b\u0021" : true , "c" : null }"#) {
            (reader: inout JSONReader) throws(JSONReader.Failure) in
            var seen: [String] = []
            try reader.readObject { (reader: inout JSONReader, key: JSONStringToken) throws(JSONReader.Failure) in
                let name = reader.text(key) ?? "?"
                switch name {
                case "a":
                    try reader.readArray { (reader: inout JSONReader, index: Int) throws(JSONReader.Failure) in
                        seen.append("a[\(index)]=" + (try reader.readText()))
                    }
                case "b!": seen.append("b!=\(try reader.readBoolean() ?? false)")
                default: seen.append("\(name) null=\(try reader.readNull())")
                }
            }
            return seen
        }
        #expect(try result.get() == ["a[0]=x", "a[1]=yé", "b!=true", "c null=true"])
    }

    @Test(
        arguments: [
            (#"{"a" 1}"#, "expected `:` but found `1`", 5),
            (#"{"a":tru}"#, "invalid literal", 5),
            (#"{"a":"\x"}"#, "invalid escape \\x", 7),
            (#"{"a":-}"#, "invalid number", 6),
            (#"{"a":1"#, "expected `,` or `}` but found end of line", 6),
        ] as [(String, String, Int)])
    func syntaxFailuresSayWhatAndWhere(_ text: String, _ what: String, _ offset: Int) {
        let result = read(text) { (reader: inout JSONReader) throws(JSONReader.Failure) in
            _ = try reader.skipValue()
        }
        #expect(result.failure == JSONReader.Failure(what: what, offset: offset))
        #expect(result.failure?.message(prefix: "not valid JSON:") == "not valid JSON: \(what) at column \(offset + 1)")
    }

    @Test func invalidUTF8InAStringIsMarkedSo() {
        var bytes: [UInt8] = Array(#""a"#.utf8) + [0xED, 0xA0, 0x80] + Array(#"""#.utf8)  // an encoded surrogate
        let failure = bytes.withUnsafeMutableBufferPointer { buffer -> JSONReader.Failure? in
            var reader = JSONReader(UnsafeBufferPointer(buffer))
            do throws(JSONReader.Failure) { _ = try reader.readString(); return nil } catch { return error }
        }
        #expect(failure == JSONReader.Failure(what: "invalid UTF-8", offset: 2, isInvalidUTF8: true))
    }

    @Test func anUnpairedSurrogateEscapeIsReadButCannotBeDecoded() throws {
        let result = read(#""\ud83d x""#) { (reader: inout JSONReader) throws(JSONReader.Failure) in
            try reader.readStringBytes()
        }
        #expect(result.failure == JSONReader.Failure(what: "unpaired surrogate in a string", offset: 0))
        let paired = read(#""\ud83d\ude00""#) { (reader: inout JSONReader) throws(JSONReader.Failure) in try reader.readText() }
        #expect(try paired.get() == "😀")
    }
}

extension Result {
    /// The failure, if it is one.
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
