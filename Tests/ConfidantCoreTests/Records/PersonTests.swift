import ConfidantCore
import Foundation
import Testing

@Suite("People: their details, likely duplicates, search and dates of birth")
struct PersonTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z

    // MARK: Problems with details

    @Test("a name alone is enough; every detail given is kept as written")
    func valid() {
        #expect(PersonDetails(name: "Zebedee Testchild").problems(now: Self.now) == [])
        let details = PersonDetails(
            name: "Zoë Smith", knownAs: "Zo", dateOfBirth: "2014-03-27", contact: "01632 960 000",
            identifiers: "UPN A123")
        #expect(details.problems(now: Self.now) == [])
        #expect(details.knownAs == "Zo" && details.dateOfBirth == "2014-03-27" && details.contact == "01632 960 000")
        #expect(PersonDetails(name: "x") == PersonDetails(name: "x", knownAs: "", dateOfBirth: "", contact: "", identifiers: ""))
    }

    @Test("a blank name is asked for", arguments: ["", " ", "\n\t", "\u{A0}"])
    func blankName(name: String) {
        #expect(
            PersonDetails(name: name).problems(now: Self.now)
                == [RecordFieldError(field: "name", message: "Enter the person's name, or a description if you do not know it")])
    }

    @Test("each field holds 2,000 code points; more is refused on that field, in the form's order")
    func sizes() {
        #expect(PersonDetails.maximumFieldLength == 2_000)
        let limit = String(repeating: "a", count: 2_000), over = limit + "b"
        #expect(PersonDetails(name: limit, knownAs: limit, contact: limit, identifiers: limit).problems(now: Self.now) == [])
        let message = "Keep this to 2,000 characters"
        #expect(
            PersonDetails(name: over, knownAs: over, contact: over, identifiers: over).problems(now: Self.now)
                == ["name", "known_as", "contact", "identifiers"].map { RecordFieldError(field: $0, message: message) })
        #expect(PersonDetails(name: "Sam", contact: over).problems(now: Self.now) == [RecordFieldError(field: "contact", message: message)])
        // A name of 2,001 spaces is both blank and too long.
        #expect(PersonDetails(name: String(repeating: " ", count: 2_001)).problems(now: Self.now).map(\.field) == ["name", "name"])
    }

    static let formatMessage = "Enter the date of birth like 27/03/2014 or 2014-03-27"

    @Test(
        "a date of birth is read strictly, not in the future, and from 1900 on",
        arguments: [
            ("2014-03-27", nil),
            ("2024-02-29", nil),
            ("1900-01-01", nil),
            ("2026-11-18", nil),  // born today
            ("2026-11-19", "The date of birth cannot be in the future"),
            ("2999-01-01", "The date of birth cannot be in the future"),
            ("1899-12-31", "Check the year of the date of birth"),
            ("0001-01-01", "Check the year of the date of birth"),
            ("2023-02-29", formatMessage),
            ("2026-02-30", formatMessage),
            ("2026-04-31", formatMessage),
            ("2026-13-01", formatMessage),
            ("2026-00-10", formatMessage),
            ("2026-01-00", formatMessage),
            ("27/03/2014", formatMessage),
            ("2014-3-27", formatMessage),
            ("2014-03-27 ", formatMessage),
            ("20140327", formatMessage),
            ("2014-03-27T00:00", formatMessage),
            ("yesterday", formatMessage),
        ] as [(String, String?)])
    func dateOfBirth(text: String, message: String?) {
        #expect(
            PersonDetails(name: "Sam", dateOfBirth: text).problems(now: Self.now)
                == (message.map { [RecordFieldError(field: "date_of_birth", message: $0)] } ?? []))
    }

    // MARK: Likely duplicates

    struct SameCase: Sendable, CustomTestStringConvertible {
        let a: PersonDetails
        let b: PersonDetails
        let same: Bool
        init(_ a: String, _ b: String, _ same: Bool) { self.init(a, "", b, "", same) }
        init(_ a: String, _ aBirth: String, _ b: String, _ bBirth: String, _ same: Bool) {
            self.a = PersonDetails(name: a, dateOfBirth: aBirth)
            self.b = PersonDetails(name: b, dateOfBirth: bBirth)
            self.same = same
        }
        var testDescription: String { "\(a.name) \(a.dateOfBirth) ~ \(b.name) \(b.dateOfBirth): \(same)" }
    }

    @Test(
        "the same name (ignoring case, accents, spacing and punctuation) with a compatible date of birth is the same person",
        arguments: [
            SameCase("Zoe Smith", "Zoe Smith", true),
            SameCase("Zoë Smith", "zoe SMITH", true),
            SameCase("Zoe  Smith", "Zoe Smith", true),
            SameCase("Kayden O'Neill", "Kayden O Neill", true),
            SameCase("Zoe Smith", "2014-03-27", "Zoe Smith", "2014-03-27", true),
            SameCase("Zoe Smith", "2014-03-27", "Zoe Smith", "", true),
            SameCase("Zoe Smith", "", "Zoe Smith", "2014-03-27", true),
            SameCase("Zoe Smith", "2014-03-27", "Zoe Smith", "2015-03-27", false),
        ])
    func sameName(c: SameCase) {
        #expect(c.a.looksLikeSamePerson(as: c.b) == c.same)
        #expect(c.b.looksLikeSamePerson(as: c.a) == c.same)
    }

    @Test(
        "names of eight characters or more may differ by two edits, shorter ones by one",
        arguments: [
            SameCase("Jon Smith", "John Smith", true),
            SameCase("Jonathan Smith", "Johnathan Smyth", true),
            SameCase("Jonathan Smith", "Jonothon Smyth", false),
            SameCase("Ami Rosa", "Amy Ross", true),  // eight characters, two edits
            SameCase("Ami Rob", "Amy Roe", false),  // seven characters, two edits
            SameCase("Amy Roe", "Amy Rob", true),  // seven characters, one edit
            SameCase("Ann", "Anna", true),
            SameCase("Ann", "Anya", false),
            SameCase("Kayden O'Neill", "Kayden ONeill", true),
            SameCase("Jon Smith", "2014-03-27", "John Smith", "2014-03-28", false),
            SameCase("Jon Smith", "2014-03-27", "John Smith", "", true),
            SameCase("Sam Smith", "Priya Patel", false),
        ])
    func closeNames(c: SameCase) {
        #expect(c.a.looksLikeSamePerson(as: c.b) == c.same)
        #expect(c.b.looksLikeSamePerson(as: c.a) == c.same)
    }

    @Test("a name with no letters or digits matches nobody, not even itself", arguments: ["", "   ", "!!!", "-", "'"])
    func emptyNames(name: String) {
        #expect(!PersonDetails(name: name).looksLikeSamePerson(as: PersonDetails(name: name)))
        #expect(!PersonDetails(name: name).looksLikeSamePerson(as: PersonDetails(name: "Sam")))
        #expect(!PersonDetails(name: "Sam").looksLikeSamePerson(as: PersonDetails(name: name)))
    }

    // MARK: Search

    static let zoe = PersonDetails(name: "Zoë Smith", knownAs: "Zo", identifiers: "UPN A123-456")

    @Test(
        "a search finds the beginnings of the name's words, the known-as name or an identifier, a word with one letter wrong or one that sounds alike",
        arguments: [
            ("smith", true), ("ZOE", true), ("zoë smi", true), ("Zo", true), ("a123", true), ("upn a123", true), ("A123 456", true),
            ("zoe smyth", true), ("zoe smit", true), ("zoe smithh", true), ("mith", true),
            // Sounds like Smith (Soundex S530), though two letters off.
            ("zoe smythe", true),
            ("jones", false), ("b123", false), ("ith", false), ("zoe jones", false), ("oe", false), ("123", false),
            ("", false), ("   ", false), ("!?", false),
        ])
    func search(query: String, found: Bool) {
        #expect(Self.zoe.matches(search: query) == found)
    }

    // MARK: Calendar days

    @Test("a calendar day starts at midnight UTC")
    func calendarDayStart() throws {
        let day = try #require(CalendarDay("1970-01-02"))
        #expect(day.year == 1970 && day.month == 1 && day.day == 2)
        #expect(day.start == Date(timeIntervalSince1970: 86_400))
        #expect(try #require(CalendarDay("2026-11-18")).start == Date(timeIntervalSince1970: 1_795_000_000 - 40_000))
        #expect(try #require(CalendarDay("2024-02-29")).start == Date(timeIntervalSince1970: 1_709_164_800))
    }

    @Test("calendar days order by date, and equal text is an equal day")
    func calendarDayOrder() throws {
        let a = try #require(CalendarDay("2013-12-31")), b = try #require(CalendarDay("2014-01-01"))
        #expect(a < b && !(b < a) && !(a < a))
        #expect(CalendarDay("2014-01-01") == b)
        #expect([b, a].sorted() == [a, b])
    }

    @Test(
        "no rollover, no loose shapes",
        arguments: [
            "2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-01", "2026-01-00", "2026-1-01", "26-01-01",
            "2026/01/01", "2026-01-01Z", "", "----------", "abcd-ef-gh", "2026--01-01",
        ])
    func calendarDayRefused(text: String) {
        #expect(CalendarDay(text) == nil)
    }

    @Test("a sign is not a digit: a part written with + is refused", arguments: ["2014-+3-27", "2014-03-+7", "+014-03-27"])
    func calendarDaySigns(text: String) {
        // Int("+3") is 3, so these read as real dates and a person's stored date of birth can be
        // "2014-+3-27", which never equals "2014-03-27" when duplicates are compared.
        #expect(CalendarDay(text) == nil)

    }

    // MARK: The person as the redactor knows them

    @Test(
        "a child is known to the redactor as a child, anyone else as an adult; the known-as name is an alias",
        arguments: [
            (PersonKind.child, PersonRole.child), (.adultAtRisk, .adult), (.adult, .adult),
        ])
    func knownPerson(kind: PersonKind, role: PersonRole) {
        let person = Person(
            id: UUID(), kind: kind, details: PersonDetails(name: "Kayden O'Neill", knownAs: "Kay"),
            createdBy: UUID(), createdAt: Self.now)
        #expect(person.knownPerson == KnownPerson(name: "Kayden O'Neill", role: role, aliases: ["Kay"]))
        let plain = Person(id: UUID(), kind: kind, details: PersonDetails(name: "Kayden O'Neill"), createdBy: UUID(), createdAt: Self.now)
        #expect(plain.knownPerson == KnownPerson(name: "Kayden O'Neill", role: role, aliases: []))
    }

    @Test("a link keeps the person and how they relate")
    func link() {
        let parent = Person(id: UUID(), kind: .adult, details: PersonDetails(name: "Pat Parent"), createdBy: UUID(), createdAt: Self.now)
        let link = PersonLink(person: parent, relationship: .parentCarer)
        #expect(link.person == parent && link.relationship == .parentCarer)
        #expect(link != PersonLink(person: parent, relationship: .household))
    }

    @Test("person details survive JSON (how they are sealed)")
    func detailsCoding() throws {
        let decoded = try JSONDecoder().decode(PersonDetails.self, from: JSONEncoder().encode(Self.zoe))
        #expect(decoded == Self.zoe)
    }
}
