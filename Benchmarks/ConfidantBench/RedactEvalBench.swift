import ArgumentParser
import ConfidantCore
import Foundation

/// `confidant-bench redact-eval`: the redactor's recall and precision per type on labelled JSON Lines sets.
///
/// A figure, not a test: the behaviour tests live in Tests/ConfidantCoreTests/Redaction. The
/// sets are `Benchmarks/Data/redaction-eval-wider-{dev,test}.jsonl` (scripts/redaction-eval/generate.py:
/// other writers' shapes, nobody known in advance) and our own narratives
/// (Tests/ConfidantCoreTests/Fixtures/redaction-eval.jsonl). A gold span counts as found only
/// when redacted spans cover all of it; a redacted span is right when it overlaps a gold span.
struct RedactEvalBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact-eval",
        abstract: "Reports the redactor's recall and precision per type on labelled evaluation sets."
    )

    @Option(name: .customLong("file"), help: "A labelled JSON Lines set (repeatable); default: the wider dev and test sets and our own narratives.")
    var files: [String] = []

    @Option(help: "Print up to this many misses, false finds and redacted distractors per set.")
    var misses = 0

    struct Gold {
        var start: Int
        var end: Int
        var type: String
        var origin: String?
        var person: Int?
    }

    struct Tally {
        var gold = 0
        var covered = 0
        var ratio: String { String(format: "%.3f (%d/%d)", Double(covered) / Double(max(gold, 1)), covered, gold) }
    }

    func run() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let paths =
            files.isEmpty
            ? [
                "Benchmarks/Data/redaction-eval-wider-dev.jsonl", "Benchmarks/Data/redaction-eval-wider-test.jsonl",
                "Tests/ConfidantCoreTests/Fixtures/redaction-eval.jsonl",
            ].map { root.appendingPathComponent($0).path }
            : files
        for path in paths { try evaluate(path) }
    }

    func evaluate(_ path: String) throws {
        let content = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        let redactor = Redactor()
        var byType: [String: Tally] = [:]
        var byOrigin: [String: Tally] = [:]
        var all = Tally(), known = Tally(), keep = Tally()
        var predicted = 0, right = 0
        var predictedByType: [String: Tally] = [:]
        var missed: [String] = [], falseFinds: [String] = [], redactedKeeps: [String] = []
        var bytes = 0
        var elapsed = Duration.zero
        let clock = ContinuousClock()
        for line in content.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let text = object["text"] as? String
            else { continue }
            func spans(_ key: String) -> [Gold] {
                ((object[key] as? [[String: Any]]) ?? []).map {
                    Gold(
                        start: $0["start"] as? Int ?? 0, end: $0["end"] as? Int ?? 0, type: $0["type"] as? String ?? "KEEP",
                        origin: $0["origin"] as? String, person: $0["person"] as? Int)
                }
            }
            let gold = spans("spans"), keeps = spans("keep")
            let peopleObjects = (object["people"] as? [[String: Any]]) ?? []
            let people = peopleObjects.map {
                KnownPerson(
                    name: $0["name"] as? String ?? "", role: PersonRole(rawValue: $0["role"] as? String ?? "") ?? .other,
                    aliases: $0["aliases"] as? [String] ?? [])
            }
            let knownIDs = Set(peopleObjects.compactMap { $0["person"] as? Int })
            let organisations = object["organisations"] as? [String] ?? []
            bytes += text.utf8.count
            var result: RedactionResult?
            elapsed += clock.measure { result = redactor.redact(text, people: people, organisations: organisations) }
            guard let result else { continue }
            let scalars = Array(text.unicodeScalars)
            func slice(_ a: Int, _ b: Int) -> String { String(String.UnicodeScalarView(scalars[a..<b])).replacingOccurrences(of: "\n", with: "⏎") }
            let id = object["id"] as? String ?? ""
            for g in gold {
                var position = g.start
                for span in result.spans where span.end > position && span.start <= position { position = span.end }
                let ok = position >= g.end
                all.gold += 1; byType[g.type, default: Tally()].gold += 1
                if ok { all.covered += 1; byType[g.type, default: Tally()].covered += 1 }
                if g.type == "PERSON" {
                    let origin = g.origin ?? (g.person.map { knownIDs.contains($0) } == true ? "known" : "not known")
                    byOrigin[origin, default: Tally()].gold += 1
                    if ok { byOrigin[origin, default: Tally()].covered += 1 }
                }
                if let person = g.person, knownIDs.contains(person) {
                    known.gold += 1
                    if ok { known.covered += 1 }
                }
                if !ok { missed.append("\(id) MISS \(g.type)\(g.origin.map { "/" + $0 } ?? "") '\(slice(g.start, g.end))'") }
            }
            for span in result.spans {
                predicted += 1
                predictedByType[span.type.rawValue, default: Tally()].gold += 1
                if gold.contains(where: { $0.start < span.end && span.start < $0.end }) {
                    right += 1
                    predictedByType[span.type.rawValue, default: Tally()].covered += 1
                } else {
                    falseFinds.append("\(id) FALSE \(span.type.rawValue) '\(slice(span.start, span.end))'")
                }
            }
            for k in keeps {
                keep.gold += 1
                if result.spans.contains(where: { $0.start < k.end && k.start < $0.end }) {
                    redactedKeeps.append("\(id) REDACTED '\(slice(k.start, k.end))'")
                } else {
                    keep.covered += 1
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("== \(URL(fileURLWithPath: path).lastPathComponent): \(bytes) bytes of text")
        print(
            "   recall \(all.ratio); precision \(String(format: "%.3f (%d/%d)", Double(right) / Double(max(predicted, 1)), right, predicted)); distractors kept \(keep.ratio)"
        )
        if known.gold > 0 { print("   known people \(known.ratio)") }
        for (type, tally) in byType.sorted(by: { $0.key < $1.key }) { print("   \(type): recall \(tally.ratio)") }
        for (origin, tally) in byOrigin.sorted(by: { $0.key < $1.key }) { print("   PERSON \(origin): recall \(tally.ratio)") }
        for (type, tally) in predictedByType.sorted(by: { $0.key < $1.key }) { print("   predicted \(type): precision \(tally.ratio)") }
        print(String(format: "   (%.1f MB/s including String conversion, one pass, debug or release as built)", Double(bytes) / seconds / 1e6))
        for line in missed.prefix(misses) + falseFinds.prefix(misses) + redactedKeeps.prefix(misses) { print("     \(line)") }
    }
}
