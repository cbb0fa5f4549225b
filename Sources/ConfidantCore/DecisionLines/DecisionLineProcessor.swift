/// The JSON Lines logic of `confidant decide`: one request line in, one decision (or error) line out.
///
/// Pure and line-at-a-time, so that the command only moves bytes and memory stays flat
/// however many lines come. The rendering of each distinct decision is cached: there are only
/// a few hundred, and a line then costs a parse, a decision and two copies.
public struct DecisionLineProcessor: JSONLineProcessor {
    private let writer: DecisionLineWriter
    private var tails: [ShareDecision: [UInt8]] = [:]
    private var scratch: [UInt8] = []

    /// Creates a processor whose decisions cite the given policy's clause ids.
    public init(policy: ConfidentialityPolicy = .mct) {
        writer = DecisionLineWriter(policy: policy)
        scratch.reserveCapacity(256)
    }

    /// Appends the output line for one input line (without its newline); returns false when the
    /// line was invalid and an error line was written.
    public mutating func process(line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        switch ShareRequestParser.parse(line, scratch: &scratch) {
        case .request(let request, let id):
            appendHead(id: id, line: line, into: &output)
            let decision = DecisionEngine.decide(request)
            if let tail = tails[decision] {
                output.append(contentsOf: tail)
            } else {
                var tail: [UInt8] = []
                writer.appendTail(of: decision, into: &tail)
                tails[decision] = tail
                output.append(contentsOf: tail)
            }
            return true
        case .invalid(let id, let message):
            switch id {
            case .raw(let range)?:
                let idBytes = UnsafeBufferPointer(rebasing: line[range])
                JSONWriter.appendErrorLine(id: idBytes, message: message, to: &output)
            case .decoded(let decoded)?:
                decoded.withUnsafeBufferPointer { decoded in
                    JSONWriter.appendErrorLine(id: decoded, message: message, to: &output)
                }
            case nil:
                JSONWriter.appendErrorLine(id: nil, message: message, to: &output)
            }
            return false
        }
    }

    /// The stream's name for ``process(line:into:)``, whose answer already ends in a newline.
    public mutating func processLine(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        process(line: line, into: &output)
    }

    /// Processes one line given as text and returns the output line without its newline; for tests and tools.
    public mutating func process(line: String) -> (output: String, valid: Bool) {
        var output: [UInt8] = []
        var bytes = Array(line.utf8)
        let valid = bytes.withUnsafeMutableBufferPointer { process(line: UnsafeBufferPointer($0), into: &output) }
        bytes.removeAll()
        if output.last == 0x0A { output.removeLast() }
        return (String(decoding: output, as: UTF8.self), valid)
    }

    /// Writes `{"id":` and the id: raw bytes when they needed no decoding, else re-escaped.
    private func appendHead(id: ShareRequestParser.IDText, line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.append(contentsOf: #"{"id":"#.utf8)
        switch id {
        case .raw(let range):
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: UnsafeBufferPointer(rebasing: line[range]))
            output.append(UInt8(ascii: "\""))
        case .decoded(let decoded):
            JSONWriter.appendString(decoded, to: &output)
        }
    }
}
