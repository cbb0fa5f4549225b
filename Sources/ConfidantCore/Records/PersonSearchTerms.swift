/// The words a person can be found by, and the words a search or a duplicate check looks for.
///
/// Names are sealed, so the store keeps a blind index: each of these terms keyed with an HMAC, never in the clear. A
/// search asks the index for people holding, for every word typed, at least one of that word's terms, then opens only
/// them and keeps those `PersonDetails.matches(search:)` accepts. The terms are chosen so that every person `matches`
/// accepts is among the candidates: the index only ever narrows where to look, and the rule for what is found stays
/// here, in one place. Terms are tagged by kind (`p:` a name word's beginning, `d:` a name word or it with one letter
/// left out, `s:` how a name word sounds, `i:` an identifier's beginning, `b:` a date of birth).
public enum PersonSearchTerms {
    /// A word longer than this is indexed by its first `longestWord` letters only (no name needs more to be found).
    static let longestWord = 24
    /// At most this many words of a search are looked for.
    static let mostSearchWords = 8

    /// Every term `details` can be found by.
    public static func indexed(_ details: PersonDetails) -> Set<String> {
        var terms: Set<String> = []
        for word in words(details.name) + words(details.knownAs) {
            for length in 1...word.count { terms.insert("p:" + String(word.prefix(length))) }
            terms.formUnion(closeSpellings(word))
            if let sound = soundex(word) { terms.insert("s:" + sound) }
        }
        for word in words(details.identifiers) {
            for length in 1...word.count { terms.insert("i:" + String(word.prefix(length))) }
        }
        if let birth = CalendarDay(details.dateOfBirth) { terms.insert("b:" + birth.iso) }
        return terms
    }

    /// For a search text: the terms to look for, one set per word typed (a date of birth typed alone is one word).
    /// Empty when nothing can be searched for.
    public static func searched(_ text: String) -> [Set<String>] {
        if let birth = CalendarDay(typed: text) { return [["b:" + birth.iso]] }
        return words(text).prefix(mostSearchWords).map { word in
            var terms: Set<String> = ["p:" + word, "i:" + word]
            if word.count >= PersonDetails.closeSpellingLength { terms.formUnion(closeSpellings(word)) }
            if word.count >= PersonDetails.soundAlikeLength, let sound = soundex(word) { terms.insert("s:" + sound) }
            return terms
        }
    }

    /// For a duplicate check of a new person's name: per word, the word, its one-letter-off spellings and its sound.
    /// A likely duplicate (`PersonDetails.looksLikeSamePerson`) differs by a letter or two; one whose every word is
    /// one letter off or sounds alike is among these candidates.
    public static func duplicateCheck(_ details: PersonDetails) -> [Set<String>] {
        words(details.name).prefix(mostSearchWords).map { word in
            var terms = closeSpellings(word)
            if let sound = soundex(word) { terms.insert("s:" + sound) }
            return terms
        }
    }

    /// The words of a text as searches compare them: lower case, accents folded, split at anything not a letter or digit.
    static func words(_ text: String) -> [String] {
        PersonDetails.normalised(text).split(separator: " ").map { String($0.prefix(longestWord)) }
    }

    /// The word and the word with each one letter left out: two words one edit apart (a letter changed, added, left
    /// out, or two swapped) share one of these.
    static func closeSpellings(_ word: String) -> Set<String> {
        let letters = Array(word)
        var terms: Set<String> = ["d:" + word]
        guard letters.count >= 2 else { return terms }
        for index in letters.indices {
            var shorter = letters
            shorter.remove(at: index)
            terms.insert("d:" + String(shorter))
        }
        return terms
    }

    /// American Soundex of a word of the letters a–z (after accents are folded): its first letter and three digits for
    /// the consonant sounds that follow, so "Stephen" and "Steven", "Smith" and "Smyth" sound alike. Nil for a word
    /// with other letters (Soundex is defined for the Latin alphabet only; such words are still found by spelling).
    public static func soundex(_ word: String) -> String? {
        let letters = Array(word.unicodeScalars)
        guard letters.count >= 2, letters.allSatisfy({ $0.value >= 97 && $0.value <= 122 }) else { return nil }
        func code(_ letter: Unicode.Scalar) -> Character? {
            switch letter {
            case "b", "f", "p", "v": "1"
            case "c", "g", "j", "k", "q", "s", "x", "z": "2"
            case "d", "t": "3"
            case "l": "4"
            case "m", "n": "5"
            case "r": "6"
            default: nil  // vowels, h, w, y
            }
        }
        var result = String(Character(letters[0])).uppercased()
        var last = code(letters[0])
        for letter in letters.dropFirst() {
            let digit = code(letter)
            if let digit, digit != last { result.append(digit) }
            if result.count == 4 { break }
            // h and w do not separate two letters of the same sound; a vowel does.
            if letter != "h" && letter != "w" { last = digit }
        }
        return result.padding(toLength: 4, withPad: "0", startingAt: 0)
    }
}
