import Testing

@testable import ConfidantCore

/// Redacts `text` with nobody known and returns the replaced substrings with their types.
private func spans(_ text: String) -> [(String, RedactionType)] {
    let result = Redactor().redact(text)
    let scalars = Array(text.unicodeScalars)
    return result.spans.map { (String(String.UnicodeScalarView(scalars[$0.start..<$0.end])), $0.type) }
}

/// Whether `part` of `text` is wholly inside one redacted span of type `type`.
private func redacts(_ text: String, _ part: String, as type: RedactionType) -> Bool {
    spans(text).contains { $0.1 == type && $0.0.contains(part) }
}

/// Whether no redacted span touches `part` of `text`.
private func keeps(_ text: String, _ part: String) -> Bool {
    !spans(text).contains { $0.0.contains(part) || part.contains($0.0) }
}

/// Phone numbers by structure, in other countries' and other writers' formats (docs/redaction.md).
struct WiderPhoneNumberTests {
    @Test(arguments: [
        "+48 601 234 567", "+40 (0)21 312 45 67", "+358 40 123 4567", "+1 (312) 555-0142", "+252 61 234 5678",
        "0048 601 234 567", "+33 6 12 34 56 78", "+4915112345678",
    ])
    func internationalNumbersWithAnyCountryCodeAreFound(_ number: String) {
        #expect(spans("Her cousin uses \(number) now.").map(\.0) == [number])
        #expect(spans("Her cousin uses \(number) now.").map(\.1) == [.phone])
    }

    @Test(arguments: ["0612 34 56 78", "06 12 34 56 78", "0301/2345678", "(21) 555-019", "31-42-77-05", "31.42.77.05"])
    func nationalFormatsAreFoundByTheirGrouping(_ number: String) {
        #expect(spans("She gave \(number) to the school.").map(\.0) == [number])
    }

    @Test(arguments: [
        ("Phone: 318 2264", "318 2264"), ("ring me on 845 120 366", "845 120 366"),
        ("texts to 2211 4567 after six", "2211 4567"), ("Tel. 551-2290", "551-2290"),
        ("his mobile is 41 222 333", "41 222 333"),
    ])
    func shortNumbersAfterAPhoneWordAreFound(_ text: String, _ number: String) {
        #expect(redacts(text, number, as: .phone))
    }

    @Test(arguments: [
        "The rent is €4 250 a year.", "She paid 1 250 zł for the phone.", "Seen on 06 09 2024 at home.",
        "Meeting on 15.03.2025 at 10.30.", "The flight landed on 2025-03-15.", "She scored 45 out of 100.",
        "Between 3 and 7 pupils were absent in Year 9.", "He is 172 cm tall and weighs 61 kg.",
    ])
    func amountsDatesAndCountsAreNotPhoneNumbers(_ text: String) {
        #expect(!spans(text).contains { $0.1 == .phone })
    }

    @Test func aPhoneWordInAnotherSentenceDoesNotMakeANumberAPhone() {
        #expect(!spans("She lost her phone. 312 pupils were in the hall.").contains { $0.1 == .phone })
    }
}

/// Street addresses, units, PO boxes and postal codes abroad (docs/redaction.md).
struct WiderAddressTests {
    @Test(arguments: [
        "Mäkikatu 14", "Rua das Flores 212", "Ulica Długa 7", "ul. Długa 7/5", "Hauptstraße 12", "Kungsgatan 44",
        "Storgata 4", "Kerkstraat 5", "Brīvības iela 12", "Gedimino pr. 9", "Váci út 3", "3 rue de la Paix",
        "Calle Mayor 5", "Strada Lipscani nr. 12", "Avenida Paulista, 578", "Taleex Road 221", "742 Elm St",
    ])
    func streetsWithTheNumberBeforeOrAfterAreFound(_ address: String) {
        #expect(spans("They live at \(address) now.").map(\.0) == [address])
        #expect(spans("They live at \(address) now.").map(\.1) == [.address])
    }

    @Test(arguments: ["Apt. 12", "Suite 40", "Flat 3", "apt 7", "PO Box 2231", "P.O. Box 17", "Postfach 1234", "Caixa Postal 88"])
    func unitsAndPostOfficeBoxesAreFound(_ unit: String) {
        #expect(spans("Send it to \(unit), please.").map(\.0) == [unit])
        #expect(spans("Send it to \(unit), please.").map(\.1) == [.address])
    }

    @Test(arguments: [
        ("00120 Helsinki", "00120"), ("0150 Oslo", "0150"), ("010011 București", "010011"), ("00-950 Warszawa", "00-950"),
        ("1200-195 Lisboa", "1200-195"), ("01310-100 São Paulo", "01310-100"), ("114 55 Stockholm", "114 55"),
        ("1012 AB Amsterdam", "1012 AB"), ("LT-01100 Vilnius", "LT-01100"), ("Springfield, IL 62704", "62704"),
    ])
    func postalCodesWithTheirTownAreFoundAndTheTownStays(_ text: String, _ code: String) {
        let found = spans("Address: \(text).")
        #expect(found.contains { $0.0 == code && $0.1 == .postcode })
        #expect(!found.contains { $0.1 == .postcode && $0.0 != code })
    }

    @Test(arguments: [
        "In 2019 Mum moved to Porto.", "They arrived in 2021 from Riga.", "Room 4 is free on Monday.",
        "The bus 114 goes to Tartu.", "About 1500 people live there.",
    ])
    func yearsRoomsAndCountsAreNotAddresses(_ text: String) {
        #expect(spans(text).isEmpty)
    }

    @Test func anAddressSplitOverLinesIsFoundLineByLine() {
        let text = "Aino Mäkinen\nMäkikatu 14\n00120 Helsinki\nFinland"
        let found = spans(text)
        #expect(found.contains { $0.0 == "Mäkikatu 14" && $0.1 == .address })
        #expect(found.contains { $0.0 == "00120" && $0.1 == .postcode })
        #expect(keeps(text, "Helsinki"))
    }
}

/// People outside any gazetteer, found by cue phrases, lists, initials and capitals (docs/redaction.md).
struct WiderNameTests {
    @Test(arguments: [
        ("My name is Aino and I need help.", "Aino"), ("Name: Haruto Sato\nAge: 15", "Haruto Sato"),
        ("Surname? Lindqvist. First name? Tove.", "Lindqvist"), ("my name is zorvek", "zorvek"),
        ("Hi Bryony, sorry for the late reply.", "Bryony"), ("Regards,\nKelvaro Tusimi", "Kelvaro Tusimi"),
        ("Hi, I'm Taroveli, I was told to message you.", "Taroveli"), ("This is Antoniu from the flat upstairs.", "Antoniu"),
        ("We spoke to marek nowak yesterday.", "marek nowak"), ("Later we met Zorvana at the shop.", "Zorvana"),
        ("She went round to Kelsimo after school.", "Kelsimo"),
    ])
    func cuePhrasesNameAPerson(_ text: String, _ name: String) {
        #expect(redacts(text, name, as: .person))
    }

    @Test func everyNameInAListIsFound() {
        let text = "The group is run by three friends: Nagy, Fischer and Duarte."
        for name in ["Nagy", "Fischer", "Duarte"] { #expect(redacts(text, name, as: .person), "\(name)") }
        let invented = "Present: Kalovi, Rusamir and Tezomi."
        for name in ["Kalovi", "Rusamir", "Tezomi"] { #expect(redacts(invented, name, as: .person), "\(name)") }
    }

    @Test(arguments: ["Olena V. Kovalenko", "J. Kowal", "F.T. Solis", "Julio W. Pedro"])
    func namesWithInitialsAreFoundWhole(_ name: String) {
        #expect(spans("The form was signed by \(name).").map(\.0) == [name])
    }

    @Test(arguments: ["Lindqvist's brother", "Tezomi's phone", "Warsame’s mum"])
    func aPossessiveBeforeWhatAPersonHasIsAPerson(_ phrase: String) {
        let name = String(phrase.prefix { $0 != "'" && $0 != "’" })
        #expect(redacts("Police checked \(phrase) today.", name, as: .person))
    }

    @Test(arguments: [
        "Abdirahman Warsame", "Hodan Farah", "Ionuț Popescu", "Tiit Tamm", "Jānis Bērziņš", "Aistė Kazlauskienė",
        "Sipho Dlamini", "Lindiwe Nkosi", "Akira Sato", "Olena Kovalenko", "Agnieszka Wójcik", "João Ferreira",
    ])
    func namesFromManyFamiliesAreInTheGazetteer(_ name: String) {
        #expect(spans("Yesterday \(name) came to the office.").map(\.0) == [name])
    }

    @Test(arguments: [
        ("We spoke about the plans for the Summer holidays.", "Summer"), ("She has a Rose Gold phone case.", "Rose"),
        ("The Bill for the gas is overdue.", "Bill"), ("May I ask whether the meeting is on?", "May"),
        ("There is a Grace period of two weeks.", "Grace"), ("Will the school call back today?", "Will"),
        ("They met near Victoria Station.", "Victoria"), ("They flew from Gdańsk to Malmö.", "Gdańsk"),
        ("Her grandmother lives in Kraków.", "Kraków"),
    ])
    func wordsThatAreAlsoNamesAndPlacesStayWithoutACue(_ text: String, _ word: String) {
        #expect(keeps(text, word))
    }

    @Test(arguments: [
        ("Hi Grace, can you call me?", "Grace"), ("Her sister Rose said no.", "Rose"), ("We met Will at the gate.", "Will"),
        ("Mr Bill came at six.", "Bill"),
    ])
    func aCueMakesAWordThatIsAlsoANameAPerson(_ text: String, _ word: String) {
        #expect(redacts(text, word, as: .person))
    }
}
