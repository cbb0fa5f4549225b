import ArgumentParser
import ConfidantCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `confidant redact`: de-identifies JSON Lines texts from standard input to standard output (contracts.md).
struct RedactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "De-identify texts: JSON Lines requests on stdin, one result per line on stdout.",
        discussion: """
        Each request is {"id", "text", "people"?, "organisations"?, "case_key"?}. Each result is \
        {"id", "text", "spans"}, spans in Unicode code points of the input. A line that is not a \
        valid request gives {"id", "error"} and exit status 1; unusable arguments give 2.
        """
    )

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unexpected: [String] = []

    func run() throws {
        if !unexpected.isEmpty {
            FileHandleOutput.standardError("confidant redact: unexpected argument '\(unexpected[0])'\n")
            throw ExitCode(2)
        }
        var processor = RedactionLine()
        var output = FileHandleOutput(fd: 1)
        var failed = false
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var outLine: [UInt8] = []
        func handle(_ line: [UInt8]) {
            var line = line
            if line.last == 0x0D { line.removeLast() }
            if RedactionLine.isBlank(line) { return }
            outLine.removeAll(keepingCapacity: true)
            if !processor.process(line, into: &outLine) { failed = true }
            outLine.append(0x0A)
            output.write(outLine)
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                FileHandleOutput.standardError("confidant redact: cannot read standard input\n")
                throw ExitCode(2)
            }
            if count == 0 { break }
            var lineStart = 0
            var i = 0
            while i < count {
                if buffer[i] == 0x0A {
                    if pending.isEmpty {
                        handle(Array(buffer[lineStart..<i]))
                    } else {
                        pending.append(contentsOf: buffer[lineStart..<i])
                        handle(pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                    lineStart = i + 1
                }
                i += 1
            }
            pending.append(contentsOf: buffer[lineStart..<count])
            // Answer what has arrived before waiting for more, so a tool that writes one
            // request and waits for its result is not left waiting on our buffer.
            output.flush()
        }
        if !pending.isEmpty { handle(pending) }
        output.flush()
        if failed { throw ExitCode(1) }
    }
}

/// A buffered writer to a file descriptor, flushed at 64 KiB and at the end.
struct FileHandleOutput {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 17)
    }

    mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(fd, base + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                break
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static func standardError(_ message: String) {
        var bytes = Array(message.utf8)
        _ = bytes.withUnsafeMutableBytes { systemWrite(2, $0.baseAddress, $0.count) }
    }
}

/// The C library's `write`, named apart from `FileHandleOutput.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
