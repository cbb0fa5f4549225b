import Foundation

/// How long each kind of safeguarding record is kept before it is reviewed, set by the organisation; the defaults are
/// the IRMS toolkit's (Information Management Toolkit for Schools): a child's safeguarding file until their date of
/// birth plus 25 years, an adult at risk's records six years after the last contact, and advice asked about nobody in
/// particular one year.
///
/// A date reached means a review, never a deletion: a lead extends, holds or disposes of the file.
public struct RetentionSchedule: Sendable, Equatable, Codable {
    public var childYearsAfterBirth: Int
    public var adultYearsAfterLastContact: Int
    public var adviceYears: Int

    public init(childYearsAfterBirth: Int = 25, adultYearsAfterLastContact: Int = 6, adviceYears: Int = 1) {
        self.childYearsAfterBirth = childYearsAfterBirth
        self.adultYearsAfterLastContact = adultYearsAfterLastContact
        self.adviceYears = adviceYears
    }

    /// When a person's file is next reviewed, and why then.
    public struct Review: Sendable, Equatable {
        public let on: CalendarDay
        public let reason: String
        /// The rule without the person's dates, as a disposal certificate states it ("A child's file: date of birth
        /// plus 25 years"): the certificate outlives the file and says nothing of who it was.
        public let rule: String
        /// Whether the date is the person's date of birth plus the schedule's years: then it tells that date of
        /// birth, and what outlives the file (a report, a certificate) gives at most its year.
        public var fromBirth = false
    }

    /// The review of the file of a person of `kind`, born on `birth` (when known), last in contact on `lastContact`.
    ///
    /// A child's file follows their birth, however long ago the last concern was; without a date of birth it is
    /// counted from the last contact instead, so it is never kept without a date. An adult's, at risk or not, follows
    /// the last contact.
    public func review(kind: PersonKind, born birth: CalendarDay?, lastContact: CalendarDay) -> Review {
        switch (kind, birth) {
        case (.child, let birth?):
            return Review(
                on: birth.adding(years: childYearsAfterBirth),
                reason: "A child's safeguarding file: date of birth (\(birth.spelledOut)) plus \(childYearsAfterBirth) years",
                rule: "A child's safeguarding file: date of birth plus \(childYearsAfterBirth) years", fromBirth: true)
        case (.child, nil):
            return Review(
                on: lastContact.adding(years: childYearsAfterBirth),
                reason: "A child's safeguarding file with no date of birth recorded: the last contact "
                    + "(\(lastContact.spelledOut)) plus \(childYearsAfterBirth) years",
                rule: "A child's safeguarding file with no date of birth recorded: the last contact plus \(childYearsAfterBirth) years")
        case (.adultAtRisk, _), (.adult, _):
            return Review(
                on: lastContact.adding(years: adultYearsAfterLastContact),
                reason: "An adult's records: the last contact (\(lastContact.spelledOut)) plus \(adultYearsAfterLastContact) years",
                rule: "An adult's records: the last contact plus \(adultYearsAfterLastContact) years")
        }
    }

    /// The review of advice asked about nobody in particular, given on `day`.
    public func review(adviceGivenOn day: CalendarDay) -> Review {
        Review(
            on: day.adding(years: adviceYears),
            reason: "Advice about no named person: the day it was given (\(day.spelledOut)) plus \(adviceYears) year\(adviceYears == 1 ? "" : "s")",
            rule: "Advice about no named person: the day it was given plus \(adviceYears) year\(adviceYears == 1 ? "" : "s")")
    }
}
