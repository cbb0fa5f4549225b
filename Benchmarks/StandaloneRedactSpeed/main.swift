import Foundation

// Standalone in-process speed check of the redactor, compiled with swiftc -O -wmo together with
// the Redaction sources and Benchmarks/ConfidantBench/NarrativeCorpus.swift (the same corpus and loop as
// confidant-bench redact's first figure).

// Arguments: [megabytes] [--dump PATH] [--rounds N] [--jsonl FILE]... `--dump` writes every redacted
// text and its spans (the generated corpus, then each labelled JSON Lines set given with `--jsonl`),
// so that two builds can be compared byte for byte: speed work must not change the output.
var arguments = Array(CommandLine.arguments.dropFirst())
var dumpPath: String?
var rounds = 3
var jsonlPaths: [String] = []
while let k = arguments.firstIndex(of: "--jsonl"), k + 1 < arguments.count {
    jsonlPaths.append(arguments[k + 1])
    arguments.removeSubrange(k...(k + 1))
}
if let k = arguments.firstIndex(of: "--dump"), k + 1 < arguments.count {
    dumpPath = arguments[k + 1]
    arguments.removeSubrange(k...(k + 1))
}
if let k = arguments.firstIndex(of: "--rounds"), k + 1 < arguments.count {
    rounds = Int(arguments[k + 1]) ?? 3
    arguments.removeSubrange(k...(k + 1))
}
let megabytes = arguments.first.flatMap { Int($0) } ?? 16
let corpusItems = NarrativeCorpus.make(bytes: megabytes * 1_000_000)
let textBytes = corpusItems.reduce(0) { $0 + $1.text.utf8.count }
let redactor = Redactor()
_ = redactor.redact("warm up the lexicon, Kayden")
if let dumpPath {
    var out = ""
    for item in corpusItems {
        let result = redactor.redact(item.text, people: item.people, organisations: item.organisations)
        out += item.id + "\n" + result.text + "\n"
        for span in result.spans { out += "\(span.start) \(span.end) \(span.type.rawValue) \(span.replacement)\n" }
    }
    for path in jsonlPaths {
        let content = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        for line in content.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let text = object["text"] as? String
            else { continue }
            let people = ((object["people"] as? [[String: Any]]) ?? []).map {
                KnownPerson(
                    name: $0["name"] as? String ?? "", role: PersonRole(rawValue: $0["role"] as? String ?? "") ?? .other,
                    aliases: $0["aliases"] as? [String] ?? [])
            }
            let result = redactor.redact(text, people: people, organisations: object["organisations"] as? [String] ?? [])
            out += (object["id"] as? String ?? "") + "\n" + result.text + "\n"
            for span in result.spans { out += "\(span.start) \(span.end) \(span.type.rawValue) \(span.replacement)\n" }
        }
    }
    _ = FileManager.default.createFile(atPath: dumpPath, contents: Data(out.utf8))
    print("wrote \(corpusItems.count) redacted texts to \(dumpPath)")
}
let clock = ContinuousClock()
var best = Duration.seconds(1_000_000)
var bestCPU = Double.infinity
var spans = 0
/// The CPU time this thread has used, in seconds: on a shared machine it leaves out the time
/// other processes held the core, which the wall clock counts.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
for _ in 0..<rounds {
    spans = 0
    let cpuStart = threadCPUSeconds()
    let elapsed = clock.measure {
        for item in corpusItems {
            spans += redactor.redact(item.text, people: item.people, organisations: item.organisations).spans.count
        }
    }
    best = min(best, elapsed)
    bestCPU = min(bestCPU, threadCPUSeconds() - cpuStart)
}
let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
print(
    String(
        format: "Redactor.redact: %.1f MB/s (%d bytes in %.3f s; %d spans, %d texts); per CPU second %.1f MB/s (%.3f s)",
        Double(textBytes) / seconds / 1e6, textBytes, seconds, spans, corpusItems.count, Double(textBytes) / bestCPU / 1e6, bestCPU))
