import ConfidantCore
import Foundation

/// The one buffered writer of `decide` and `redact`: answers gather in `buffer` and go to
/// standard output with `write(2)`, whole, in blocks of about 64 KiB.
struct StandardOutput {
    /// How many bytes are gathered before they are written.
    static let blockSize = 1 << 16

    /// The bytes not yet written; the line stream appends its answers here.
    var buffer: [UInt8] = []

    init() {
        buffer.reserveCapacity(Self.blockSize * 2)
    }

    /// Writes `bytes` at once (a whole document, such as `confidant policy doc`).
    static func write(_ bytes: [UInt8]) throws {
        var output = StandardOutput()
        output.buffer = bytes
        try output.flush()
    }

    /// Writes the buffer once it holds a block or more.
    mutating func flushIfFull() throws {
        if buffer.count >= Self.blockSize { try flush() }
    }

    /// Writes everything buffered, retrying after interruptions, or throws when standard
    /// output is closed or failing.
    mutating func flush() throws {
        try buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(STDOUT_FILENO, bytes.baseAddress?.advanced(by: offset), bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ContractExit.output("cannot write output: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Runs a JSON Lines command's input through its line stream: the one read loop of `decide`
/// and `redact`.
///
/// Reads 64 KiB chunks from `descriptor`, so memory stays flat whatever the number of lines,
/// and writes through one ``StandardOutput``. It flushes when the buffer is full, or when the
/// input paused (a short read): a caller feeding one line at a time gets each answer at once,
/// a file is written in big blocks. `readFailed` turns a failed `read(2)`'s errno into the
/// command's own error.
func runLines<Processor: JSONLineProcessor>(
    _ stream: inout JSONLineStream<Processor>, from descriptor: Int32, readFailed: (Int32) -> any Error
) throws {
    let chunkSize = StandardOutput.blockSize
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    var output = StandardOutput()
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
        if count < 0 {
            if errno == EINTR { continue }
            throw readFailed(errno)
        }
        if count == 0 { break }
        chunk.withUnsafeBufferPointer { stream.consume(UnsafeBufferPointer(rebasing: $0[0..<count]), into: &output.buffer) }
        if count < chunkSize && !output.buffer.isEmpty { try output.flush() } else { try output.flushIfFull() }
    }
    stream.finish(into: &output.buffer)
    try output.flush()
}
