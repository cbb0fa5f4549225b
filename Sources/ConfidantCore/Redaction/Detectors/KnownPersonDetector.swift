/// Finds the people the case record knows, in every form of their name: full name, any one of its
/// words, a title with a surname, an alias, a possessive, in any capitalisation.
///
/// [Limited confidentiality]: these are the people a de-identified share must never name,
/// so the match is deliberately broad (any single word of the name, any case); only a
/// lone word that is also an everyday English word needs a capital.
struct KnownPersonDetector: Sendable {
    private var index = PhraseIndex()
    private let people: [KnownPerson]
    /// For each person, the folded hash of the name's first word and where the hashes of its later
    /// words (surnames and middle names) stand in `laterWords`, so that a mention needs no look at
    /// the name's text.
    private var nameWords: [(first: UInt64, later: Range<Int>)] = []
    /// The later words' hashes of every person, one person after another.
    private var laterWords: [UInt64] = []

    /// Indexes the forms of each person's name.
    init(people: [KnownPerson]) {
        self.people = people
        nameWords.reserveCapacity(people.count)
        for (owner, person) in people.enumerated() {
            let name = Array(person.name.utf8)
            if KnownPersonDetector.splitsAsBytes(name) {
                addForms(of: name, owner: owner)
            } else {
                addForms(of: person.name, owner: owner)
            }
            for alias in person.aliases {
                index.add(alias, owner: owner)
            }
        }
    }

    /// Whether splitting the name's bytes at spaces, tabs, hyphens and apostrophes splits it exactly
    /// where splitting its characters would, and each scalar is one character: true when no scalar
    /// is beyond U+02FF (none there is a combining mark, a joiner or a prepended mark, which would
    /// fuse with a space or a hyphen into one character) and there is no carriage return.
    static func splitsAsBytes(_ name: [UInt8]) -> Bool {
        !name.contains { $0 >= 0xCC || $0 == 0x0D }
    }

    /// Indexes the forms of a name whose bytes split as its characters do (see `splitsAsBytes`).
    private mutating func addForms(of name: [UInt8], owner: Int) {
        let whole = name.span
        index.add(whole, owner: owner)
        var firstWord = WordHash.empty  // the hash of no word, as for an empty name
        let laterStart = laterWords.count
        var tokens: [Token] = []
        var joined: [UInt8] = []
        var wordStart = 0
        var wordCount = 0
        var w = 0
        while w <= name.count {
            guard w == name.count || name[w] == 0x20 || name[w] == 0x09 else {
                w += 1
                continue
            }
            defer {
                w += 1
                wordStart = w
            }
            guard w > wordStart else { continue }
            let word = whole.extracting(wordStart..<w)
            if wordCount == 0 {
                firstWord = WordHash.hash(word, 0, word.count)
            } else {
                laterWords.append(WordHash.hash(word, 0, word.count))
            }
            wordCount += 1
            // A title recorded with the name ("Mrs Dana Hart") is not a name on its own.
            tokens.removeAll(keepingCapacity: true)
            TextScan.tokenise(word, lexicon: Lexicon.table, into: &tokens)
            if tokens.count == 1, tokens[0].has(Lexicon.title) { continue }
            index.add(tokens: tokens[...], owner: owner, minimumLength: 2)
            // Spellings staff also use: "Aaliyah-Rose" as "Aaliyah Rose" or "Aaliyah";
            // "O'Neill" as "O Neill" or "ONeill".
            for separator: UInt8 in [0x2D, 0x27] {
                guard name[wordStart..<w].contains(separator) else { continue }
                let parts = name[wordStart..<w].split(separator: separator)
                joined.removeAll(keepingCapacity: true)
                for (k, part) in parts.enumerated() {
                    if k > 0 { joined.append(0x20) }
                    joined.append(contentsOf: part)
                }
                index.add(joined.span, owner: owner)
                if separator == 0x2D {
                    // Parts of three characters or more; here every scalar is one character.
                    for part in parts where part.count(where: { $0 & 0xC0 != 0x80 }) >= 3 {
                        let bytes = Array(part)
                        index.add(bytes.span, owner: owner)
                    }
                } else {
                    joined.removeAll(where: { $0 == 0x20 })
                    index.add(joined.span, owner: owner)
                }
            }
        }
        nameWords.append((firstWord, laterStart..<laterWords.count))
    }

    /// Indexes the forms of a name, splitting it into characters: the general path, for names in
    /// scripts whose marks can join a space or a hyphen into one character.
    private mutating func addForms(of name: String, owner: Int) {
        index.add(name, owner: owner)
        let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let laterStart = laterWords.count
        laterWords.append(contentsOf: words.dropFirst().map { WordHash.hash(String($0)) })
        nameWords.append((WordHash.hash(String(words.first ?? "")), laterStart..<laterWords.count))
        for word in words {
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
    }

    /// Whether `hash` is a word of the person's name after the first (a surname or middle name).
    private func isLaterWord(_ hash: UInt64, of owner: Int) -> Bool {
        let words = nameWords[owner]
        return laterWords[words.later].contains(hash) && words.first != hash
    }

    /// Appends a candidate for every mention of a known person.
    func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        guard !index.isEmpty else { return }
        let tokens = scan.tokens
        var i = 0
        while i < tokens.count {
            guard index.mightStart(with: tokens[i].hash) else {
                i += 1
                continue
            }
            guard let best = index.firstMatch(at: i, in: scan) else {
                i += 1
                continue
            }
            let last = best.last
            // "Hart Street" or "Hart Academy" is a place that the address and organisation
            // detectors replace whole; a surname there names no one.
            if last == i, scan.spaced(i), tokens[i + 1].is(Token.initialUpper),
                tokens[i + 1].has(Lexicon.streetSuffix | Lexicon.orgSuffix)
            {
                i += 1
                continue
            }
            // "Jorah O'Reilly" where the record knows only "Howard O'Reilly": a relative who shares
            // the surname, not the known person. Replace the pair as a person outside the record.
            if last == i, i > 0, scan.spaced(i - 1), NameCueDetector.isCapitalisedName(tokens[i - 1]),
                !tokens[i - 1].is(Token.possessive), !tokens[i - 1].has(Lexicon.title),
                index.firstMatch(at: i - 1, in: scan) == nil,
                isLaterWord(tokens[i].hash, of: best.owner)
            {
                candidates.append(
                    Candidate(
                        start: tokens[i - 1].start, end: tokens[i].nameEnd, type: .person,
                        nameTokens: (i - 1)...i))
                i += 1
                continue
            }
            var first = i
            var owner = best.owner
            if i > 0, tokens[i - 1].has(Lexicon.title), scan.gap(i - 1, allowing: [0x2E]) {
                first = i - 1
                // A title points at an adult where a child and a parent share the surname.
                if people[owner].role == .child,
                    let adult = index.firstMatch(at: i, in: scan, where: { $0.last == last && people[$0.owner].role != .child })
                {
                    owner = adult.owner
                }
            }
            candidates.append(Candidate(start: tokens[first].start, end: tokens[last].nameEnd, type: .person, known: owner))
            i = last + 1
        }
    }
}
