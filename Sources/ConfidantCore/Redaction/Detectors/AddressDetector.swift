/// Finds street addresses in the shapes used across Europe and beyond: an optional flat or unit,
/// a house number, up to three words and a street word ("Flat 2, 14 Oakfield Road"), a
/// capitalised street name alone ("Oakfield Road"), the number after the street ("Taleex Road 221",
/// "Mäkikatu 14", "Hauptstraße 12", "Rua das Flores 212", "ul. Długa 7/5", "Brīvības iela 12",
/// "3 rue de la Paix"), a flat or suite on its own ("Apt. 12", "Suite 40") and a post-office box
/// ("PO Box 2231", "Postfach 1234").
///
/// Towns and districts stay (they identify nobody on their own); the postcode is its own span.
/// Each line of an address split over lines is found on its own.
enum AddressDetector {
    /// Appends a candidate for every address found.
    static func detect(_ scan: TextScan, into candidates: inout [Candidate]) {
        let tokens = scan.tokens
        for i in tokens.indices {
            let suffix = tokens[i]
            let strong = suffix.has(Lexicon.streetSuffix)
            guard strong || suffix.has(Lexicon.weakStreetSuffix), suffix.isWord, i > 0 else { continue }
            // Walk left over the street's words.
            var first = i
            while first > 0, i - first < 3, scan.spaced(first - 1) {
                let before = tokens[first - 1]
                guard before.isWord, !before.has(Lexicon.filler | Lexicon.title | Lexicon.speechVerb | Lexicon.nameCue) else { break }
                first -= 1
            }
            guard first < i else { continue }
            var start = first
            var hasNumber = false
            // A house number: "14", "14a", "14-16".
            // "14 Oakfield Road"; a comma after the number only before a strong street word ("14, Oakfield Road").
            if first > 0, strong ? scan.gap(first - 1, allowing: [0x2C]) : scan.spaced(first - 1) {
                let number = tokens[first - 1]
                if number.shape & Token.hasDigit != 0, number.length <= 4, number.bytesStartWithDigit(scan.bytes) {
                    hasNumber = true
                    start = first - 1
                    var n = first - 1
                    if n > 0, scan.joined(n - 1, by: 0x2D), tokens[n - 1].isNumber {
                        n -= 1
                        start = n
                    }
                    // A flat or unit before it: "Flat 2, 14 Oakfield Road", or the number is the flat's: "Flat 7B Hawthorn Court".
                    if n >= 1, tokens[n - 1].has(Lexicon.dwellingUnit), scan.spaced(n - 1) {
                        start = n - 1
                    } else if n >= 2, scan.gap(n - 1, allowing: [0x2C]), tokens[n - 1].shape & Token.hasDigit != 0,
                        tokens[n - 2].has(Lexicon.dwellingUnit), scan.spaced(n - 2)
                    {
                        start = n - 2
                    }
                }
            }
            if !hasNumber {
                // Without a number: the street words must be capitalised and the street word strong.
                guard strong, suffix.is(Token.initialUpper) else { continue }
                while first < i,
                    !(tokens[first].is(Token.initialUpper)
                        && (!tokens[first].has(Lexicon.neverName | Lexicon.orgQualifier) || tokens[first].has(Lexicon.place)))
                {
                    first += 1
                }
                guard first < i else { continue }
                // The first capitalised word of a sentence is not a street name on its own ("Drive" as a verb).
                var k = first
                var allCapitalised = true
                while k < i {
                    if !tokens[k].is(Token.initialUpper) { allCapitalised = false }
                    k += 1
                }
                guard allCapitalised else { continue }
                start = first
                if first > 0, scan.gap(first - 1, allowing: [0x2C]), tokens[first - 1].shape & Token.hasDigit != 0,
                    first >= 2, tokens[first - 2].has(Lexicon.dwellingUnit)
                {
                    start = first - 2
                }
            }
            // The number after the street ("Taleex Road 221", "Hollins Street 4").
            var end = suffix.end
            if let number = houseNumber(scan, after: i) { end = tokens[number].end }
            candidates.append(Candidate(start: tokens[start].start, end: end, type: .address))
        }
        detectAbroad(scan, into: &candidates)
    }

    private static let boxHash = WordHash.hash("box")
    private static let houseHash = WordHash.hash("house")
    private static let plotHash = WordHash.hash("plot")
    private static let poHash = WordHash.hash("po")
    private static let oHash = WordHash.hash("o")
    private static let pHash = WordHash.hash("p")
    private static let postfachHash = WordHash.hash("postfach")
    private static let postalHash = WordHash.hash("postal")
    private static let caixaHash = WordHash.hash("caixa")
    private static let apartadoHash = WordHash.hash("apartado")
    /// Endings of one-word street names ("Hauptstraße", "Kungsgatan", "Mäkikatu", "Kerkstraat"), folded.
    private static let compoundEndings: [[UInt8]] = """
        straße strasse gasse weg platz allee gatan gata vägen veien vegen gate vej gade plads katu tie kuja polku
        tori straat laan gracht plein kade singel utca
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array(String($0).utf8) }

    /// Whether token `k` reads as a house number: digits first, at most five characters, at most
    /// two letters ("14", "14a", "7B"), and not a year ("2019").
    static func isHouseNumber(_ scan: TextScan, _ k: Int) -> Bool {
        let t = scan.tokens[k]
        guard t.shape & Token.hasDigit != 0, t.length <= 5, t.bytesStartWithDigit(scan.bytes) else { return false }
        var digits = 0
        var j = t.start
        while j < t.end, PhoneNumberDetector.isDigit(scan.bytes[j]) { digits += 1; j += 1 }
        if t.length - digits > 2 { return false }
        if digits == 4 && t.isNumber && (scan.bytes[t.start] == 0x31 || scan.bytes[t.start] == 0x32) { return false }
        return true
    }

    /// The index of the house number right after token `k` (and of its "/5" or "-7" part), if there is one.
    static func houseNumber(_ scan: TextScan, after k: Int, allowing punctuation: [UInt8] = []) -> Int? {
        let tokens = scan.tokens
        var n = k + 1
        guard n < tokens.count, punctuation.isEmpty ? scan.spaced(k) : scan.gap(k, allowing: punctuation) else { return nil }
        // "Strada Victoriei nr. 12", "Calle Mayor, nº 5".
        if tokens[n].has(Lexicon.numberWord), n + 1 < tokens.count, scan.gap(n, allowing: [0x2E]) { n += 1 }
        guard isHouseNumber(scan, n) else { return nil }
        // Glued to a word or a time after it ("14:30", "12kg") it is no house number.
        if n + 1 < tokens.count, tokens[n + 1].start == tokens[n].end, tokens[n + 1].isWord { return nil }
        if tokens[n].end < scan.bytes.count, scan.bytes[tokens[n].end] == 0x3A { return nil }
        // "ul. Długa 7/5", "Rua X 12-14".
        if n + 1 < tokens.count, tokens[n + 1].isNumber, tokens[n + 1].length <= 4,
            scan.joined(n, by: 0x2F) || scan.joined(n, by: 0x2D)
        {
            n += 1
        }
        return n
    }

    /// Whether the capitalised word ends as a one-word street name abroad does.
    static func isCompoundStreet(_ scan: TextScan, _ t: Token) -> Bool {
        guard t.isWord, t.is(Token.initialUpper), t.nameEnd - t.start >= 6 else { return false }
        let bytes = scan.bytes
        for ending in compoundEndings where t.nameEnd - t.start >= ending.count + 3 {
            var j = 0
            var matches = true
            let from = t.nameEnd - ending.count
            while j < ending.count {
                var b = bytes[from + j]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != ending[j] { matches = false; break }
                j += 1
            }
            if matches { return true }
        }
        return false
    }

    /// Addresses in the shapes used outside the UK, flats and suites on their own, and PO boxes.
    static func detectAbroad(_ scan: TextScan, into candidates: inout [Candidate]) {
        // Read once: each read of a static let computed at run time goes through swift_once.
        let boxHash = Self.boxHash
        let houseHash = Self.houseHash
        let plotHash = Self.plotHash
        let poHash = Self.poHash
        let oHash = Self.oHash
        let pHash = Self.pHash
        let postfachHash = Self.postfachHash
        let postalHash = Self.postalHash
        let caixaHash = Self.caixaHash
        let apartadoHash = Self.apartadoHash
        let tokens = scan.tokens
        let count = tokens.count
        var i = 0
        while i < count {
            let t = tokens[i]
            // Each shape below starts at a capitalised word, a flat or street word, or one of the
            // box words; most words of a text are none of these.
            guard t.shape & Token.hasLetter != 0,
                t.is(Token.initialUpper) || t.has(Lexicon.dwellingUnit | Lexicon.streetPrefix | Lexicon.postStreet)
                    || t.hash == boxHash || t.hash == postfachHash || t.hash == apartadoHash || t.hash == postalHash
            else {
                i += 1
                continue
            }
            // A flat, apartment or suite: "Apt. 12", "Suite 40", "flat 3".
            if t.has(Lexicon.dwellingUnit), t.isWord, i + 1 < count, scan.gap(i, allowing: [0x2E]),
                tokens[i + 1].bytesStartWithDigit(scan.bytes), tokens[i + 1].length <= 4, tokens[i + 1].shape & Token.hasDigit != 0
            {
                candidates.append(Candidate(start: t.start, end: tokens[i + 1].end, type: .address))
                i += 2
                continue
            }
            // A post-office box: "PO Box 2231", "P.O. Box 17", "Postfach 1234", "Caixa Postal 88", "Apartado 45".
            if t.hash == boxHash, i + 1 < count, scan.spaced(i), tokens[i + 1].isNumber, i > 0 {
                var start = -1
                if tokens[i - 1].hash == poHash, scan.gap(i - 1, allowing: [0x2E]) { start = i - 1 }
                if tokens[i - 1].hash == oHash, i > 1, tokens[i - 2].hash == pHash, scan.gap(i - 2, allowing: [0x2E]) { start = i - 2 }
                if start >= 0 {
                    var last = i + 1
                    if last + 1 < count, scan.spaced(last), tokens[last + 1].isNumber, tokens[last + 1].length <= 4 { last += 1 }
                    candidates.append(Candidate(start: tokens[start].start, end: tokens[last].end, type: .address))
                    i = last + 1
                    continue
                }
            }
            if t.hash == postfachHash || t.hash == apartadoHash || (t.hash == postalHash && i > 0 && tokens[i - 1].hash == caixaHash),
                i + 1 < count, scan.gap(i, allowing: [0x3A]), tokens[i + 1].isNumber
            {
                var last = i + 1
                if last + 1 < count, scan.spaced(last), tokens[last + 1].isNumber, tokens[last + 1].length <= 4 { last += 1 }
                let start = t.hash == postalHash ? i - 1 : i
                candidates.append(Candidate(start: tokens[start].start, end: tokens[last].end, type: .address))
                i = last + 1
                continue
            }
            // "House 97, Street 27", "Plot 12, Road 4": numbered houses on numbered streets.
            if t.is(Token.initialUpper), t.hash == houseHash || t.hash == plotHash, i + 3 < count, scan.spaced(i),
                isHouseNumber(scan, i + 1), scan.gap(i + 1, allowing: [0x2C]), tokens[i + 2].has(Lexicon.streetSuffix),
                tokens[i + 2].is(Token.initialUpper), scan.spaced(i + 2), isHouseNumber(scan, i + 3)
            {
                candidates.append(Candidate(start: t.start, end: tokens[i + 3].end, type: .address))
                i += 4
                continue
            }
            // A one-word street name and its number: "Mäkikatu 14", "Hauptstraße 12", "Storgata 4".
            if i + 1 < count, tokens[i + 1].bytesStartWithDigit(scan.bytes), isCompoundStreet(scan, t), !t.has(Lexicon.neverName),
                let number = houseNumber(scan, after: i, allowing: [0x2C])
            {
                candidates.append(Candidate(start: t.start, end: tokens[number].end, type: .address))
                i = number + 1
                continue
            }
            // A street word before the name: "Rua das Flores 212", "ul. Długa 7", "Calle Mayor 5", "3 rue de la Paix".
            if t.has(Lexicon.streetPrefix), t.isWord {
                let abbreviated = t.end < scan.bytes.count && scan.bytes[t.end] == 0x2E
                // "207 rue du Moulin": the number before the street word.
                let numberBefore = i > 0 && scan.spaced(i - 1) && isHouseNumber(scan, i - 1)
                if t.is(Token.initialUpper) || abbreviated || t.length >= 3,
                    let found = streetAfterPrefix(scan, i, numberBefore: numberBefore)
                {
                    let start = numberBefore ? i - 1 : i
                    candidates.append(Candidate(start: tokens[start].start, end: tokens[found].end, type: .address))
                    i = found + 1
                    continue
                }
            }
            // A street word after the name: "Brīvības iela 12", "Gedimino pr. 9", "Váci út 3".
            if t.has(Lexicon.postStreet), i > 0, scan.spaced(i - 1), tokens[i - 1].isWord, tokens[i - 1].is(Token.initialUpper),
                !tokens[i - 1].has(Lexicon.neverName | Lexicon.filler | Lexicon.title),
                let number = houseNumber(scan, after: i, allowing: [0x2E])
            {
                var start = i - 1
                if start > 0, scan.spaced(start - 1), tokens[start - 1].isWord, tokens[start - 1].is(Token.initialUpper),
                    !tokens[start - 1].has(Lexicon.neverName | Lexicon.filler | Lexicon.title | Lexicon.nameCue)
                {
                    start -= 1
                }
                candidates.append(Candidate(start: tokens[start].start, end: tokens[number].end, type: .address))
                i = number + 1
                continue
            }
            i += 1
        }
    }

    /// The last token of a street's name and number after the street word at `p`, if it reads as one.
    private static func streetAfterPrefix(_ scan: TextScan, _ p: Int, numberBefore: Bool) -> Int? {
        let tokens = scan.tokens
        var k = p
        var lastName = -1
        var words = 0
        while words < 5, k + 1 < tokens.count, scan.gap(k, allowing: [0x2E]) {
            let next = tokens[k + 1]
            guard next.isWord else { break }
            if next.is(Token.initialUpper) && !next.has(Lexicon.title | Lexicon.speechVerb) {
                lastName = k + 1
            } else if !next.has(Lexicon.streetConnector) {
                break
            }
            k += 1
            words += 1
        }
        guard lastName > p else { return nil }
        if let number = houseNumber(scan, after: lastName, allowing: [0x2C]) { return number }
        // Without a number only an unambiguous street word, written with its capital, makes an address.
        if numberBefore || (tokens[p].has(Lexicon.strongStreetPrefix) && tokens[p].is(Token.initialUpper)) { return lastName }
        return nil
    }
}
