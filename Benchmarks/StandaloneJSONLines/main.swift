import Foundation

// `confidant decide` / `confidant redact` without the argument parser, for whole-process timing
// compiled with swiftc -O -wmo together with the Core sources (docs/benchmarks.md, "One JSON
// reader and writer"): the same JSONLineStream, and the read loop and 64 KiB buffered writer
// of Sources/confidant/StandardOutput.swift.
func pump<P: JSONLineProcessor>(_ stream: inout JSONLineStream<P>) -> Int {
    let chunkSize = 1 << 16
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    var out: [UInt8] = []
    out.reserveCapacity(chunkSize * 2)
    func flush() {
        out.withUnsafeBytes { b in
            var o = 0; while o < b.count { let w = write(1, b.baseAddress! + o, b.count - o); if w <= 0 { exit(3) }; o += w }
        }; out.removeAll(keepingCapacity: true)
    }
    while true {
        let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, chunkSize) }
        if count <= 0 { break }
        chunk.withUnsafeBufferPointer { stream.consume(UnsafeBufferPointer(rebasing: $0[0..<count]), into: &out) }
        if out.count >= chunkSize || (count < chunkSize && !out.isEmpty) { flush() }
    }
    stream.finish(into: &out)
    flush()
    return stream.invalidLineCount
}
@main struct Main {
    static func main() {
        if CommandLine.arguments[1] == "decide" {
            var s = DecisionLineStream()
            exit(pump(&s) > 0 ? 1 : 0)
        } else {
            var s = RedactionLineStream()
            exit(pump(&s) > 0 ? 1 : 0)
        }
    }
}
