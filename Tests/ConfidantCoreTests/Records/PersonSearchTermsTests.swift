import Testing

@testable import ConfidantCore

@Suite("What a person is found by: the blind index's terms")
struct PersonSearchTermsTests {
    static let people = [
        PersonDetails(name: "Zoë Smith", knownAs: "Zo", dateOfBirth: "2014-03-27", identifiers: "UPN A123-456"),
        PersonDetails(name: "Stephen O'Neill", dateOfBirth: "2010-11-02"),
        PersonDetails(name: "Aino Lindqvist", knownAs: "Ainsley"),
        PersonDetails(name: "Jo Smith", identifiers: "NHS 943 476 5919"),
        PersonDetails(name: "Mohammed Al-Rashid", dateOfBirth: "2012-01-05"),
        PersonDetails(name: "Олена Коваленко"),
        PersonDetails(name: "Priya Patel-Nakamura-Featherstonehaugh-Worthington"),
    ]

    /// Searches of every shape: whole words, beginnings, one letter changed, added, left out or swapped, sound-alikes,
    /// identifiers, dates typed several ways, and words that find nobody.
    static let searches = [
        "smith", "smi", "s", "zoe", "zo", "zoë smyth", "zoe smithh", "mith", "smythe", "steven", "stephen oneill", "o neill", "neil",
        "aino", "ainsley", "lindquist", "lindkvist", "jo", "joe", "a123", "upn", "943 476", "5919", "mohamed", "al rashid", "rashed",
        "олена", "олина", "коваленко", "patel nakamura", "featherstonehaugh", "worthingtom", "27/03/2014", "2014-03-27", "20101102",
        "5.1.2012", "jones", "b123", "q", "xyz", "", "!!", "smith jones", "zoe jo",
    ]

    @Test("every person a search matches is among the index's candidates for it (the index never hides anyone)")
    func indexFindsEveryMatch() {
        var matched = 0
        for person in Self.people {
            let terms = PersonSearchTerms.indexed(person)
            for search in Self.searches {
                let groups = PersonSearchTerms.searched(search)
                let candidate = !groups.isEmpty && groups.allSatisfy { !$0.isDisjoint(with: terms) }
                if person.matches(search: search) {
                    matched += 1
                    #expect(candidate, "\(search) matches \(person.name) but the index does not offer them")
                }
            }
        }
        // The cases above are not vacuous: many searches match.
        #expect(matched > 40)
    }

    @Test("a search narrows: a word that is in nobody's name finds no candidate")
    func indexNarrows() {
        for search in ["jones", "xyz", "b123", "smith jones"] {
            let groups = PersonSearchTerms.searched(search)
            for person in Self.people {
                let terms = PersonSearchTerms.indexed(person)
                #expect(!groups.allSatisfy { !$0.isDisjoint(with: terms) }, "\(search) offers \(person.name)")
            }
        }
    }

    @Test(
        "near spellings and sound-alikes are found",
        arguments: [
            ("Stephen Smith", "steven", true), ("Aino Lindqvist", "lindkvist", true), ("Mohammed Ali", "mohamed", true),
            ("Robin Testchild", "rboin", true), ("Robin Testchild", "robn", true), ("Robin Testchild", "robbin", true),
            ("Robin Testchild", "rubin", true), ("Robin Testchild", "rachel", false), ("Sam Lee", "tom", false), ("Sam Lee", "sal", true),
        ])
    func nearSpellings(name: String, search: String, found: Bool) {
        #expect(PersonDetails(name: name).matches(search: search) == found)
    }

    @Test("a date of birth typed any way finds the person, only where identifiers may be matched")
    func dateOfBirth() {
        let zoe = Self.people[0]
        for typed in ["2014-03-27", "27/03/2014", "27.3.2014", "20140327"] {
            #expect(zoe.matches(search: typed))
            #expect(!zoe.matches(search: typed, includingIdentifiers: false))
            #expect(PersonSearchTerms.searched(typed) == [["b:2014-03-27"]])
        }
        #expect(!zoe.matches(search: "28/03/2014"))
        #expect(!PersonDetails(name: "No Birthday").matches(search: "27/03/2014"))
    }

    @Test("identifiers are found only where they may be")
    func identifiers() {
        #expect(Self.people[0].matches(search: "a123"))
        #expect(!Self.people[0].matches(search: "a123", includingIdentifiers: false))
    }

    @Test(
        "Soundex, as published",
        arguments: [
            ("robert", "R163"), ("rupert", "R163"), ("rubin", "R150"), ("ashcraft", "A261"), ("ashcroft", "A261"), ("tymczak", "T522"),
            ("pfister", "P236"), ("honeyman", "H555"), ("lee", "L000"),
        ])
    func soundex(word: String, code: String) {
        #expect(PersonSearchTerms.soundex(word) == code)
    }

    @Test("Soundex is nil outside a–z and for one letter")
    func soundexOutside() {
        #expect(PersonSearchTerms.soundex("олена") == nil)
        #expect(PersonSearchTerms.soundex("a") == nil)
        #expect(PersonSearchTerms.soundex("a1") == nil)
    }

    @Test("the duplicate check's candidates hold every likely duplicate of the cases the rule is written for")
    func duplicateCandidates() {
        let pairs = [
            ("Zoë Smith", "Zoe Smyth"), ("Jon Smith", "John Smith"), ("Robin Testchild", "Robyn Testchild"), ("Aino Lindqvist", "Aino Lindquist"),
        ]
        for (existing, typed) in pairs {
            let a = PersonDetails(name: existing), b = PersonDetails(name: typed)
            #expect(b.looksLikeSamePerson(as: a))
            let terms = PersonSearchTerms.indexed(a)
            #expect(PersonSearchTerms.duplicateCheck(b).allSatisfy { !$0.isDisjoint(with: terms) }, "\(typed) → \(existing)")
        }
    }
}
