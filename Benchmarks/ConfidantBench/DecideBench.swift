import ArgumentParser
import ConfidantCore
import Foundation

/// `confidant-bench decide`: decisions per second in-process, and JSON lines per second through
/// the line processor (parse, decide, render) without the process's I/O.
struct DecideBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Measure the decision engine and the decide line processor in-process."
    )

    @Option(help: "Decisions to time in the engine benchmark.")
    var decisions = 50_000_000

    @Option(help: "Lines to time in the line-processor benchmark.")
    var lines = 1_000_000

    func run() throws {
        // A varied, fixed set of requests: every 97th request of the whole input space.
        var requests: [ShareRequest] = []
        var index = 0
        var distinct = Set<ShareDecision>()
        let spaceStart = DispatchTime.now().uptimeNanoseconds
        forEachRequest { request in
            if index % 97 == 0 { requests.append(request) }
            distinct.insert(DecisionEngine.decide(request))
            index += 1
        }
        let spaceSeconds = Double(DispatchTime.now().uptimeNanoseconds - spaceStart) / 1e9
        print(String(format: "space: decided all %d requests in %.2f s: %d distinct decisions", index, spaceSeconds, distinct.count))
        print("engine: timing \(requests.count) requests (every 97th of the input space)")

        // Warm up, then time one core deciding in a loop; the checksum keeps the work observable.
        var checksum = 0
        for request in requests { checksum &+= DecisionEngine.decide(request).obligations.count }
        let start = DispatchTime.now().uptimeNanoseconds
        var done = 0
        while done < decisions {
            for request in requests {
                let decision = DecisionEngine.decide(request)
                checksum &+= Int(decision.reasons.bits) &+ decision.obligations.count
            }
            done += requests.count
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(
            String(
                format: "engine: %d decisions in %.3f s = %.2f million decisions/s, %.1f ns each (checksum %d)",
                done, seconds, Double(done) / seconds / 1e6, seconds / Double(done) * 1e9, checksum))

        // The line processor over the same requests as JSON lines (ids vary), no I/O.
        let sample = requests.prefix(4096).enumerated().map { offset, request in
            Array((ShareRequestEncoder.jsonLine(request, id: "bench-\(offset)") + "\n").utf8)
        }
        var input: [UInt8] = []
        for line in sample { input.append(contentsOf: line) }
        var stream = DecisionLineStream()
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        let lineStart = DispatchTime.now().uptimeNanoseconds
        var processed = 0
        var outputBytes = 0
        while processed < lines {
            input.withUnsafeBufferPointer { stream.consume($0, into: &output) }
            processed += sample.count
            outputBytes += output.count
            output.removeAll(keepingCapacity: true)
        }
        let lineSeconds = Double(DispatchTime.now().uptimeNanoseconds - lineStart) / 1e9
        print(
            String(
                format: "lines: %d request lines (%.0f bytes each) in %.3f s = %.0f lines/s in-process (%d invalid, %d bytes out)",
                processed, Double(input.count) / Double(sample.count), lineSeconds,
                Double(processed) / lineSeconds, stream.invalidLineCount, outputBytes))
    }

    private func forEachRequest(_ body: (ShareRequest) -> Void) {
        ShareRequestSpace.forEach(body)
    }
}
