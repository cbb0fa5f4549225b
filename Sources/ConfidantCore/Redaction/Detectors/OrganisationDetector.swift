/// Finds the schools, clubs and places that would identify someone: those the request lists
/// (in any case, and without their last words, so "Oakfield Academy" also finds "Oakfield"),
/// and any capitalised name ending in a word such as School, Academy, Club or Church.
struct OrganisationDetector: Sendable {
    private var index = PhraseIndex()
    private static let centreHash = WordHash.hash("centre")

    /// Indexes the organisations the request names.
    init(organisations: [String]) {
        var all: [Token] = []
        for (owner, name) in organisations.enumerated() {
            all.removeAll(keepingCapacity: true)
            let bytes = Array(name.utf8)
            TextScan.tokenise(bytes.span, lexicon: Lexicon.table, into: &all)
            index.add(tokens: all[...], owner: owner)
            // The distinctive part alone: strip trailing suffixes and qualifiers ("Primary School").
            var tokens = all[...]
            while let last = tokens.last, last.has(Lexicon.orgSuffix | Lexicon.orgQualifier) { tokens.removeLast() }
            while let first = tokens.first, first.has(Lexicon.orgQualifier), !first.is(Token.possessive) { tokens.removeFirst() }
            let distinctive = tokens.contains { !$0.has(Lexicon.neverName | Lexicon.orgQualifier | Lexicon.filler) }
            if distinctive, tokens.count < all.count {
                index.add(
                    words: tokens.map { $0.hash }, owner: owner,
                    needsCapital: tokens.count == 1 && tokens[tokens.startIndex].has(Lexicon.ambiguousName))
            }
        }
    }

    /// Appends a candidate for every listed or patterned organisation name.
    func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        // Read once: each read of a static let computed at run time goes through swift_once.
        let centreHash = Self.centreHash
        let tokens = scan.tokens
        if !index.isEmpty {
            var i = 0
            while i < tokens.count {
                if index.mightStart(with: tokens[i].hash), let best = index.firstMatch(at: i, in: scan) {
                    var last = best.last
                    // Take in the suffix the text adds: "Oakfield" → "Oakfield Primary School".
                    while scan.spaced(last), tokens[last + 1].has(Lexicon.orgSuffix | Lexicon.orgQualifier),
                        tokens[last + 1].is(Token.initialUpper), last - best.last < 3
                    {
                        last += 1
                    }
                    var first = i
                    if first > 0, scan.spaced(first - 1), tokens[first - 1].has(Lexicon.orgQualifier),
                        tokens[first - 1].is(Token.initialUpper), !tokens[first - 1].has(Lexicon.filler)
                    {
                        first -= 1
                    }
                    candidates.append(Candidate(start: tokens[first].start, end: tokens[last].nameEnd, type: .organisation))
                    i = last + 1
                } else {
                    i += 1
                }
            }
        }
        for i in tokens.indices {
            let t = tokens[i]
            guard t.has(Lexicon.orgSuffix), t.is(Token.initialUpper) || t.is(Token.allUpper) else { continue }
            var first = i
            var distinctive = 0
            while first > 0, i - first < 5, scan.spaced(first - 1) {
                let before = tokens[first - 1]
                guard before.is(Token.initialUpper) || before.isNumber || before.is(Token.allUpper),
                    !before.has(Lexicon.neverName) || before.has(Lexicon.orgQualifier | Lexicon.place)
                else { break }
                if before.has(Lexicon.title | Lexicon.speechVerb | Lexicon.relation) { break }
                // A town names a school or a club ("Denton Academy") but not a centre ("Stockport Town Centre").
                let genericPlace = before.has(Lexicon.place) && t.hash == centreHash
                if !before.has(Lexicon.orgQualifier | Lexicon.orgSuffix) && !genericPlace { distinctive += 1 }
                first -= 1
                if before.is(Token.sentenceStart) { break }
            }
            // "the Primary School" identifies nothing; "Oakfield Primary School" does.
            guard distinctive > 0 else { continue }
            var last = i
            while scan.spaced(last), tokens[last + 1].has(Lexicon.orgSuffix), tokens[last + 1].is(Token.initialUpper) { last += 1 }
            candidates.append(Candidate(start: tokens[first].start, end: tokens[last].nameEnd, type: .organisation))
        }
    }
}
