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
    private static let notName: UInt64 =
        Lexicon.neverName | Lexicon.title | Lexicon.streetSuffix | Lexicon.orgSuffix
        | Lexicon.orgQualifier | Lexicon.nameCue | Lexicon.speechVerb | Lexicon.relation | Lexicon.filler
        | Lexicon.idCue | Lexicon.dobCue | Lexicon.dwellingUnit | Lexicon.month | Lexicon.urlScheme | Lexicon.place
        | Lexicon.phoneCue | Lexicon.greeting | Lexicon.selfCue | Lexicon.peopleNoun | Lexicon.landmark | Lexicon.streetPrefix
        | Lexicon.postStreet | Lexicon.belonging | Lexicon.objectVerb | Lexicon.toVerb

    /// The lexicon flags with which a lower-case word can begin one of the cues below; a word
    /// without a capital, any of these flags or one of the four cue words `as`, `by`, `am`, `is`
    /// begins none, and most words of a text are such words.
    private static let cueStarts: UInt64 =
        Lexicon.title | Lexicon.nameCue | Lexicon.relation | Lexicon.selfCue | Lexicon.greeting | Lexicon.selfIntroduction
        | Lexicon.objectVerb | Lexicon.toVerb | Lexicon.peopleNoun | Lexicon.firstName

    private static let isHash = WordHash.hash("is")
    private static let wasHash = WordHash.hash("was")
    private static let toHash = WordHash.hash("to")
    private static let withHash = WordHash.hash("with")
    private static let amHash = WordHash.hash("am")
    private static let iHash = WordHash.hash("i")
    private static let thisHash = WordHash.hash("this")
    private static let byHashSigned = WordHash.hash("by")

    /// Whether a token reads as a capitalised name: "Tyler", "O'Neill", "Smith-Jones".
    static func isCapitalisedName(_ t: Token) -> Bool {
        t.isWord && t.is(Token.initialUpper) && !t.is(Token.allUpper) && !t.has(notName)
    }

    /// Whether a capitalised token names a person once a cue says so: any capitalised word but a
    /// stop word, so "Hi Grace", "met Will" and "her sister India" name people although "Grace"
    /// and "Will" are words and "India" a place.
    static func isCuedName(_ t: Token) -> Bool {
        t.isWord && t.is(Token.initialUpper) && !t.is(Token.allUpper) && !t.has(notName & ~Lexicon.place)
    }

    /// Whether a token is a name in a cue that needs no capital ("my name is aino", "spoke to marek").
    static func isLowercaseCuedName(_ t: Token) -> Bool {
        isCuedName(t) || isGazetteerName(t)
    }

    /// Whether the capitalised word after token `k` begins a place rather than ends a name ("Victoria Station").
    static func placeFollows(_ scan: TextScan, _ k: Int) -> Bool {
        guard scan.spaced(k) else { return false }
        let next = scan.tokens[k + 1]
        return next.is(Token.initialUpper) && next.has(Lexicon.landmark | Lexicon.streetSuffix | Lexicon.orgSuffix)
    }

    /// Whether a token in any case is a gazetteer name that is not also an everyday word.
    static func isGazetteerName(_ t: Token) -> Bool {
        t.isWord && t.has(Lexicon.firstName | Lexicon.surname) && !t.has(notName | Lexicon.ambiguousName | Lexicon.commonWord)
    }

    /// Whether a token is a pronoun, which no title precedes in a name.
    static func isPronoun(_ t: Token) -> Bool { t.has(Lexicon.pronoun) }

    /// Appends a candidate for every person found by a cue or the gazetteer.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        // Read once: each read of a static let computed at run time goes through swift_once.
        let knownHash = Self.knownHash
        let asHash = Self.asHash
        let goesHash = Self.goesHash
        let byHash = Self.byHash
        let calledHash = Self.calledHash
        let isHash = Self.isHash
        let wasHash = Self.wasHash
        let toHash = Self.toHash
        let withHash = Self.withHash
        let amHash = Self.amHash
        let iHash = Self.iHash
        let thisHash = Self.thisHash
        let byHashSigned = Self.byHashSigned
        let cueStarts = Self.cueStarts
        let tokens = scan.tokens
        let count = tokens.count
        var i = 0
        while i < count {
            let t = tokens[i]
            guard t.shape & Token.hasLetter != 0,
                t.is(Token.initialUpper) || t.has(cueStarts) || t.hash == asHash || t.hash == byHash || t.hash == amHash || t.hash == isHash
            else {
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
                        && !isPronoun(next))
                {
                    nameStart = i + 1
                    spanStart = i
                }
            }
            // A naming verb: "called Tyler", "known as 'Dee'", "goes by jay".
            if nameStart < 0, i + 1 < count,
                t.has(Lexicon.nameCue)
                    || ((t.hash == asHash && i > 0 && tokens[i - 1].hash == knownHash)
                        || (t.hash == byHash && i > 0 && tokens[i - 1].hash == goesHash))
            {
                if scan.gap(i, allowing: [0x22, 0x27, 0x3A, 0x2C, 0xE2, 0x80, 0x9C, 0x98], limit: 5) {
                    let next = tokens[i + 1]
                    // "named", "known as", "aka" and "goes by" are always followed by a name, in
                    // whatever case; "called" also means "phoned", so it needs a capital or the gazetteer.
                    let strong = t.hash != calledHash
                    if isCapitalisedName(next) || isGazetteerName(next)
                        || (strong && next.isWord && !next.has(Lexicon.neverName | Lexicon.filler) && !isPronoun(next))
                    {
                        nameStart = i + 1
                    }
                }
            }
            // A relation or a role: "her brother Jayden", "Uncle Dave", "mum's boyfriend dean",
            // "the duty social worker, Bronwen Pryce".
            if nameStart < 0, t.has(Lexicon.relation), scan.gap(i, allowing: [0x2C]) {
                let next = tokens[i + 1]
                if (isCuedName(next) && !next.is(Token.sentenceStart)) || isGazetteerName(next) {
                    nameStart = i + 1
                }
            }
            // A naming word: "My name is Aino", "Name: Haruto Sato", "Surname? Lindqvist".
            if nameStart < 0, t.has(Lexicon.selfCue), i + 1 < count {
                var k = i + 1
                if tokens[k].hash == isHash || tokens[k].hash == wasHash, scan.spaced(i) {
                    k += 1
                } else if !scan.gap(i, allowing: [0x3A, 0x3F, 0x2D, 0x2C], limit: 4) || scan.spaced(i) {
                    k = -1
                }
                if k > 0, k < count, k == i + 1 || scan.gap(k - 1, allowing: [0x3A, 0x2C, 0x22, 0x27]),
                    isLowercaseCuedName(tokens[k])
                        || (tokens[k].isWord && !tokens[k].has(Lexicon.neverName | Lexicon.filler | Lexicon.title) && !isPronoun(tokens[k]))
                {
                    nameStart = k
                }
            }
            // A greeting or sign-off: "Hi Bryony", "Dear Aino", "Regards,\nAino Mäkinen", "Signed by Tam".
            if nameStart < 0, t.has(Lexicon.greeting), i + 1 < count, scan.gap(i, allowing: [0x2C, 0x0A, 0x0D, 0x3A], limit: 4) {
                var k = i + 1
                if tokens[k].hash == byHashSigned, scan.spaced(k) { k += 1 }
                if k < count, isLowercaseCuedName(tokens[k]), !placeFollows(scan, k) { nameStart = k }
            }
            // A self-introduction: "I'm Aino", "I am Aino", "this is Antoniu".
            if nameStart < 0, i + 1 < count, tokens[i + 1].is(Token.initialUpper), t.length <= 4, scan.spaced(i),
                t.has(Lexicon.selfIntroduction)
                    || (t.hash == amHash && i > 0 && tokens[i - 1].hash == iHash)
                    || (t.hash == isHash && i > 0 && tokens[i - 1].hash == thisHash)
            {
                let next = tokens[i + 1]
                if isCapitalisedName(next), !next.has(Lexicon.commonWord), !placeFollows(scan, i + 1) { nameStart = i + 1 }
            }
            // An object: "met Aino", "texted kacper", "spoke to Marek", "went round to aino".
            if nameStart < 0, i + 1 < count, scan.spaced(i) {
                var k = -1
                if t.has(Lexicon.objectVerb) {
                    k = i + 1
                } else if t.has(Lexicon.toVerb), tokens[i + 1].hash == toHash || tokens[i + 1].hash == withHash, scan.spaced(i + 1) {
                    k = i + 2
                }
                if k > 0, k < count, isLowercaseCuedName(tokens[k]) || (isCuedName(tokens[k]) && !tokens[k].is(Token.sentenceStart)),
                    !placeFollows(scan, k)
                {
                    nameStart = k
                }
            }
            // A list of people: "three friends: Nagy, Fischer and Duarte", "The children are Kalo and Mira".
            if nameStart < 0, t.has(Lexicon.peopleNoun), i + 1 < count, isCuedName(tokens[i + 1]), !placeFollows(scan, i + 1) {
                if t.has(Lexicon.peopleNoun), !t.has(Lexicon.listVerb), scan.gap(i, allowing: [0x3A], limit: 3), !scan.spaced(i) {
                    nameStart = i + 1
                } else if t.has(Lexicon.listVerb), scan.spaced(i), i > 0,
                    tokens[max(0, i - 3)..<i].contains(where: { $0.has(Lexicon.peopleNoun) && !$0.has(Lexicon.listVerb) })
                {
                    nameStart = i + 1
                }
            }
            // A possessive before what a person has: "Lindqvist's brother", "Aino's phone".
            if nameStart < 0, t.is(Token.possessive), t.nameEnd - t.start >= 2, isCapitalisedName(t), scan.spaced(i),
                tokens[i + 1].has(Lexicon.belonging)
            {
                nameStart = i
            }
            // An initial and a surname: "J. Kowal", "F.T. Solis" (but not "D.O.B").
            if nameStart < 0, t.isInitial(scan.bytes), t.hash != iHash, i + 1 < count, scan.gap(i, allowing: [0x2E]), !scan.spaced(i),
                i == 0 || !tokens[i - 1].has(Lexicon.pseudonymStem)
            {
                var k = i + 1
                while k + 1 < count, k - i < 3, tokens[k].isInitial(scan.bytes), scan.gap(k, allowing: [0x2E]), !scan.spaced(k) { k += 1 }
                if isCapitalisedName(tokens[k]), tokens[k].length >= 2 { nameStart = i }
            }
            // A capitalised subject of a speech verb, even a word or a town: "Oran said", "Grace told".
            if nameStart < 0, isCuedName(t), !t.has(Lexicon.commonWord) || !t.is(Token.sentenceStart), scan.spaced(i),
                tokens[i + 1].has(Lexicon.speechVerb)
            {
                nameStart = i
            }
            // A first name and a surname in lower case: "marek nowicki".
            if nameStart < 0, !t.is(Token.initialUpper), t.has(Lexicon.firstName), isGazetteerName(t), scan.spaced(i),
                !tokens[i + 1].is(Token.initialUpper), tokens[i + 1].has(Lexicon.surname), isGazetteerName(tokens[i + 1])
            {
                nameStart = i
            }
            // The gazetteer: a capitalised first name or surname.
            if nameStart < 0, isCapitalisedName(t), !placeFollows(scan, i) {
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
                    !tokens[i + 1].has(Lexicon.commonWord)
                {
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
                tokens[last + 1].isWord, tokens[last + 1].is(Token.initialUpper), !tokens[last + 1].has(Lexicon.neverName | Lexicon.filler)
            {
                last += 1
            }
            while extra < 3, !tokens[last].is(Token.possessive), scan.spaced(last) {
                let next = tokens[last + 1]
                // A middle initial: "Olena V. Kovalenko".
                if next.isInitial(scan.bytes), last + 2 < count, scan.gap(last + 1, allowing: [0x2E]), !scan.spaced(last + 1),
                    isCapitalisedName(tokens[last + 2]) || tokens[last + 2].has(Lexicon.surname)
                {
                    last += 2
                    extra += 1
                    continue
                }
                // A lower-case surname after a lower-case name found by a cue: "spoke to marek nowicki".
                if !tokens[last].is(Token.initialUpper), !next.is(Token.initialUpper), next.isWord, next.has(Lexicon.surname),
                    !next.has(notName | Lexicon.commonWord)
                {
                    last += 1
                    extra += 1
                    continue
                }
                let placeSurname = next.isWord && next.is(Token.initialUpper) && next.has(Lexicon.place)
                guard isCapitalisedName(next) || placeSurname, !next.is(Token.sentenceStart) else { break }
                // A following capitalised word is a surname unless it begins a place or an organisation.
                if last + 2 < count, scan.spaced(last + 1),
                    tokens[last + 2].has(Lexicon.streetSuffix | Lexicon.orgSuffix | Lexicon.orgQualifier),
                    tokens[last + 2].is(Token.initialUpper)
                {
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
                if before.has(Lexicon.title)
                    || (isCuedName(before) && !before.is(Token.possessive) && first - (spanStart >= 0 ? spanStart : nameStart) > -2)
                {
                    first -= 1
                    if before.has(Lexicon.title) { break }
                } else {
                    break
                }
            }
            var titled = false
            for k in first...last where tokens[k].has(Lexicon.title) { titled = true }
            candidates.append(
                Candidate(
                    start: tokens[first].start, end: tokens[last].nameEnd, type: .person,
                    nameTokens: first...last, nameSkipsTitles: true, titled: titled))
            i = last + 1
        }
    }

    /// Finds the other names in a list one of whose names was found: "Nagy, Fischer and Duarte",
    /// "Kayden and Zeb", "Loretta Antonetti, Mibribriescu and Rahman".
    ///
    /// A capitalised word joined to a found name by a comma, "and", "or" or "&" is a name too,
    /// unless it is a stop word, a place or the start of a street or organisation.
    static func extendLists(_ scan: TextScan, _ candidates: inout [Candidate]) {
        let tokens = scan.tokens
        let count = tokens.count
        var c = 0
        let found = candidates.count
        while c < found {
            let candidate = candidates[c]
            c += 1
            guard candidate.type == .person, var first = scan.tokenIndex(startingAt: candidate.start) else { continue }
            var last = first
            while last + 1 < count, tokens[last + 1].start < candidate.end { last += 1 }
            // Forwards.
            var steps = 0
            while steps < 6, let next = listSibling(scan, after: last) {
                var end = next
                while end + 1 < count, end - next < 2, scan.spaced(end), isCapitalisedName(tokens[end + 1]),
                    !tokens[end].is(Token.possessive), !placeFollows(scan, end + 1)
                { end += 1 }
                candidates.append(
                    Candidate(
                        start: tokens[next].start, end: tokens[end].nameEnd, type: .person,
                        nameTokens: next...end))
                last = end
                steps += 1
            }
            // Backwards.
            steps = 0
            while steps < 6, let before = listSibling(scan, before: first) {
                var start = before
                while start > 0, before - start < 2, scan.spaced(start - 1), isCapitalisedName(tokens[start - 1]),
                    !tokens[start - 1].is(Token.possessive)
                { start -= 1 }
                candidates.append(
                    Candidate(
                        start: tokens[start].start, end: tokens[before].nameEnd, type: .person,
                        nameTokens: start...before))
                first = start
                steps += 1
            }
        }
    }

    /// The token of the list item after the name ending at token `k`, if the text goes on as a list.
    private static func listSibling(_ scan: TextScan, after k: Int) -> Int? {
        let tokens = scan.tokens
        guard k + 1 < tokens.count, !tokens[k].is(Token.possessive) else { return nil }
        var s = k + 1
        if tokens[s].has(Lexicon.listJoiner), scan.gap(k, allowing: [0x2C]) {
            guard scan.spaced(s) else { return nil }
            s += 1
        } else if !(scan.gap(k, allowing: [0x2C, 0x26]) && !scan.spaced(k)) {
            return nil
        }
        guard s < tokens.count, isCuedName(tokens[s]), !placeFollows(scan, s) else { return nil }
        return s
    }

    /// The token of the list item before the name starting at token `k`, if it follows a list.
    private static func listSibling(_ scan: TextScan, before k: Int) -> Int? {
        let tokens = scan.tokens
        guard k >= 2 else { return nil }
        var p = k - 1
        if tokens[p].has(Lexicon.listJoiner), scan.spaced(p) {
            guard scan.gap(p - 1, allowing: [0x2C]) else { return nil }
            p -= 1
        } else if scan.gap(p, allowing: [0x2C, 0x26]) && !scan.spaced(p) {
            // "Nagy, Fischer": p is the item itself.
        } else {
            return nil
        }
        guard isCuedName(tokens[p]), !tokens[p].is(Token.possessive) else { return nil }
        return p
    }
}
