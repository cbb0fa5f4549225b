/// The `confidant redact` contract as a pure line-in, line-out processor: one JSON request in,
/// one JSON result (or one error object naming the field) out.
///
/// Requests carry `id`, `text`, optional `people` and `organisations` (contracts.md), and
/// optionally `case_key`: requests with the same case key share one `Pseudonymiser`, so a
/// person found in the text but not in `people` keeps the same `Person` letter across the
/// texts of one share. Output spans are in Unicode code points of the input text.
public struct RedactionLine: Sendable {
    private let redactor = Redactor()
    private var pseudonymsByCase: [String: Pseudonymiser] = [:]
    /// Case keys remembered at most; past this the table starts again, bounding memory.
    private let caseKeyLimit = 4096

    /// Creates a processor with no case keys met.
    public init() {}

    /// Processes one input line (without its newline), appending one output line (without a
    /// newline) to `out`; returns false when the line was not a valid request.
    public mutating func process(_ line: [UInt8], into out: inout [UInt8]) -> Bool {
        let request: Request
        do {
            request = try Request.parse(line)
        } catch {
            JSONWriter.appendRaw("{\"id\":", to: &out)
            if let id = error.id { JSONWriter.appendString(id, to: &out) } else { JSONWriter.appendRaw("null", to: &out) }
            JSONWriter.appendRaw(",\"error\":", to: &out)
            JSONWriter.appendString(error.message, to: &out)
            JSONWriter.appendRaw("}", to: &out)
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
        JSONWriter.appendRaw("{\"id\":", to: &out)
        JSONWriter.appendString(request.id, to: &out)
        JSONWriter.appendRaw(",\"text\":", to: &out)
        JSONWriter.appendString(result.text, to: &out)
        JSONWriter.appendRaw(",\"spans\":[", to: &out)
        for (n, span) in result.spans.enumerated() {
            if n > 0 { out.append(0x2C) }
            JSONWriter.appendRaw("{\"start\":", to: &out)
            JSONWriter.appendInt(span.start, to: &out)
            JSONWriter.appendRaw(",\"end\":", to: &out)
            JSONWriter.appendInt(span.end, to: &out)
            JSONWriter.appendRaw(",\"type\":\"", to: &out)
            out.append(contentsOf: span.type.rawValue.utf8)
            JSONWriter.appendRaw("\",\"replacement\":", to: &out)
            JSONWriter.appendString(span.replacement, to: &out)
            out.append(0x7D)
        }
        JSONWriter.appendRaw("]}", to: &out)
        return true
    }

    /// Processes one line given as a string and returns the output line; convenient for tests.
    public mutating func process(_ line: String) -> (output: String, ok: Bool) {
        var out: [UInt8] = []
        let ok = process(Array(line.utf8), into: &out)
        return (String(decoding: out, as: UTF8.self), ok)
    }

    /// Whether a line holds nothing but whitespace (such lines are skipped, not answered).
    public static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
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

        static func parse(_ line: [UInt8]) throws(RequestError) -> Request {
            guard JSONReader.isValidUTF8(line) else { throw RequestError(message: "invalid JSON: the line is not valid UTF-8") }
            var reader = JSONReader(bytes: line)
            var id: [UInt8]?
            var idError: String?
            var text: [UInt8]?
            var textError: String?
            var people: [KnownPerson] = []
            var organisations: [String] = []
            var caseKey: String?
            var fieldError: String?
            do throws(JSONReader.Failure) {
                guard reader.peek() == 0x7B else { throw JSONReader.Failure(message: "invalid JSON: a request must be an object") }
                try reader.readObject { (r: inout JSONReader, key: [UInt8]) throws(JSONReader.Failure) in
                    switch String(decoding: key, as: UTF8.self) {
                    case "id":
                        if r.peek() == 0x22 { id = try r.readString() } else { idError = "id must be a string"; try r.skipValue() }
                    case "text":
                        if r.peek() == 0x22 { text = try r.readString() } else { textError = "text must be a string"; try r.skipValue() }
                    case "people":
                        if r.readNull() { return }
                        guard r.peek() == 0x5B else {
                            fieldError = fieldError ?? "people must be an array of {name, role, aliases}"
                            try r.skipValue()
                            return
                        }
                        try r.readArray { (r: inout JSONReader, index: Int) throws(JSONReader.Failure) in
                            if let person = try readPerson(&r, index: index, error: &fieldError) { people.append(person) }
                        }
                    case "organisations":
                        if r.readNull() { return }
                        guard r.peek() == 0x5B else {
                            fieldError = fieldError ?? "organisations must be an array of strings"
                            try r.skipValue()
                            return
                        }
                        try r.readArray { (r: inout JSONReader, index: Int) throws(JSONReader.Failure) in
                            if r.peek() == 0x22 {
                                organisations.append(String(decoding: try r.readString(), as: UTF8.self))
                            } else {
                                fieldError = fieldError ?? "organisations[\(index)] must be a string"
                                try r.skipValue()
                            }
                        }
                    case "case_key":
                        if r.readNull() { return }
                        if r.peek() == 0x22 { caseKey = String(decoding: try r.readString(), as: UTF8.self) } else {
                            fieldError = fieldError ?? "case_key must be a string"
                            try r.skipValue()
                        }
                    default:
                        try r.skipValue()
                    }
                }
                guard reader.atEnd() else { throw JSONReader.Failure(message: "invalid JSON: unexpected text after the object") }
            } catch {
                throw RequestError(id: id, message: error.message)
            }
            if let idError { throw RequestError(message: idError) }
            guard let id else { throw RequestError(message: "id is required") }
            if let textError { throw RequestError(id: id, message: textError) }
            guard let text else { throw RequestError(id: id, message: "text is required") }
            if let fieldError { throw RequestError(id: id, message: fieldError) }
            return Request(id: id, text: text, people: people, organisations: organisations, caseKey: caseKey)
        }

        private static func readPerson(_ r: inout JSONReader, index: Int, error: inout String?) throws(JSONReader.Failure) -> KnownPerson? {
            guard r.peek() == 0x7B else {
                error = error ?? "people[\(index)] must be an object with name and role"
                try r.skipValue()
                return nil
            }
            var name: String?
            var role: PersonRole?
            var aliases: [String] = []
            var problem: String?
            try r.readObject { (r: inout JSONReader, key: [UInt8]) throws(JSONReader.Failure) in
                switch String(decoding: key, as: UTF8.self) {
                case "name":
                    if r.peek() == 0x22 { name = String(decoding: try r.readString(), as: UTF8.self) } else {
                        problem = problem ?? "people[\(index)].name must be a string"
                        try r.skipValue()
                    }
                case "role":
                    if r.peek() == 0x22, let value = PersonRole(rawValue: String(decoding: try r.readString(), as: UTF8.self)) {
                        role = value
                    } else {
                        problem = problem ?? "people[\(index)].role must be one of child, adult, parent_carer, staff, other"
                        if r.peek() != 0x2C && r.peek() != 0x7D { try r.skipValue() }
                    }
                case "aliases":
                    if r.readNull() { return }
                    guard r.peek() == 0x5B else {
                        problem = problem ?? "people[\(index)].aliases must be an array of strings"
                        try r.skipValue()
                        return
                    }
                    try r.readArray { (r: inout JSONReader, n: Int) throws(JSONReader.Failure) in
                        if r.peek() == 0x22 {
                            aliases.append(String(decoding: try r.readString(), as: UTF8.self))
                        } else {
                            problem = problem ?? "people[\(index)].aliases[\(n)] must be a string"
                            try r.skipValue()
                        }
                    }
                default:
                    try r.skipValue()
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
