import ArgumentParser
import ConfidantCore
import Foundation

/// `confidant-bench redact`: the redactor's in-process throughput on generated safeguarding narratives.
struct RedactBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Measures Redactor and RedactionLine throughput (MB/s of narrative text) on one core."
    )

    @Option(help: "Megabytes of narrative text to redact per round.")
    var megabytes = 32

    @Option(help: "Timed rounds; the best is reported.")
    var rounds = 3

    @Option(help: "Also write the requests as JSON Lines to this file (for whole-process timing) and stop.")
    var writeJsonl: String?

    func run() throws {
        let corpus = NarrativeCorpus.make(bytes: megabytes * 1_000_000)
        if let path = writeJsonl {
            var out = Data()
            for item in corpus {
                let object: [String: Any] = [
                    "id": item.id, "text": item.text,
                    "people": item.people.map { ["name": $0.name, "role": $0.role.rawValue, "aliases": $0.aliases] },
                    "organisations": item.organisations,
                ]
                out.append(try JSONSerialization.data(withJSONObject: object))
                out.append(0x0A)
            }
            try out.write(to: URL(fileURLWithPath: path))
            print("wrote \(corpus.count) requests, \(out.count) bytes, to \(path)")
            return
        }
        let textBytes = corpus.reduce(0) { $0 + $1.text.utf8.count }
        let average = textBytes / max(corpus.count, 1)
        print("corpus: \(corpus.count) narratives, \(textBytes) bytes of text (average \(average) bytes)")
        let redactor = Redactor()
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        var spans = 0
        for _ in 0..<rounds {
            spans = 0
            let elapsed = clock.measure {
                for item in corpus {
                    spans += redactor.redact(item.text, people: item.people, organisations: item.organisations).spans.count
                }
            }
            best = min(best, elapsed)
        }
        report("Redactor.redact (String in, String out)", bytes: textBytes, elapsed: best, extra: "\(spans) spans")

        let lines = corpus.map { item -> [UInt8] in
            var object = "{\"id\":\"\(item.id)\",\"text\":"
            object += jsonString(item.text)
            object +=
                ",\"people\":["
                + item.people.map {
                    "{\"name\":\(jsonString($0.name)),\"role\":\"\($0.role.rawValue)\",\"aliases\":[\($0.aliases.map(jsonString).joined(separator: ","))]}"
                }.joined(separator: ",") + "]"
            object += ",\"organisations\":[" + item.organisations.map(jsonString).joined(separator: ",") + "]}"
            return Array(object.utf8)
        }
        let lineBytes = lines.reduce(0) { $0 + $1.count }
        best = Duration.seconds(1_000_000)
        var outputBytes = 0
        for _ in 0..<rounds {
            var processor = RedactionLine()
            var out: [UInt8] = []
            out.reserveCapacity(1 << 16)
            outputBytes = 0
            let elapsed = clock.measure {
                for line in lines {
                    out.removeAll(keepingCapacity: true)
                    _ = processor.process(line, into: &out)
                    outputBytes += out.count
                }
            }
            best = min(best, elapsed)
        }
        report("RedactionLine.process (JSON line in, JSON line out)", bytes: lineBytes, elapsed: best, extra: "\(outputBytes) bytes out")
    }

    private func report(_ name: String, bytes: Int, elapsed: Duration, extra: String) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(bytes) / seconds / 1_000_000
        print(String(format: "%@: %.1f MB/s (%d bytes in %.3f s; %@)", name, rate, bytes, seconds, extra))
    }

    private func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
