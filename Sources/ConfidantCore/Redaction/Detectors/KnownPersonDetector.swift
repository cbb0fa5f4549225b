/// Finds the people the case record knows, in every form of their name: full name, any one of its
/// words, a title with a surname, an alias, a possessive, in any capitalisation.
///
/// [Limited confidentiality]: these are the people a de-identified share must never name,
/// so the match is deliberately broad (any single word of the name, any case); only a
/// lone word that is also an everyday English word needs a capital.
struct KnownPersonDetector: Sendable {
    private var index = PhraseIndex()
    private let people: [KnownPerson]

    /// Indexes the forms of each person's name.
    init(people: [KnownPerson]) {
        self.people = people
        for (owner, person) in people.enumerated() {
            index.add(person.name, owner: owner)
            for word in person.name.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                // A title recorded with the name ("Mrs Dana Hart") is not a name on its own.
                let scan = TextScan(bytes: Array(word.utf8))
                if scan.tokens.count == 1, scan.tokens[0].has(Lexicon.title) { continue }
                index.add(String(word), owner: owner, minimumLength: 2)
                // Spellings staff also use: "Aaliyah-Rose" as "Aaliyah Rose" or "Aaliyah";
                // "O'Neill" as "O Neill" or "ONeill".
                if word.contains(where: { $0 == "-" }) {
                    let parts = word.split(separator: "-")
                    index.add(parts.joined(separator: " "), owner: owner)
                    for part in parts where part.count >= 3 { index.add(String(part), owner: owner) }
                }
                if word.contains(where: { $0 == "'" || $0 == "’" }) {
                    let parts = word.split(whereSeparator: { $0 == "'" || $0 == "’" })
                    index.add(parts.joined(separator: " "), owner: owner)
                    index.add(parts.joined(), owner: owner)
                }
            }
            for alias in person.aliases {
                index.add(alias, owner: owner)
            }
        }
    }

    /// Whether `hash` is a word of the person's name after the first (a surname or middle name).
    private func isLaterWord(_ hash: UInt64, of person: KnownPerson) -> Bool {
        let words = person.name.split(whereSeparator: { $0 == " " || $0 == "\t" })
        return words.dropFirst().contains { WordHash.hash(String($0)) == hash } && WordHash.hash(String(words.first ?? "")) != hash
    }

    /// Appends a candidate for every mention of a known person.
    func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        guard !index.isEmpty else { return }
        let tokens = scan.tokens
        var i = 0
        while i < tokens.count {
            let found = index.matches(at: i, in: scan)
            guard let best = found.first else {
                i += 1
                continue
            }
            let last = best.last
            // "Hart Street" or "Hart Academy" is a place that the address and organisation
            // detectors replace whole; a surname there names no one.
            if last == i, scan.spaced(i), tokens[i + 1].is(Token.initialUpper),
               tokens[i + 1].has(Lexicon.streetSuffix | Lexicon.orgSuffix) {
                i += 1
                continue
            }
            // "Jorah O'Reilly" where the record knows only "Howard O'Reilly": a relative who shares
            // the surname, not the known person. Replace the pair as a person outside the record.
            if last == i, i > 0, scan.spaced(i - 1), NameCueDetector.isCapitalisedName(tokens[i - 1]),
               !tokens[i - 1].is(Token.possessive), !tokens[i - 1].has(Lexicon.title),
               index.matches(at: i - 1, in: scan).isEmpty,
               isLaterWord(tokens[i].hash, of: people[best.phrase.owner]) {
                candidates.append(Candidate(start: tokens[i - 1].start, end: tokens[i].nameEnd, type: .person,
                                            nameHashes: [tokens[i - 1].hash, tokens[i].hash]))
                i += 1
                continue
            }
            var first = i
            var owner = best.phrase.owner
            if i > 0, tokens[i - 1].has(Lexicon.title), scan.gap(i - 1, allowing: [0x2E]) {
                first = i - 1
                // A title points at an adult where a child and a parent share the surname.
                if people[owner].role == .child,
                   let adult = found.first(where: { $0.last == last && people[$0.phrase.owner].role != .child }) {
                    owner = adult.phrase.owner
                }
            }
            candidates.append(Candidate(start: tokens[first].start, end: tokens[last].nameEnd, type: .person, known: owner))
            i = last + 1
        }
    }
}
