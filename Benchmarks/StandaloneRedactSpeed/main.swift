import Foundation

// Standalone in-process speed check of the redactor, compiled with swiftc -O -wmo together with
// the Redaction sources (the same loop as confidant-bench redact's first figure).
/// Deterministic, made-up safeguarding narratives of about 1.3 kB each (fictional names, reserved numbers).
enum NarrativeCorpus {
    struct Item {
        var id: String
        var text: String
        var people: [KnownPerson]
        var organisations: [String]
    }

    static let firsts = [
        "Kayden", "Amira", "Tyler", "Zoë", "Łukasz", "Siobhan", "Jayden", "Priya", "Kacper", "Ebony", "Mohammed", "Chloe", "Oisín", "Aaliyah",
    ]
    static let lasts = ["O'Neill", "Hart", "Okafor", "Smith-Jones", "Kowalski", "Begum", "McDonagh", "Adeyemi", "Walsh", "Patel"]
    static let streets = ["Oakfield Road", "Hollins Street", "Beechwood Avenue", "Cedar Close", "Albion Terrace"]
    static let schools = ["Oakfield Primary School", "Riverside Academy", "Westfield Youth Club", "St Anne's Catholic Primary School"]

    static func make(bytes: Int) -> [Item] {
        var items: [Item] = []
        var total = 0
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        var i = 0
        while total < bytes {
            let child = "\(firsts[next(firsts.count)]) \(lasts[next(lasts.count)])"
            let childFirst = String(child.split(separator: " ")[0])
            let parentFirst = firsts[next(firsts.count)]
            let surname = String(child.split(separator: " ")[1])
            let staff = "\(firsts[next(firsts.count)]) \(lasts[next(lasts.count)])"
            let school = schools[next(schools.count)]
            let n = next(1000)
            let text = """
                On Tuesday 4 March 2025 at 10:30, \(childFirst) (DOB \(10 + next(18))/0\(1 + next(9))/2014) asked to speak with \(staff) after \
                registration. \(childFirst) said that Mum's boyfriend Dean had shouted at them and that \(childFirst.lowercased())'s \
                sister was scared. They said Mrs \(surname) had not been home since Friday. The family live at Flat \(1 + next(20)), \
                \(1 + next(200)) \(streets[next(streets.count)]), Manchester M14 5RT. Contact number for \(parentFirst) \(surname): \
                07700 900\(String(format: "%03d", n)), email \(parentFirst.lowercased()).family\(n)@example.com. \(childFirst) attends \
                \(school) (Year 6). NHS number 943 476 5919. Police reference CR-2025-0\(100 + n). Children's Social Care were informed \
                by the DSL on Wednesday and the GP was told. Following the Strategy Meeting, the Social Worker agreed to contact CAMHS by \
                Friday. A man called Marlo has been seen outside the house in a car, registration AB12 CDE. They were messaged on \
                https://www.example.org/u/marlo\(n) and shown to \(staff). Will staff follow up after half term?
                """
            let people = [
                KnownPerson(name: child, role: .child, aliases: next(4) == 0 ? ["KJ"] : []),
                KnownPerson(name: "\(parentFirst) \(surname)", role: .parentCarer),
                KnownPerson(name: staff, role: .staff),
            ]
            items.append(Item(id: "b\(i)", text: text, people: people, organisations: next(2) == 0 ? [school] : []))
            total += text.utf8.count
            i += 1
        }
        return items
    }
}

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
