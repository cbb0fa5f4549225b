/// How hard a text is to read: the Flesch–Kincaid grade level and Flesch reading ease.
///
/// The policy "aims to be easily understood by everyone" [Purpose of policy], so the public
/// pages are measured, not guessed: the children's page must read at about age 8–9 (grade 4 or
/// below), the parents' page at grade 9 or below. Formulas (Kincaid et al. 1975; Flesch 1948):
///
/// - grade = 0.39 · words/sentences + 11.8 · syllables/words − 15.59
/// - ease = 206.835 − 1.015 · words/sentences − 84.6 · syllables/words
///
/// A sentence ends at `.`, `!` or `?` followed by a space or the end, or at a line break (list
/// items and headings count as sentences, as a reader meets them). A word is a run of letters,
/// digits, apostrophes and hyphens holding at least one letter or digit. Syllables come from a
/// heuristic (`syllables(in:)`), so grades are estimates within a few tenths of a grade.
public struct ReadingLevel: Hashable, Sendable {
    /// The number of sentences.
    public let sentences: Int
    /// The number of words.
    public let words: Int
    /// The number of syllables, by the heuristic.
    public let syllables: Int
    /// The number of words in the longest sentence.
    public let longestSentenceWords: Int

    /// Measures a text.
    public init(text: String) {
        let split = Self.sentences(in: text)
        var words = 0
        var syllables = 0
        var longest = 0
        for sentence in split {
            let sentenceWords = Self.words(in: sentence)
            words += sentenceWords.count
            longest = max(longest, sentenceWords.count)
            syllables += sentenceWords.reduce(0) { $0 + Self.syllables(in: $1) }
        }
        self.sentences = split.count
        self.words = words
        self.syllables = syllables
        self.longestSentenceWords = longest
    }

    /// The mean number of words in a sentence (0 for a text with no words).
    public var wordsPerSentence: Double {
        sentences == 0 ? 0 : Double(words) / Double(sentences)
    }

    /// The mean number of syllables in a word (0 for a text with no words).
    public var syllablesPerWord: Double {
        words == 0 ? 0 : Double(syllables) / Double(words)
    }

    /// The Flesch–Kincaid grade level: the US school grade that can read the text (0 for no words).
    public var fleschKincaidGrade: Double {
        words == 0 ? 0 : 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
    }

    /// The Flesch reading ease: 100 is very easy, below 30 is very hard (100 for no words).
    public var fleschReadingEase: Double {
        words == 0 ? 100 : 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord
    }

    /// The sentences of a text, each trimmed; empty ones (no words) are dropped.
    public static func sentences(in text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character.isNewline {
                result.append(current)
                current = ""
                continue
            }
            current.append(character)
            if ".!?".contains(character) {
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                if next.isWhitespace || next == "\"" || next == ")" {
                    result.append(current)
                    current = ""
                }
            }
        }
        result.append(current)
        return
            result
            .map(\.trimmingWhitespace)
            .filter { !words(in: $0).isEmpty }
    }

    /// The words of a text: runs of letters, digits, apostrophes and hyphens with a letter or digit in them.
    public static func words(in text: String) -> [String] {
        var result: [String] = []
        var current = ""
        func flush() {
            if current.contains(where: { $0.isLetter || $0.isNumber }) { result.append(current) }
            current = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "'" || character == "’" || character == "-" {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// The number of syllables in an English word, by a heuristic (at least 1).
    ///
    /// Count groups of vowels (a e i o u, and y after the first letter); take one off for a
    /// silent final "e" (but not "-le" after a consonant, as in "little"), for "-es" and "-ed"
    /// that add no syllable ("makes", "asked", but not "places", "wanted"); treat the suffixes
    /// -ly, -ment, -ful, -ness, -less as one syllable on their own ("safely" = safe + ly). A few
    /// common words the rules get wrong are listed. Numbers count one syllable per digit (they
    /// are read out digit by digit, as phone numbers are). Measured accuracy: 106 of 108 (98%) exact on the
    /// known-word table in the tests ("confidentiality" 6 for 7, "quiet" 1 for 2; every miss is off by one).
    public static func syllables(in word: String) -> Int {
        let lower = word.lowercased()
        let digits = lower.filter(\.isNumber).count
        let letters = String(lower.filter { $0.isLetter && $0.isASCII })
        if letters.isEmpty { return max(digits, 1) }
        // Hyphenated words are counted part by part.
        if lower.contains("-") {
            let parts = lower.split(separator: "-").map(String.init).filter { !$0.isEmpty }
            if parts.count > 1 { return parts.reduce(0) { $0 + syllables(in: $1) } }
        }
        if let known = exceptions[letters] { return known }
        if letters.count <= 3 { return 1 }
        for suffix in ["ment", "ness", "less", "ful", "ly"] where letters.hasSuffix(suffix) {
            let base = String(letters.dropLast(suffix.count))
            if base.count >= 3, base.contains(where: { "aeiouy".contains($0) }) {
                return stemSyllables(base) + 1
            }
        }
        return stemSyllables(letters)
    }

    /// Vowel groups with the silent-ending corrections.
    private static func stemSyllables(_ letters: String) -> Int {
        if let known = exceptions[letters] { return known }
        let chars = Array(letters)
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        func isVowel(_ index: Int) -> Bool {
            vowels.contains(chars[index]) && !(index == 0 && chars[index] == "y")
        }
        var groups = 0
        var previousVowel = false
        for index in chars.indices {
            let vowel = isVowel(index)
            if vowel && !previousVowel { groups += 1 }
            previousVowel = vowel
        }
        // "i" before another vowel is its own syllable ("serious", "immediate", "period"), except
        // after c, t, s, g, x or l, where it is not ("social", "nation", "vision", "religion", "million").
        for index in chars.indices.dropLast() where chars[index] == "i" && "aou".contains(chars[index + 1]) {
            if index > 0, !"ctsgxl".contains(chars[index - 1]) { groups += 1 }
        }
        let count = chars.count
        if groups > 1, count >= 3 {
            let last = chars[count - 1]
            let beforeLast = chars[count - 2]
            let third = chars[count - 3]
            if last == "e", !vowels.contains(beforeLast) {
                // Silent final e ("make"), except consonant + "le" ("little", "people").
                if !(beforeLast == "l" && !vowels.contains(third)) { groups -= 1 }
            } else if last == "s", beforeLast == "e", !vowels.contains(third),
                !"sxzcgj".contains(third), !(third == "h" && count >= 4 && "cs".contains(chars[count - 4]))
            {
                // "-es" after most consonants is silent ("makes"), not after a hissing sound ("places", "wishes").
                if !(third == "l" && count >= 4 && !vowels.contains(chars[count - 4])) { groups -= 1 }
            } else if last == "d", beforeLast == "e", !vowels.contains(third), !"td".contains(third) {
                // "-ed" is silent unless after t or d ("asked", but "wanted").
                if !(third == "l" && count >= 4 && !vowels.contains(chars[count - 4])) { groups -= 1 }
            }
        }
        return max(groups, 1)
    }

    /// Common words the rules miscount, with their dictionary syllable counts.
    private static let exceptions: [String: Int] = [
        "every": 2, "everyone": 3, "everything": 3, "someone": 2, "something": 2, "sometimes": 2,
        "idea": 3, "area": 3, "police": 2, "being": 2, "doing": 2, "going": 2, "seeing": 2,
        "create": 2, "created": 3, "real": 1, "really": 2, "science": 2,
        "carers": 2, "carer": 2, "parents": 2, "there": 1, "where": 1, "here": 1, "were": 1,
        "whole": 1, "one": 1, "once": 1, "done": 1, "gone": 1, "give": 1, "live": 1, "have": 1,
        "lives": 1, "gives": 1, "agree": 2, "agrees": 2, "agreed": 2, "danger": 2, "dangerous": 3,
        "safeguarding": 4, "anyone": 3, "business": 2, "different": 3, "interesting": 3, "family": 3,
        "ok": 2, "okay": 2, "dsl": 3, "mct": 3, "nspcc": 5, "childline": 2, "samaritans": 4,
    ]
}
