/// Splits a byte stream into lines for a ``DecisionLineProcessor``, holding at most one line.
///
/// The command feeds it chunks as they are read; lines inside a chunk are processed in place,
/// and only a line that straddles two chunks is copied. A line longer than `maximumLineLength`
/// is answered with an error and skipped without being kept, so memory stays bounded whatever
/// the input. Blank lines (only whitespace) are not requests and produce no output.
public struct DecisionLineStream: Sendable {
    /// The longest line accepted, in bytes.
    public static let defaultMaximumLineLength = 1 << 20

    private var processor: DecisionLineProcessor
    private let maximumLineLength: Int
    private var pending: [UInt8] = []
    private var discarding = false

    /// How many request lines were read (blank lines not counted).
    public private(set) var lineCount = 0
    /// How many of them were invalid.
    public private(set) var invalidLineCount = 0

    /// Creates a stream over a processor.
    public init(processor: DecisionLineProcessor = DecisionLineProcessor(), maximumLineLength: Int = defaultMaximumLineLength) {
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
        if pending.count + piece.count > maximumLineLength {
            discarding = true
            pending.removeAll()
            return
        }
        pending.append(contentsOf: piece)
    }

    private mutating func finishPending(into output: inout [UInt8]) {
        if discarding {
            discarding = false
            lineCount += 1
            invalidLineCount += 1
            DecisionLineWriter.appendError(
                id: nil, message: "the line is longer than \(maximumLineLength) bytes", into: &output)
            return
        }
        guard !pending.isEmpty else { return }
        let line = pending
        pending.removeAll(keepingCapacity: true)
        line.withUnsafeBufferPointer { handle(line: $0, into: &output) }
    }

    private mutating func handle(line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        if line.count > maximumLineLength {
            lineCount += 1
            invalidLineCount += 1
            DecisionLineWriter.appendError(
                id: nil, message: "the line is longer than \(maximumLineLength) bytes", into: &output)
            return
        }
        guard !Self.isBlank(line) else { return }
        lineCount += 1
        if !processor.process(line: line, into: &output) { invalidLineCount += 1 }
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
