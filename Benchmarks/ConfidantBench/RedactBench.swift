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
