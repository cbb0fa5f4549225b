import Foundation

/// The identifying details of a person a record is about; stored only encrypted.
public struct PersonDetails: Codable, Sendable, Equatable {
    public var name: String
    public var knownAs: String
    /// Date of birth as YYYY-MM-DD, or empty when not known.
    public var dateOfBirth: String
    /// Where the person lives, as written (lines or commas between parts).
    public var address: String
    /// The school, college or club the person attends.
    public var schoolOrClub: String
    /// The team, class or session the organisation's register puts them in.
    public var group: String
    /// A phone number or email for the person, as written.
    public var contact: String
    /// Other identifiers (NHS number, case references), as written.
    public var identifiers: String

    public init(
        name: String, knownAs: String = "", dateOfBirth: String = "", address: String = "", schoolOrClub: String = "",
        group: String = "", contact: String = "", identifiers: String = ""
    ) {
        self.group = group
        self.name = name
        self.knownAs = knownAs
        self.dateOfBirth = dateOfBirth
        self.address = address
        self.schoolOrClub = schoolOrClub
        self.contact = contact
        self.identifiers = identifiers
    }

    enum CodingKeys: String, CodingKey { case name, knownAs, dateOfBirth, address, schoolOrClub, group, contact, identifiers }

    /// Reads details sealed before the address and school were asked for: those are empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        knownAs = try container.decodeIfPresent(String.self, forKey: .knownAs) ?? ""
        dateOfBirth = try container.decodeIfPresent(String.self, forKey: .dateOfBirth) ?? ""
        address = try container.decodeIfPresent(String.self, forKey: .address) ?? ""
        schoolOrClub = try container.decodeIfPresent(String.self, forKey: .schoolOrClub) ?? ""
        group = try container.decodeIfPresent(String.self, forKey: .group) ?? ""
        contact = try container.decodeIfPresent(String.self, forKey: .contact) ?? ""
        identifiers = try container.decodeIfPresent(String.self, forKey: .identifiers) ?? ""
    }

    /// Last words that name a street or a house rather than a town.
    static let placeWords: Set<String> = [
        "road", "rd", "street", "st", "lane", "ln", "avenue", "ave", "close", "drive", "dr", "way", "court", "ct", "place", "crescent",
        "grove", "gardens", "terrace", "hill", "row", "walk", "square", "mews", "parade", "view", "rise", "green", "park", "cottage",
        "cottages", "house", "farm", "rectory", "lodge", "flat", "flats", "apartment", "apartments", "block", "estate", "yard",
    ]

    /// The town of the address: the last part that has no digits once a postcode is taken off, or nil.
    ///
    /// A de-identified share says where a person lives only this broadly ([Limited confidentiality]:
    /// discussed without identifying them): "12 Acacia Road, Testtown, TT1 2AB" gives "Testtown".
    public var town: String? {
        let parts = address.split(whereSeparator: { $0 == "," || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // A single line may be a house or a street as well as a town: too unsure to give.
        guard parts.count >= 2 else { return nil }
        for part in parts.reversed() {
            let words = part.split(separator: " ")
            let named = words.prefix { !$0.contains(where: \.isNumber) }
            // A street or a house, not a town ("Mill Lane", "Rose Cottage"): keep looking, and give nothing if that is all.
            if let last = named.last, Self.placeWords.contains(last.lowercased()) { continue }
            if named.count == words.count { return part }
            // "Testtown TT1 2AB": the words before a postcode at the end of the part.
            let rest = words.dropFirst(named.count)
            let postcode = rest.allSatisfy { part in
                part.count <= 4 && part.contains(where: \.isLetter) && part.contains(where: \.isNumber)
                    && part.allSatisfy { $0.isLetter || $0.isNumber }
            }
            if !named.isEmpty, rest.count <= 2, postcode {
                return named.joined(separator: " ")
            }
        }
        return nil
    }
}

/// Someone a safeguarding record is about, or a member of their family or household.
public struct Person: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var kind: PersonKind
    public var details: PersonDetails
    public var createdBy: UUID
    public var createdAt: Date
    /// Whether the person is in the organisation's directory, which every recorder can search to record a concern
    /// about them; people named only inside a record (a relative, someone alleged to have harmed) are not.
    public var inDirectory: Bool

    public init(id: UUID, kind: PersonKind, details: PersonDetails, createdBy: UUID, createdAt: Date, inDirectory: Bool = false) {
        self.inDirectory = inDirectory
        self.id = id
        self.kind = kind
        self.details = details
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// A person's details as they were before a correction, who corrected them and when.
public struct PersonCorrection: Sendable, Equatable {
    public var kind: PersonKind
    public var before: PersonDetails
    public var changedBy: UUID
    public var changedAt: Date

    public init(kind: PersonKind, before: PersonDetails, changedBy: UUID, changedAt: Date) {
        self.kind = kind
        self.before = before
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}

extension PersonDetails {
    /// The fields that differ from `other`, by the names the person form gives them.
    public func changedFields(from other: PersonDetails) -> [String] {
        var changed: [String] = []
        if name != other.name { changed.append("name") }
        if knownAs != other.knownAs { changed.append("known as") }
        if dateOfBirth != other.dateOfBirth { changed.append("date of birth") }
        if address != other.address { changed.append("address") }
        if schoolOrClub != other.schoolOrClub { changed.append("school or club") }
        if group != other.group { changed.append("group") }
        if contact != other.contact { changed.append("phone or email") }
        if identifiers != other.identifiers { changed.append("identifiers") }
        return changed
    }
}

/// A person linked to another: a parent or carer, a sibling, someone in the household.
public struct PersonLink: Sendable, Equatable {
    public var person: Person
    public var relationship: Relationship

    public init(person: Person, relationship: Relationship) {
        self.person = person
        self.relationship = relationship
    }
}

/// A problem with a field of a form, for the error summary; `field` is the input's id.
public struct RecordFieldError: Sendable, Equatable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

extension PersonDetails {
    /// The most characters any single field may hold.
    public static let maximumFieldLength = 2_000

    /// What is wrong with these details for a record made at `now`; empty when they are fine.
    public func problems(now: Date) -> [RecordFieldError] {
        var problems: [RecordFieldError] = []
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(RecordFieldError(field: "name", message: "Enter the person's name, or a description if you do not know it"))
        }
        for (field, value) in [
            ("name", name), ("known_as", knownAs), ("address", address), ("school_or_club", schoolOrClub), ("group", group), ("contact", contact),
            ("identifiers", identifiers),
        ]
        where value.exceedsLimit(Self.maximumFieldLength) {
            problems.append(RecordFieldError(field: field, message: "Keep this to \(Self.maximumFieldLength.grouped) characters"))
        }
        if !dateOfBirth.isEmpty {
            if let birth = CalendarDay(dateOfBirth) {
                if birth.start > now {
                    problems.append(RecordFieldError(field: "date_of_birth", message: "The date of birth cannot be in the future"))
                } else if birth.year < 1900 {
                    problems.append(RecordFieldError(field: "date_of_birth", message: "Check the year of the date of birth"))
                }
            } else {
                problems.append(RecordFieldError(field: "date_of_birth", message: "Enter the date of birth like 27/03/2014 or 2014-03-27"))
            }
        }
        return problems
    }

    /// Whether another person's details look like the same person: same name and date of birth,
    /// or names that differ by a letter or two (a likely duplicate to warn about, not to refuse).
    public func looksLikeSamePerson(as other: PersonDetails) -> Bool {
        let a = Self.normalised(name), b = Self.normalised(other.name)
        guard !a.isEmpty, !b.isEmpty else { return false }
        if a == b { return dateOfBirth.isEmpty || other.dateOfBirth.isEmpty || dateOfBirth == other.dateOfBirth }
        let close = Self.editDistance(a, b) <= (min(a.count, b.count) >= 8 ? 2 : 1)
        return close && (dateOfBirth.isEmpty || other.dateOfBirth.isEmpty || dateOfBirth == other.dateOfBirth)
    }

    /// A search word this long or longer also finds name words one letter off ("Smyth" finds "Smith").
    static let closeSpellingLength = 3
    /// A search word this long or longer also finds name words that sound alike ("Steven" finds "Stephen").
    static let soundAlikeLength = 4

    /// Whether a search text finds this person: every word typed begins a word of their name or known-as name, is one
    /// letter off one (from three letters), or sounds like one (from four); or begins a word of their identifiers. A
    /// date typed alone finds their date of birth. Identifiers and the date of birth count only when
    /// `includingIdentifiers` (the searcher may open the record: otherwise a search could spell out what it never shows).
    /// The store's blind index finds every person this accepts (`PersonSearchTerms`).
    public func matches(search text: String, includingIdentifiers: Bool = true) -> Bool {
        if let birth = CalendarDay(typed: text) { return includingIdentifiers && CalendarDay(dateOfBirth) == birth }
        let query = PersonSearchTerms.words(text).prefix(PersonSearchTerms.mostSearchWords)
        guard !query.isEmpty else { return false }
        let names = PersonSearchTerms.words(name) + PersonSearchTerms.words(knownAs)
        let identifiers = includingIdentifiers ? PersonSearchTerms.words(identifiers) : []
        return query.allSatisfy { word in
            let sound = word.count >= Self.soundAlikeLength ? PersonSearchTerms.soundex(word) : nil
            return names.contains { name in
                name.hasPrefix(word) || (word.count >= Self.closeSpellingLength && Self.editDistance(name, word) <= 1)
                    || (sound != nil && PersonSearchTerms.soundex(name) == sound)
            } || identifiers.contains { $0.hasPrefix(word) }
        }
    }

    static func normalised(_ text: String) -> String {
        text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty else { return y.count }
        guard !y.isEmpty else { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}

/// A day written YYYY-MM-DD, read strictly (no rollover of 2026-02-30 into March).
public struct CalendarDay: Sendable, Hashable, Comparable, Codable {
    public let year: Int
    public let month: Int
    public let day: Int
    /// Midnight UTC at the start of the day.
    public let start: Date

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        // Digits only: `Int(_:)` alone would also read "+3" as 3, so "2014-+3-27" would pass as a date.
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(calendar: calendar, timeZone: utc, year: year, month: month, day: day)
        guard components.isValidDate, let start = calendar.date(from: components) else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.start = start
    }

    /// The day, in UTC, that `date` falls on.
    public init(containing date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year ?? 1970
        month = parts.month ?? 1
        day = parts.day ?? 1
        start = calendar.startOfDay(for: date)
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.start < b.start }

    /// Kept as it is written, YYYY-MM-DD, so a frozen snapshot reads the same in any time zone.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD day: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    /// Whole years from this day to `date` (an age on that date), never negative.
    public func years(until date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return max(calendar.dateComponents([.year], from: start, to: date).year ?? 0, 0)
    }

    /// The day as people write it: "27 March 2014".
    public var spelledOut: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
