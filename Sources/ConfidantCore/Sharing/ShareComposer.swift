import Foundation

/// Builds exactly what a share sends from a case: only the chosen parts, de-identified when asked, the discloser protected.
///
/// Pure and total, so the preview a user sees and the snapshot frozen on sharing are the same
/// value computed from the same inputs ([Policy statement]: minimum necessary; docs/sharing.md: one
/// pseudonym key per share; a third-party discloser is never identified unless chosen).
public enum ShareComposer {
    /// What replaces a third-party discloser's name in an identified share when they were not chosen.
    public static let discloserPlaceholder = "[the person who raised the concern]"

    /// The sections sent, in the order of `SharePart.allCases`; empty parts are left out.
    ///
    /// In a de-identified share every person the record knows (the person, everyone linked to them,
    /// the discloser) gets a pseudonym from one `Pseudonymiser` shared by every section, the "Who this
    /// is about" block gives an age instead of a date of birth and a town instead of an address, and
    /// the school or club is left out. The discloser is a section only when `includeDiscloser` is set,
    /// and otherwise replaced wherever the text names them.
    public static func compose(_ record: ShareCase, answers: ShareAnswers, organisation: OrganisationContact, now: Date) -> [ShareSection] {
        let discloser = record.discloser
        let deidentified = answers.form == .deidentified
        var known = record.knownPeople
        if !discloser.isEmpty { known.append(KnownPerson(name: discloser, role: .other)) }
        let pseudonyms = Pseudonymiser.knownPseudonyms(for: known)
        var pseudonymiser = Pseudonymiser()
        let redactor = Redactor()
        func sent(_ text: String) -> String {
            var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !answers.includeDiscloser { text = replacing(discloser, in: text) }
            guard deidentified else { return text }
            return redactor.redact(text, people: known, organisations: [], pseudonyms: &pseudonymiser).text
        }
        var sections: [ShareSection] = []
        if answers.includeDiscloser, !discloser.isEmpty {
            sections.append(ShareSection(heading: "Who raised the concern", text: deidentified ? pseudonyms[known.count - 1] : discloser))
        }
        for part in SharePart.allCases {
            // The files chosen go after what was written, before the body map, the corrections and whom to call.
            if part == .bodyMap, !deidentified {
                // A file's name and caption are words like any other: a discloser not chosen is not named in them.
                let files = record.attachments.filter { answers.files.contains($0.id) }.map {
                    SharedFile($0, name: sent($0.name), caption: sent($0.caption))
                }
                if !files.isEmpty { sections.append(ShareSection(heading: filesHeading, files: files)) }
            }
            guard answers.parts.contains(part) else { continue }
            switch part {
            case .subject:
                sections.append(
                    ShareSection(
                        heading: part.label,
                        fields: subjectFields(record, answers: answers, pseudonyms: pseudonyms, deidentified: deidentified, now: now)))
            case .account, .observations, .opinion, .actions:
                let text = sent(part.narrativeText(in: record.concern.narrative) ?? "")
                if !text.isEmpty { sections.append(ShareSection(heading: part.label, text: text)) }
            case .bodyMap:
                // An outline identifies nobody; the notes are words like any other, de-identified with the text.
                let marks = record.bodyMarks.map { $0.rewritten(by: sent) }
                if !marks.isEmpty { sections.append(ShareSection(heading: part.label, bodyMarks: marks)) }
            case .addenda:
                for addendum in record.addenda.sorted(by: { $0.createdAt < $1.createdAt }) {
                    let text = sent(addendum.text)
                    if !text.isEmpty {
                        sections.append(
                            ShareSection(heading: "Correction added on \(CalendarDay(containing: addendum.createdAt).spelledOut)", text: text))
                    }
                }
            case .contact:
                sections.append(ShareSection(heading: part.label, fields: organisation.fields))
            }
        }
        return sections
    }

    public static let filesHeading = "Files"

    /// The chosen files a share leaves out: all of them in a de-identified share, since a photo or a letter cannot
    /// be de-identified by the redactor (a face, a signature, a name in handwriting).
    public static func withheldFiles(_ record: ShareCase, answers: ShareAnswers) -> [Attachment] {
        answers.form == .deidentified ? record.attachments.filter { answers.files.contains($0.id) } : []
    }

    /// The "Who this is about" block: identifying details in an identified share, and in a de-identified one only what
    /// identifies nobody (a pseudonym, an age, a town).
    static func subjectFields(
        _ record: ShareCase, answers: ShareAnswers, pseudonyms: [String], deidentified: Bool, now: Date
    ) -> [ShareField] {
        let person = record.person.details
        var fields: [ShareField] = []
        let birth = CalendarDay(person.dateOfBirth)
        if deidentified {
            fields.append(ShareField("Referred to as", pseudonyms[0]))
            fields.append(ShareField("Age", birth.map { "\($0.years(until: now))" } ?? "Not known"))
            fields.append(ShareField("Town", person.town ?? "Not given"))
        } else {
            fields.append(ShareField("Name", person.name))
            if !person.knownAs.isBlank { fields.append(ShareField("Known as", person.knownAs)) }
            fields.append(ShareField("Date of birth", birth.map { "\($0.spelledOut) (age \($0.years(until: now)))" } ?? "Not known"))
            fields.append(ShareField("Address", person.address.isBlank ? "Not recorded" : person.address))
            fields.append(ShareField("School or club", person.schoolOrClub.isBlank ? "Not recorded" : person.schoolOrClub))
        }
        fields.append(ShareField("Who they are", record.person.kind.label))
        for (index, link) in record.household.enumerated() where answers.household.contains(link.person.id) {
            let linkBirth = CalendarDay(link.person.details.dateOfBirth)
            let who =
                deidentified
                ? pseudonyms[index + 1] + (linkBirth.map { ", age \($0.years(until: now))" } ?? "")
                : link.person.details.name + (linkBirth.map { ", born \($0.spelledOut)" } ?? "")
            fields.append(ShareField(link.relationship.label, who))
        }
        let concern = record.concern
        fields.append(ShareField("Date of the conversation", concern.conversationAt.map { CalendarDay(containing: $0).spelledOut } ?? "Not recorded"))
        fields.append(
            ShareField("Categories", concern.categories.isEmpty ? "None recorded" : concern.categories.map(\.label).joined(separator: ", ")))
        fields.append(ShareField("Assessed risk", answers.risk.label))
        return fields
    }

    /// `text` with every case-insensitive occurrence of `name` replaced by the placeholder.
    static func replacing(_ name: String, in text: String) -> String {
        guard !name.isEmpty else { return text }
        return text.replacingOccurrences(of: name, with: discloserPlaceholder, options: [.caseInsensitive])
    }
}
