import Testing

@testable import ConfidantCore

@Suite("Reading level")
struct ReadingLevelTests {
    /// Words with their dictionary syllable counts (Merriam-Webster hyphenation), chosen to cover
    /// silent e, -es, -ed, -le, -ly and vowel pairs: the table the heuristic's accuracy is measured on.
    static let knownSyllables: [(String, Int)] = [
        ("a", 1), ("the", 1), ("cat", 1), ("make", 1), ("makes", 1), ("made", 1), ("place", 1), ("places", 2),
        ("wish", 1), ("wishes", 2), ("asked", 1), ("wanted", 2), ("needed", 2), ("shared", 1), ("agreed", 2),
        ("little", 2), ("people", 2), ("table", 2), ("while", 1), ("safe", 1), ("safely", 2), ("lonely", 2),
        ("careful", 2), ("statement", 2), ("useless", 2), ("kindness", 2), ("only", 2), ("happy", 2),
        ("family", 3), ("every", 2), ("everyone", 3), ("someone", 2), ("something", 2), ("private", 2),
        ("secret", 2), ("promise", 2), ("person", 2), ("danger", 2), ("dangerous", 3), ("police", 2),
        ("social", 2), ("worker", 2), ("helper", 2), ("important", 3), ("decide", 2), ("decides", 2),
        ("information", 4), ("confidentiality", 7), ("safeguarding", 4), ("professional", 4),
        ("agreement", 3), ("investigation", 5), ("designated", 4), ("organisation", 5), ("advice", 2),
        ("support", 2), ("staff", 1), ("children", 2), ("parents", 2), ("carers", 2), ("adults", 2),
        ("risk", 1), ("harm", 1), ("serious", 3), ("crime", 1), ("emergency", 4), ("immediate", 4),
        ("circumstances", 4), ("identify", 4), ("names", 1), ("name", 1), ("listen", 2), ("listening", 3),
        ("views", 1), ("wishes", 2), ("involve", 2), ("involved", 2), ("reason", 2), ("written", 2),
        ("reviewed", 2), ("approved", 2), ("breaking", 2), ("broken", 2), ("conversation", 4), ("outside", 2),
        ("inside", 2), ("straight", 1), ("away", 2), ("hurt", 1), ("badly", 2), ("choose", 1), ("tell", 1),
        ("limits", 2), ("limited", 3), ("trust", 1), ("anyone", 3), ("because", 2), ("happens", 2),
        ("quiet", 2), ("idea", 3), ("create", 2), ("area", 3), ("social", 2), ("nation", 1 + 1),
        ("million", 2), ("period", 3), ("radio", 3), ("special", 2),
    ]

    @Test("The syllable heuristic is exact on at least 95% of the known-word table and never off by more than one")
    func syllableAccuracy() {
        var exact = 0
        var misses: [String] = []
        for (word, expected) in Self.knownSyllables {
            let counted = ReadingLevel.syllables(in: word)
            #expect(abs(counted - expected) <= 1, "\(word): counted \(counted), dictionary \(expected)")
            if counted == expected { exact += 1 } else { misses.append("\(word) \(counted)/\(expected)") }
        }
        let accuracy = Double(exact) / Double(Self.knownSyllables.count)
        print("syllable heuristic: \(exact)/\(Self.knownSyllables.count) exact (\(accuracy)); misses: \(misses)")
        #expect(accuracy >= 0.95)
    }

    @Test(
        "Known syllable counts",
        arguments: [
            ("cat", 1), ("people", 2), ("makes", 1), ("wanted", 2), ("safely", 2), ("family", 3), ("serious", 3), ("information", 4),
        ])
    func knownWords(word: String, expected: Int) {
        #expect(ReadingLevel.syllables(in: word) == expected)
    }

    @Test("Numbers count one syllable per digit; hyphenated words part by part")
    func numbersAndHyphens() {
        #expect(ReadingLevel.syllables(in: "999") == 3)
        #expect(ReadingLevel.syllables(in: "well-being") == 3)
    }

    @Test("Sentences end at . ! ? followed by space, and at line breaks")
    func sentenceSplitting() {
        #expect(ReadingLevel.sentences(in: "We listen. Do you agree? Yes!\nA heading\n\n") == ["We listen.", "Do you agree?", "Yes!", "A heading"])
        #expect(ReadingLevel.sentences(in: "Call 0800 1111. Version mct-2026.1 is current.").count == 2)
    }

    @Test("Words are runs of letters and digits with apostrophes and hyphens")
    func wordSplitting() {
        #expect(
            ReadingLevel.words(in: "We don't share — ever, with the well-being team (999).") == [
                "We", "don't", "share", "ever", "with", "the", "well-being", "team", "999",
            ])
    }

    @Test("Flesch–Kincaid grade and reading ease follow the published formulas")
    func formulas() {
        // "The cat sat on the mat." 6 words, 6 syllables, 1 sentence.
        let level = ReadingLevel(text: "The cat sat on the mat.")
        #expect(level.words == 6 && level.syllables == 6 && level.sentences == 1)
        #expect(abs(level.fleschKincaidGrade - (0.39 * 6 + 11.8 * 1 - 15.59)) < 1e-9)
        #expect(abs(level.fleschReadingEase - (206.835 - 1.015 * 6 - 84.6)) < 1e-9)
        let hard = ReadingLevel(text: "Confidentiality considerations necessitate comprehensive organisational deliberation.")
        #expect(hard.fleschKincaidGrade > 20)
        #expect(ReadingLevel(text: "").fleschKincaidGrade == 0)
        #expect(ReadingLevel(text: "  \n ").words == 0)
    }
}
