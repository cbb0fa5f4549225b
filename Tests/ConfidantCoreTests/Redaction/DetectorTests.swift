import Testing

@testable import ConfidantCore

/// Redacts `text` and returns the replaced substrings with their types, for compact expectations.
private func found(_ text: String, people: [KnownPerson] = [], organisations: [String] = []) -> [(String, RedactionType)] {
    let result = Redactor().redact(text, people: people, organisations: organisations)
    let scalars = Array(text.unicodeScalars)
    return result.spans.map { (String(String.UnicodeScalarView(scalars[$0.start..<$0.end])), $0.type) }
}

private func types(_ text: String) -> [RedactionType] { found(text).map(\.1) }

struct NHSNumberDetectorTests {
    @Test(arguments: ["943 476 5919", "9434765919", "943-476-5919", "401 023 2137"])
    func validCheckDigitIsAnNHSNumber(_ number: String) {
        #expect(NHSNumberDetector.isValid(number))
        #expect(found("NHS number \(number).").map(\.0) == [number])
        #expect(types("NHS number \(number).") == [.nhsNumber])
    }

    @Test(arguments: ["943 476 5918", "401 023 2130"])
    func wrongCheckDigitIsOnlyAnIdentifier(_ number: String) {
        #expect(!NHSNumberDetector.isValid(number))
        #expect(types("NHS number \(number).") == [.otherIdentifier])
    }

    @Test func checkDigitOfTenIsNeverValid() {
        // 1234567890: weights give 11 - (sum % 11) == 10, which no NHS number carries.
        #expect(!NHSNumberDetector.isValid("123 456 7890"))
    }
}

struct NationalInsuranceNumberDetectorTests {
    @Test(arguments: ["JG 10 37 82 A", "JG103782A", "jg103782a", "AB 123456 C", "CE 12 34 56 D"])
    func validNumbersAreFound(_ number: String) {
        #expect(NationalInsuranceNumberDetector.isValid(number))
        #expect(found("NI \(number) noted").map(\.1) == [.niNumber])
        #expect(found("NI \(number) noted").map(\.0) == [number])
    }

    @Test(arguments: [
        "DA123456A", "AD123456A", "AO123456A", "BG123456A", "GB123456A", "NK123456A", "TN123456A", "ZZ123456A", "QQ123456C", "JG123456E", "JG123456",
    ])
    func invalidPrefixesAndSuffixesAreNotNINumbers(_ number: String) {
        #expect(!NationalInsuranceNumberDetector.isValid(number))
        // Still redacted: a pattern this close to an NI number is an identifier.
        #expect(types("ref \(number) noted") == [.otherIdentifier])
    }
}

struct PostcodeDetectorTests {
    @Test(arguments: ["M1 1AE", "M60 1NW", "CR2 6XH", "DN55 1PT", "W1A 1HQ", "EC1A 1BB", "GIR 0AA", "m14 5rt", "SW1A1AA"])
    func everyFormatIsFound(_ postcode: String) {
        #expect(found("Lives in Leeds \(postcode) now").map(\.0) == [postcode])
        #expect(types("Lives in Leeds \(postcode) now") == [.postcode])
    }

    @Test(arguments: ["Q1 1AA", "AI1 1AA", "M1 1CA", "M1 1AI", "W1I 1AA", "EC1C 1AA"])
    func lettersRoyalMailNeverUsesAreRejected(_ text: String) {
        #expect(!types("at \(text) today").contains(.postcode))
    }
}

struct PhoneNumberDetectorTests {
    @Test(arguments: [
        "07700 900123", "07700-900-123", "07700900123", "+44 7700 900123", "+44 (0)7700 900123",
        "0161 496 0123", "020 7946 0018", "01632 960123", "+44 20 7946 0018", "0044 7700 900123", "+447700900123",
    ])
    func ukNumbersAreFound(_ number: String) {
        #expect(found("Call \(number) today").map(\.0) == [number])
        #expect(types("Call \(number) today") == [.phone])
    }

    @Test func bracketedAreaCodeIsFound() {
        #expect(found("Call (0161) 496 0123 today").map(\.0) == ["(0161) 496 0123"])
    }

    @Test(arguments: ["07/03/2024", "0161 496", "06 09 2024", "0412 3456 7890 12"])
    func datesAndShortOrLongNumbersAreNotPhones(_ text: String) {
        #expect(!types("On \(text) it rang").contains(.phone))
    }
}

struct EmailAndURLDetectorTests {
    @Test func emailIsFoundWithoutTheFullStop() {
        #expect(found("Email jo.bloggs+x@mail.example.co.uk.").map(\.0) == ["jo.bloggs+x@mail.example.co.uk"])
        #expect(types("Email jo@example.com now") == [.email])
    }

    @Test(arguments: ["https://www.example.org/u/abc?id=4", "www.example.org/profile", "tiktok.com/@kez12", "example.co.uk"])
    func urlsAreFound(_ url: String) {
        #expect(found("See \(url). Then").map(\.0) == [url])
        #expect(types("See \(url). Then") == [.url])
    }

    @Test func abbreviationsAreNotURLs() {
        #expect(types("Staff, e.g. the DSL, i.e. Mum.").isEmpty)
    }
}

struct DateOfBirthDetectorTests {
    @Test(arguments: [
        ("DOB 12/03/2015", "12/03/2015"), ("date of birth: 12.03.2015", "12.03.2015"),
        ("born on 3 March 2014", "3 March 2014"), ("D.O.B. 2015-03-12", "2015-03-12"),
        ("born in May 2015", "May 2015"), ("aged 9 (12/03/2015)", "12/03/2015"), ("d.o.b 3/4/15", "3/4/15"),
    ])
    func datesAfterACueAreDatesOfBirth(_ text: String, _ date: String) {
        #expect(found("The child, \(text), was seen.").map(\.0) == [date])
        #expect(types("The child, \(text), was seen.") == [.dateOfBirth])
    }

    @Test(arguments: ["On 12/03/2024 Mum rang.", "Seen on Tuesday 5th March at 10:30.", "Meeting on March 3, 2025."])
    func eventDatesStay(_ text: String) {
        #expect(types(text).isEmpty)
    }
}

struct AddressDetectorTests {
    @Test(arguments: [
        "14 Oakfield Road", "Flat 2, 14 Oakfield Road", "14a Hollins Street", "Flat 7B Hawthorn Court", "Oakfield Road",
        "221 Windermere Rd", "3 Millbrook Cl", "Bolton Road",
    ])
    func addressesAreFound(_ address: String) {
        #expect(found("They live at \(address), Manchester.").map(\.0) == [address])
        #expect(types("They live at \(address), Manchester.") == [.address])
    }

    @Test func placesAndTownsStay() {
        #expect(types("They met in the park in Manchester near the road.").isEmpty)
    }
}

struct OtherIdentifierDetectorTests {
    @Test(arguments: ["CR-2024-0153", "MASH/24/00123", "AB12 CDE", "AB12CDE", "A123 BCD", "14/415653/22"])
    func referencesAndPlatesAreFound(_ id: String) {
        #expect(found("Noted \(id) today.").map(\.0) == [id])
        #expect(types("Noted \(id) today.") == [.otherIdentifier])
    }

    @Test func cueMakesANumberAReference() {
        #expect(found("Police ref: 448812 given.").map(\.0) == ["448812"])
    }

    @Test(arguments: ["Seen at 10am in Year 10.", "Took 500mg at 3pm.", "On the 21st, in 2024.", "It cost £250 for 24/7 care."])
    func quantitiesTimesAndYearsStay(_ text: String) {
        #expect(types(text).isEmpty)
    }
}

struct OrganisationDetectorTests {
    @Test func listedOrganisationIsFoundInAnyCaseAndShortForm() {
        let orgs = ["Oakfield Primary School"]
        #expect(found("Attends oakfield primary school.", organisations: orgs).map(\.0) == ["oakfield primary school"])
        #expect(found("At Oakfield on Monday.", organisations: orgs).map(\.0) == ["Oakfield"])
    }

    @Test(arguments: ["Riverside Youth Club", "St Mary's Catholic Primary School", "Westfield Academy", "Longford FC", "Clayton Health Centre"])
    func patternedNamesAreFound(_ name: String) {
        #expect(found("Goes to \(name) weekly.").map(\.0) == [name])
        #expect(types("Goes to \(name) weekly.") == [.organisation])
    }

    @Test func genericPlacesStay() {
        #expect(types("Goes to the Primary School and the GP Surgery. Children's Social Care know.").isEmpty)
        #expect(types("She goes to Breakfast Club and Forest School; the case is at the Crown Court and the Family Court.").isEmpty)
        #expect(types("They met in the Town Centre near the Leisure Centre and the Job Centre.").isEmpty)
    }
}

struct KnownPersonDetectorTests {
    let people = [
        KnownPerson(name: "Kayden O'Neill", role: .child, aliases: ["KJ"]),
        KnownPerson(name: "Dana O'Neill", role: .parentCarer),
        KnownPerson(name: "Sam Price", role: .staff),
    ]

    @Test(arguments: ["Kayden O'Neill", "Kayden", "kayden", "KAYDEN", "KJ", "kayden o'neill", "Kayden’s"])
    func everyFormOfAKnownNameIsChildA(_ form: String) {
        let result = Redactor().redact("Then \(form) left.", people: people)
        #expect(result.spans.count == 1)
        #expect(result.spans.first?.replacement == "Child A")
        #expect(!result.text.lowercased().contains("kayden"))
    }

    @Test(arguments: ["Zoe", "ZOË", "zoë"])
    func accentsAndCaseFoldForKnownNames(_ form: String) {
        let people = [KnownPerson(name: "Zoë Łukasik", role: .child)]
        #expect(Redactor().redact("\(form) and Lukasik", people: people).text == "Child A and Child A")
    }

    @Test(arguments: ["Aaliyah-Rose", "Aaliyah Rose", "Aaliyah", "aaliyah rose", "O Neill", "ONeill", "o'neill"])
    func otherSpellingsOfHyphenAndApostropheNames(_ form: String) {
        let people = [KnownPerson(name: "Aaliyah-Rose O'Neill", role: .child)]
        #expect(Redactor().redact("Then \(form) left.", people: people).text == "Then Child A left.")
    }

    @Test func possessiveKeepsItsApostropheS() {
        #expect(Redactor().redact("Kayden's bag", people: people).text == "Child A's bag")
    }

    @Test func titleWithSharedSurnamePointsAtTheAdult() {
        let result = Redactor().redact("Mrs O'Neill said Kayden was hurt.", people: people)
        #expect(result.text == "Parent/Carer A said Child A was hurt.")
    }

    @Test func rolesGiveTheirStems() {
        let result = Redactor().redact("Sam Price met Dana O'Neill.", people: people)
        #expect(result.text == "Staff member A met Parent/Carer A.")
    }

    @Test func titleRecordedWithTheNameIsNotANameAlone() {
        let people = [KnownPerson(name: "Mrs Dana Hart", role: .parentCarer)]
        #expect(Redactor().redact("Mrs Okafor met Mrs Hart and Dana.", people: people).text == "Person A met Parent/Carer A and Parent/Carer A.")
    }

    @Test func middleNameTheRecordLacksGivesOnePseudonym() {
        #expect(Redactor().redact("Kayden Jay O'Neill came.", people: people).text == "Child A came.")
        #expect(Redactor().redact("Kayden and O'Neill", people: people).text == "Child A and Child A")
    }

    @Test func relativeSharingTheSurnameIsSomeoneElse() {
        let result = Redactor().redact("Then Jorah O'Neill came.", people: people)
        #expect(result.text == "Then Person A came.")
    }
}

struct NameCueDetectorTests {
    @Test(arguments: [
        ("her brother Tyler was there", "Tyler"), ("a man called Zeb Quill came", "Zeb Quill"),
        ("They saw Mr Okafor.", "Mr Okafor"), ("Later Zephyrine said no.", "Zephyrine"),
        ("known as Kez", "Kez"), ("a lad known as zeeb gave it", "zeeb"), ("nicknamed bex by them", "bex"),
        ("with Mohammed Ali today", "Mohammed Ali"), ("Then Mr Bolton rang.", "Mr Bolton"),
        ("met Bates-Mason there", "Bates-Mason"), ("met Iñaki there", "Iñaki"),
        ("The duty social worker, Bronwen Pryce, advised.", "Bronwen Pryce"),
        ("A neighbour, Mrs P. Kowalczyk, heard it.", "Mrs P. Kowalczyk"), ("Then J. R. Smith came.", "J. R. Smith"),
        ("His dad Stuart Denton came.", "Stuart Denton"),
    ])
    func namesFoundFromCues(_ text: String, _ name: String) {
        #expect(found(text).map(\.0) == [name])
        #expect(types(text) == [.person])
    }

    @Test(arguments: [
        "Mum told the Police on Monday in May.", "She called back and called the police.",
        "They moved from Denton to Hyde, near Stalybridge.", "Will staff follow up after Easter?",
        "The Social Worker and the DSL met CAMHS.", "She said Dad and Nan were at the park in Manchester.",
    ])
    func ordinaryCapitalisedWordsStay(_ text: String) {
        #expect(types(text).isEmpty)
    }
}

struct PseudonymiserTests {
    @Test(arguments: [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
    func lettersRunLikeSpreadsheetColumns(_ n: Int, _ letters: String) {
        #expect(Pseudonymiser.letters(n) == letters)
    }

    @Test func unknownPeopleKeepTheirLetterWithinAText() {
        let result = Redactor().redact("Tyler Brook came. Tyler left. Then Mr Okafor came and Tyler went.")
        #expect(result.text == "Person A came. Person A left. Then Person B came and Person A went.")
    }

    @Test func unknownLettersFollowTheRecordsOtherPeople() {
        let people = [KnownPerson(name: "Lee Vance", role: .other)]
        #expect(Redactor().redact("Lee Vance and her brother Tyler.", people: people).text == "Person A and her brother Person B.")
    }

    @Test func carriedPseudonymiserKeepsLettersAcrossTexts() {
        var pseudonyms = Pseudonymiser()
        let first = Redactor().redact("Mr Okafor and Tyler Brook.", people: [], organisations: [], pseudonyms: &pseudonyms)
        let second = Redactor().redact("Tyler rang.", people: [], organisations: [], pseudonyms: &pseudonyms)
        #expect(first.text == "Person A and Person B.")
        #expect(second.text == "Person B rang.")
    }
}

struct RedactorMergeTests {
    @Test func spansAreSortedAndDoNotOverlap() {
        let text = "Kayden (DOB 01/02/2015) at 14 Oakfield Road, M14 5RT, 07700 900123, kayden@example.com"
        let spans = Redactor().redact(text, people: [KnownPerson(name: "Kayden Hart", role: .child)]).spans
        #expect(spans.map(\.type) == [.person, .dateOfBirth, .address, .postcode, .phone, .email])
        for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.end <= b.start) }
    }

    @Test func offsetsAreUnicodeCodePoints() {
        // "Zoë 👍 " is 6 code points (7 UTF-16 units, 10 bytes) before the number.
        let result = Redactor().redact("Zoë 👍 07700 900123")
        #expect(result.spans.last?.start == 6)
        #expect(result.spans.last?.end == 18)
    }
}
