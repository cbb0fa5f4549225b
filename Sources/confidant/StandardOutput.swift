import Foundation

/// Writes bytes to standard output with `write(2)`, whole, retrying after interruptions.
enum StandardOutput {
    /// Writes all the bytes, or throws when standard output is closed or failing.
    static func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(STDOUT_FILENO, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ContractExit.output("cannot write output: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }
}
