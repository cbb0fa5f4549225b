import Foundation

#if canImport(ConfidantCore)
import ConfidantCore
#endif

// Shared by `confidant-bench redact` and the standalone speed check (Benchmarks/StandaloneRedactSpeed), which
// compiles this file with the Redaction sources into one module, where there is no ConfidantCore to import.

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
