/// Splits a byte stream into lines for a ``JSONLineProcessor``, holding at most one line: the
/// one line reader of `confidant decide` and `confidant redact`.
///
/// The command feeds it chunks as they are read; lines inside a chunk are processed in place,
/// and only a line that straddles two chunks is copied. With a `maximumLineLength`, a longer
/// line is answered with `{"id":null,"error":"the line is longer than N bytes"}` and skipped
/// without being kept, so memory stays bounded whatever the input (`decide` caps lines at
/// 1 MiB); without one (`redact`: a text may be any length), a line is kept however long it
/// is. Blank lines (only spaces, tabs and carriage returns) are not requests and produce no
/// output.
public struct JSONLineStream<Processor: JSONLineProcessor>: Sendable {
    private var processor: Processor
    private let maximumLineLength: Int?
    private var pending: [UInt8] = []
    private var discarding = false

    /// How many request lines were read (blank lines not counted).
    public private(set) var lineCount = 0
    /// How many of them were invalid.
    public private(set) var invalidLineCount = 0

    /// Creates a stream over a processor; `maximumLineLength` in bytes, nil for no limit.
    public init(processor: Processor, maximumLineLength: Int?) {
        self.processor = processor
        self.maximumLineLength = maximumLineLength
    }

    /// Consumes a chunk of input, appending the output for every line it completes.
    public mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var start = 0
        while start < chunk.count {
            guard let newline = Self.firstNewline(in: chunk, from: start) else {
                keep(UnsafeBufferPointer(rebasing: chunk[start...]), into: &output)
                return
            }
            let piece = UnsafeBufferPointer(rebasing: chunk[start..<newline])
            if pending.isEmpty && !discarding {
                handle(line: piece, into: &output)
            } else {
                keep(piece, into: &output)
                finishPending(into: &output)
            }
            start = newline + 1
        }
    }

    /// Processes a last line that had no newline.
    public mutating func finish(into output: inout [UInt8]) {
        finishPending(into: &output)
    }

    /// Consumes a whole input given as text; for tests and tools.
    public mutating func consume(text: String) -> String {
        var output: [UInt8] = []
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { consume(UnsafeBufferPointer($0), into: &output) }
        finish(into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private mutating func keep(_ piece: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard !discarding else { return }
        if let maximumLineLength, pending.count + piece.count > maximumLineLength {
            discarding = true
            pending.removeAll()
            return
        }
        pending.append(contentsOf: piece)
    }

    private mutating func finishPending(into output: inout [UInt8]) {
        if discarding {
            discarding = false
            answerOverlong(into: &output)
            return
        }
        guard !pending.isEmpty else { return }
        let line = pending
        pending.removeAll(keepingCapacity: true)
        line.withUnsafeBufferPointer { handle(line: $0, into: &output) }
    }

    private mutating func handle(line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        if let maximumLineLength, line.count > maximumLineLength {
            answerOverlong(into: &output)
            return
        }
        guard !Self.isBlank(line) else { return }
        lineCount += 1
        if !processor.processLine(line, into: &output) { invalidLineCount += 1 }
    }

    private mutating func answerOverlong(into output: inout [UInt8]) {
        lineCount += 1
        invalidLineCount += 1
        JSONWriter.appendErrorLine(
            id: nil, message: "the line is longer than \(maximumLineLength ?? 0) bytes", to: &output)
    }

    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }

    private static func firstNewline(in chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < chunk.count {
            if chunk[index] == 0x0A { return index }
            index += 1
        }
        return nil
    }
}

/// What a ``JSONLineStream`` hands each line to: one request line in, one answer line out.
public protocol JSONLineProcessor: Sendable {
    /// Appends the answer to one line (given without its newline), newline included; returns
    /// false when the line was not a valid request and the answer is an error line.
    mutating func processLine(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool
}

/// `confidant decide`'s stream: lines of at most 1 MiB (contracts.md; a longer line is an error).
public typealias DecisionLineStream = JSONLineStream<DecisionLineProcessor>

extension JSONLineStream where Processor == DecisionLineProcessor {
    /// The longest line `decide` accepts, in bytes.
    public static var defaultMaximumLineLength: Int { 1 << 20 }

    /// Creates `decide`'s stream: the given processor, lines capped at 1 MiB unless told otherwise.
    public init(processor: DecisionLineProcessor = DecisionLineProcessor(), maximumLineLength: Int = defaultMaximumLineLength) {
        self.init(processor: processor, maximumLineLength: .some(maximumLineLength))
    }
}

/// `confidant redact`'s stream: no limit on a line's length, since a text may be any length.
public typealias RedactionLineStream = JSONLineStream<RedactionLine>

extension JSONLineStream where Processor == RedactionLine {
    /// Creates `redact`'s stream: a fresh processor, lines of any length.
    public init(processor: RedactionLine = RedactionLine()) {
        self.init(processor: processor, maximumLineLength: nil)
    }
}
