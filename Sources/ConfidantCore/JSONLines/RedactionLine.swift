/// The `confidant redact` contract as a pure line-in, line-out processor: one JSON request in,
/// one JSON result (or one error object naming the field) out.
///
/// Requests carry `id`, `text`, optional `people` and `organisations` (contracts.md), and
/// optionally `case_key`: requests with the same case key share one `Pseudonymiser`, so a
/// person found in the text but not in `people` keeps the same `Person` letter across the
/// texts of one share. Output spans are in Unicode code points of the input text. Lines are
/// read with the one ``JSONReader`` and answered with the one ``JSONWriter``.
public struct RedactionLine: JSONLineProcessor {
    private let redactor = Redactor()
    private var pseudonymsByCase: [String: Pseudonymiser] = [:]
    /// Case keys remembered at most; past this the table starts again, bounding memory.
    private let caseKeyLimit = 4096

    /// How `redact`'s messages for a line that is not JSON begin (`invalid JSON: …`).
    static let syntaxPrefix = "invalid JSON:"

    /// Creates a processor with no case keys met.
    public init() {}

    /// Processes one input line (without its newline), appending one output line (without a
    /// newline) to `out`; returns false when the line was not a valid request.
    public mutating func process(_ line: [UInt8], into out: inout [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { process(line: $0, into: &out) }
    }

    /// Processes one input line (without its newline) in place, appending one output line
    /// (without a newline) to `out`; returns false when the line was not a valid request.
    public mutating func process(line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        let request: Request
        do {
            request = try Request.parse(line)
        } catch {
            if let id = error.id {
                id.withUnsafeBufferPointer { JSONWriter.appendErrorObject(id: $0, message: error.message, to: &out) }
            } else {
                JSONWriter.appendErrorObject(id: nil, message: error.message, to: &out)
            }
            return false
        }
        let context = RedactionContext(people: request.people, organisations: request.organisations)
        var pseudonyms = Pseudonymiser()
        if let key = request.caseKey { pseudonyms = pseudonymsByCase[key] ?? Pseudonymiser() }
        let result = redactor.redact(bytes: request.text, context: context, pseudonyms: &pseudonyms)
        if let key = request.caseKey {
            if pseudonymsByCase.count >= caseKeyLimit && pseudonymsByCase[key] == nil { pseudonymsByCase.removeAll() }
            pseudonymsByCase[key] = pseudonyms
        }
        out.reserveCapacity(out.count + result.text.count + result.spans.count * 64 + 64)
        JSONWriter.appendRaw(#"{"id":"#, to: &out)
        JSONWriter.appendString(request.id, to: &out)
        JSONWriter.appendRaw(#","text":"#, to: &out)
        JSONWriter.appendString(result.text, to: &out)
        JSONWriter.appendRaw(#","spans":["#, to: &out)
        for (n, span) in result.spans.enumerated() {
            if n > 0 { out.append(0x2C) }
            JSONWriter.appendRaw(#"{"start":"#, to: &out)
            JSONWriter.appendInt(span.start, to: &out)
            JSONWriter.appendRaw(#","end":"#, to: &out)
            JSONWriter.appendInt(span.end, to: &out)
            JSONWriter.appendRaw(#","type":"#, to: &out)
            JSONWriter.appendString(span.type.rawValue, to: &out)
            JSONWriter.appendRaw(#","replacement":"#, to: &out)
            JSONWriter.appendString(span.replacement, to: &out)
            out.append(0x7D)
        }
        JSONWriter.appendRaw("]}", to: &out)
        return true
    }

    /// The stream's entry: the line's answer and its newline. A carriage return ending the
    /// line (CR LF line ends) is not part of the request.
    public mutating func processLine(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        var line = line
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        let valid = process(line: line, into: &output)
        output.append(0x0A)
        return valid
    }

    /// Processes one line given as a string and returns the output line; convenient for tests.
    public mutating func process(_ line: String) -> (output: String, ok: Bool) {
        var out: [UInt8] = []
        let ok = process(Array(line.utf8), into: &out)
        return (String(decoding: out, as: UTF8.self), ok)
    }
}

extension RedactionLine {
    /// Why a line is not a valid request, and the id to echo if it could be read.
    struct RequestError: Error, Sendable {
        var id: [UInt8]?
        var message: String
    }

    /// One parsed request.
    struct Request: Sendable {
        var id: [UInt8]
        var text: [UInt8]
        var people: [KnownPerson] = []
        var organisations: [String] = []
        var caseKey: String?

        static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(RequestError) -> Request {
            var reader = JSONReader(line)
            var id: [UInt8]?
            var idError: String?
            var text: [UInt8]?
            var textError: String?
            var people: [KnownPerson] = []
            var organisations: [String] = []
            var caseKey: String?
            var fieldError: String?
            do throws(JSONReader.Failure) {
                reader.skipWhitespace()
                guard reader.peek == UInt8(ascii: "{") else { throw JSONReader.Failure(what: "a request must be an object") }
                try reader.readObject { (r: inout JSONReader, key: JSONStringToken) throws(JSONReader.Failure) in
                    switch r.text(key) {
                    case "id":
                        if r.peek == UInt8(ascii: "\"") {
                            id = try r.readStringBytes()
                        } else {
                            idError = "id must be a string"
                            _ = try r.skipValue(depth: 1)
                        }
                    case "text":
                        if r.peek == UInt8(ascii: "\"") {
                            text = try r.readStringBytes()
                        } else {
                            textError = "text must be a string"
                            _ = try r.skipValue(depth: 1)
                        }
                    case "people":
                        if try r.readNull() { return }
                        guard r.peek == UInt8(ascii: "[") else {
                            fieldError = fieldError ?? "people must be an array of {name, role, aliases}"
                            _ = try r.skipValue(depth: 1)
                            return
                        }
                        try r.readArray { (r: inout JSONReader, index: Int) throws(JSONReader.Failure) in
                            if let person = try readPerson(&r, index: index, error: &fieldError) { people.append(person) }
                        }
                    case "organisations":
                        if try r.readNull() { return }
                        guard r.peek == UInt8(ascii: "[") else {
                            fieldError = fieldError ?? "organisations must be an array of strings"
                            _ = try r.skipValue(depth: 1)
                            return
                        }
                        try r.readArray { (r: inout JSONReader, index: Int) throws(JSONReader.Failure) in
                            if r.peek == UInt8(ascii: "\"") {
                                organisations.append(try r.readText())
                            } else {
                                fieldError = fieldError ?? "organisations[\(index)] must be a string"
                                _ = try r.skipValue(depth: 2)
                            }
                        }
                    case "case_key":
                        if try r.readNull() { return }
                        if r.peek == UInt8(ascii: "\"") {
                            caseKey = try r.readText()
                        } else {
                            fieldError = fieldError ?? "case_key must be a string"
                            _ = try r.skipValue(depth: 1)
                        }
                    default:
                        _ = try r.skipValue(depth: 1)
                    }
                }
                reader.skipWhitespace()
                guard reader.atEnd else { throw reader.syntaxError("unexpected \(reader.found) after the object") }
            } catch {
                throw RequestError(id: id, message: message(for: error))
            }
            if let idError { throw RequestError(message: idError) }
            guard let id else { throw RequestError(message: "id is required") }
            if let textError { throw RequestError(id: id, message: textError) }
            guard let text else { throw RequestError(id: id, message: "text is required") }
            if let fieldError { throw RequestError(id: id, message: fieldError) }
            return Request(id: id, text: text, people: people, organisations: organisations, caseKey: caseKey)
        }

        /// `redact`'s words for a line that is not JSON: `invalid JSON: …`, and for bytes that
        /// are not UTF-8 `invalid JSON: the line is not valid UTF-8`.
        static func message(for failure: JSONReader.Failure) -> String {
            if failure.isInvalidUTF8 { return "\(syntaxPrefix) the line is not valid UTF-8" }
            guard failure.offset != nil else { return "\(syntaxPrefix) \(failure.what)" }
            return failure.message(prefix: syntaxPrefix)
        }

        private static func readPerson(_ r: inout JSONReader, index: Int, error: inout String?) throws(JSONReader.Failure) -> KnownPerson? {
            guard r.peek == UInt8(ascii: "{") else {
                error = error ?? "people[\(index)] must be an object with name and role"
                _ = try r.skipValue(depth: 2)
                return nil
            }
            var name: String?
            var role: PersonRole?
            var aliases: [String] = []
            var problem: String?
            try r.readObject { (r: inout JSONReader, key: JSONStringToken) throws(JSONReader.Failure) in
                switch r.text(key) {
                case "name":
                    if r.peek == UInt8(ascii: "\"") {
                        name = try r.readText()
                    } else {
                        problem = problem ?? "people[\(index)].name must be a string"
                        _ = try r.skipValue(depth: 3)
                    }
                case "role":
                    role = nil
                    if r.peek == UInt8(ascii: "\"") { role = PersonRole(rawValue: try r.readText()) } else { _ = try r.skipValue(depth: 3) }
                    if role == nil {
                        problem = problem ?? "people[\(index)].role must be one of child, adult, parent_carer, staff, other"
                    }
                case "aliases":
                    if try r.readNull() { return }
                    guard r.peek == UInt8(ascii: "[") else {
                        problem = problem ?? "people[\(index)].aliases must be an array of strings"
                        _ = try r.skipValue(depth: 3)
                        return
                    }
                    try r.readArray { (r: inout JSONReader, n: Int) throws(JSONReader.Failure) in
                        if r.peek == UInt8(ascii: "\"") {
                            aliases.append(try r.readText())
                        } else {
                            problem = problem ?? "people[\(index)].aliases[\(n)] must be a string"
                            _ = try r.skipValue(depth: 4)
                        }
                    }
                default:
                    _ = try r.skipValue(depth: 3)
                }
            }
            if problem == nil {
                if name == nil || name?.allSatisfy(\.isWhitespace) == true {
                    problem = "people[\(index)].name is required"
                } else if role == nil {
                    problem = "people[\(index)].role is required (child, adult, parent_carer, staff or other)"
                }
            }
            if let problem {
                error = error ?? problem
                return nil
            }
            guard let name, let role else { return nil }
            return KnownPerson(name: name, role: role, aliases: aliases)
        }
    }
}
