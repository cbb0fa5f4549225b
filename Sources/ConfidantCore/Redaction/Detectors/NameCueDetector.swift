/// Finds people the case record does not list, from cues: a title ("Mrs Okafor"), a naming verb
/// ("called Tyler"), a relation ("her brother Jayden"), a speech verb ("Kacper said"), and the
/// shipped name gazetteer (a capitalised first name or surname).
///
/// Without a language model this cannot know every name; it redacts a capitalised word
/// whenever a cue or the gazetteer says it may be a name, because a missed name costs far
/// more than a redacted ordinary word (docs/redaction.md).
enum NameCueDetector {
    private static let knownHash = WordHash.hash("known")
    private static let asHash = WordHash.hash("as")
    private static let goesHash = WordHash.hash("goes")
    private static let byHash = WordHash.hash("by")
    private static let calledHash = WordHash.hash("called")

    /// Words that can never be part of a name found by a cue.
    private static let notName: UInt32 = Lexicon.neverName | Lexicon.title | Lexicon.streetSuffix | Lexicon.orgSuffix
        | Lexicon.orgQualifier | Lexicon.nameCue | Lexicon.speechVerb | Lexicon.relation | Lexicon.filler
        | Lexicon.idCue | Lexicon.dobCue | Lexicon.dwellingUnit | Lexicon.month | Lexicon.urlScheme | Lexicon.place

    /// Whether a token reads as a capitalised name: "Tyler", "O'Neill", "Smith-Jones".
    static func isCapitalisedName(_ t: Token) -> Bool {
        t.isWord && t.is(Token.initialUpper) && !t.is(Token.allUpper) && !t.has(notName)
    }

    /// Whether a token in any case is a gazetteer name that is not also an everyday word.
    static func isGazetteerName(_ t: Token) -> Bool {
        t.isWord && t.has(Lexicon.firstName | Lexicon.surname) && !t.has(notName | Lexicon.ambiguousName | Lexicon.commonWord)
    }

    private static let pronouns: Set<UInt64> = Set(["he", "she", "they", "it", "his", "her", "their", "him", "them", "you", "i", "we"].map(WordHash.hash))

    /// Whether a token is a pronoun, which no title precedes in a name.
    static func isPronoun(_ t: Token) -> Bool { pronouns.contains(t.hash) }

    /// Appends a candidate for every person found by a cue or the gazetteer.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        let count = tokens.count
        var i = 0
        while i < count {
            let t = tokens[i]
            guard t.shape & Token.hasLetter != 0 else {
                i += 1
                continue
            }
            var nameStart = -1
            var spanStart = -1
            // A title: "Mr Hart", "Dr. Okafor", "mrs hart".
            if t.has(Lexicon.title), i + 1 < count, scan.gap(i, allowing: [0x2E]) {
                let next = tokens[i + 1]
                // After a capitalised title any capitalised word is a surname, even a town's ("Mr Bolton").
                if isCapitalisedName(next) || (t.is(Token.initialUpper) && isGazetteerName(next))
                    || (t.is(Token.initialUpper) && next.isWord && next.is(Token.initialUpper)
                        && !next.has(Lexicon.title | Lexicon.filler | Lexicon.relation | Lexicon.speechVerb)
                        && !isPronoun(next)) {
                    nameStart = i + 1
                    spanStart = i
                }
            }
            // A naming verb: "called Tyler", "known as 'Dee'", "goes by jay".
            if nameStart < 0, i + 1 < count, t.has(Lexicon.nameCue)
                || ((t.hash == asHash && i > 0 && tokens[i - 1].hash == knownHash)
                    || (t.hash == byHash && i > 0 && tokens[i - 1].hash == goesHash)) {
                if scan.gap(i, allowing: [0x22, 0x27, 0x3A, 0x2C, 0xE2, 0x80, 0x9C, 0x98], limit: 5) {
                    let next = tokens[i + 1]
                    // "named", "known as", "aka" and "goes by" are always followed by a name, in
                    // whatever case; "called" also means "phoned", so it needs a capital or the gazetteer.
                    let strong = t.hash != calledHash
                    if isCapitalisedName(next) || isGazetteerName(next)
                        || (strong && next.isWord && !next.has(Lexicon.neverName | Lexicon.filler) && !isPronoun(next)) {
                        nameStart = i + 1
                    }
                }
            }
            // A relation or a role: "her brother Jayden", "Uncle Dave", "mum's boyfriend dean",
            // "the duty social worker, Bronwen Pryce".
            if nameStart < 0, t.has(Lexicon.relation), scan.gap(i, allowing: [0x2C]) {
                let next = tokens[i + 1]
                if (isCapitalisedName(next) && !next.is(Token.sentenceStart)) || isGazetteerName(next) {
                    nameStart = i + 1
                }
            }
            // The gazetteer: a capitalised first name or surname.
            if nameStart < 0, isCapitalisedName(t) {
                let sentenceStart = t.is(Token.sentenceStart)
                if t.has(Lexicon.firstName) && !t.has(Lexicon.commonWord) && !(sentenceStart && t.has(Lexicon.ambiguousName)) {
                    nameStart = i
                } else if t.has(Lexicon.surname) && !t.has(Lexicon.commonWord) && !sentenceStart {
                    nameStart = i
                } else if !sentenceStart, t.isDoubleBarrelled(scan.bytes) {
                    // "Bates-Mason": two capitalised parts joined by a hyphen mid-sentence.
                    nameStart = i
                } else if !sentenceStart, !t.has(Lexicon.commonWord), t.hasNonASCIILetter(scan.bytes) {
                    // A capitalised word with accents mid-sentence is, in English text, almost always a name ("Iñaki").
                    nameStart = i
                } else if t.has(Lexicon.firstName | Lexicon.surname), scan.spaced(i),
                          isCapitalisedName(tokens[i + 1]), tokens[i + 1].has(Lexicon.surname | Lexicon.firstName),
                          !tokens[i + 1].has(Lexicon.commonWord) {
                    // An everyday word followed by a surname: "Will Turner".
                    nameStart = i
                } else if t.has(Lexicon.surname), i > 0, tokens[i - 1].isInitial(scan.bytes), scan.gap(i - 1, allowing: [0x2E]) {
                    // An initial before a surname that is also a word: "J. Smith", "P. Green".
                    nameStart = i
                } else if t.is(Token.possessive), t.has(Lexicon.firstName), !t.has(Lexicon.commonWord) {
                    // "Jean's NI number": a possessive makes a first name that is also a word a name.
                    nameStart = i
                } else if scan.spaced(i), tokens[i + 1].has(Lexicon.speechVerb) {
                    // A capitalised subject of a speech verb: "Zebedee said".
                    nameStart = i
                }
            }
            guard nameStart >= 0 else {
                i += 1
                continue
            }
            var last = nameStart
            var extra = 0
            // Initials: "Mrs P. Kowalczyk", "J. R. Smith".
            while scan.gap(last, allowing: [0x2E]), tokens[last].isInitial(scan.bytes), last + 1 < count,
                  tokens[last + 1].isWord, tokens[last + 1].is(Token.initialUpper), !tokens[last + 1].has(Lexicon.neverName | Lexicon.filler) {
                last += 1
            }
            while extra < 2, !tokens[last].is(Token.possessive), scan.spaced(last) {
                let next = tokens[last + 1]
                let placeSurname = next.isWord && next.is(Token.initialUpper) && next.has(Lexicon.place)
                guard isCapitalisedName(next) || placeSurname, !next.is(Token.sentenceStart) else { break }
                // A following capitalised word is a surname unless it begins a place or an organisation.
                if last + 2 < count, scan.spaced(last + 1),
                   tokens[last + 2].has(Lexicon.streetSuffix | Lexicon.orgSuffix | Lexicon.orgQualifier),
                   tokens[last + 2].is(Token.initialUpper) {
                    break
                }
                last += 1
                extra += 1
            }
            var first = spanStart >= 0 ? spanStart : nameStart
            // A first name before a surname found by a cue, or a title before it.
            while first > 0, scan.gap(first - 1, allowing: [0x2E]) {
                let before = tokens[first - 1]
                // An initial: "J. R. Smith".
                if before.isInitial(scan.bytes) {
                    first -= 1
                    continue
                }
                // A full stop may follow a title ("Mr. Hart") but otherwise ends a sentence.
                if !scan.spaced(first - 1) && !before.has(Lexicon.title) { break }
                // A title, or a capitalised word that reads as a first name ("Rhydian Smith").
                if before.has(Lexicon.title) || (isCapitalisedName(before) && !before.is(Token.possessive) && first - (spanStart >= 0 ? spanStart : nameStart) > -2) {
                    first -= 1
                    if before.has(Lexicon.title) { break }
                } else {
                    break
                }
            }
            var words: [UInt64] = []
            var titled = false
            for k in first...last {
                if tokens[k].has(Lexicon.title) { titled = true } else { words.append(tokens[k].hash) }
            }
            candidates.append(Candidate(start: tokens[first].start, end: tokens[last].nameEnd, type: .person,
                                        nameHashes: words, titled: titled))
            i = last + 1
        }
    }
}
