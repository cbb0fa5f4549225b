import Foundation

/// Builds exactly what a share sends from a concern: only the chosen parts, de-identified when asked, the discloser protected.
///
/// Pure and total, so the preview a user sees and the snapshot frozen on sharing are the same
/// value computed from the same inputs ([Policy statement]: minimum necessary; docs/sharing.md: one
/// pseudonym key per share; a third-party discloser is never identified unless chosen).
public enum ShareComposer {
    /// What replaces a third-party discloser's name in an identified share when they were not chosen.
    public static let discloserPlaceholder = "[the person who raised the concern]"

    /// The sections sent, in the order of `SharePart.allCases`; empty parts are left out.
    ///
    /// - `people`: everyone the case knows (the subject and linked people); in a de-identified
    ///   share each gets a pseudonym from one `Pseudonymiser` shared by every section.
    /// - `discloser`: the third party who disclosed, if any; included as a section only when
    ///   `includeDiscloser` is true, and otherwise replaced wherever the text names them.
    public static func compose(
        narrative: ConcernNarrative, parts: Set<SharePart>, form: ShareForm, people: [KnownPerson],
        discloser: String, includeDiscloser: Bool
    ) -> [ShareSection] {
        let discloserName = discloser.trimmingCharacters(in: .whitespacesAndNewlines)
        var raw: [ShareSection] = []
        if includeDiscloser, !discloserName.isEmpty {
            raw.append(ShareSection(heading: "Who raised the concern", text: discloserName))
        }
        for part in SharePart.allCases where parts.contains(part) {
            let text = part.text(in: narrative).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { raw.append(ShareSection(heading: part.label, text: text)) }
        }
        if !includeDiscloser, !discloserName.isEmpty {
            raw = raw.map { ShareSection(heading: $0.heading, text: replacing(discloserName, in: $0.text)) }
        }
        guard form == .deidentified else { return raw }
        var known = people
        if !discloserName.isEmpty { known.append(KnownPerson(name: discloserName, role: .other)) }
        var pseudonyms = Pseudonymiser()
        let redactor = Redactor()
        return raw.map { section in
            ShareSection(
                heading: section.heading,
                text: redactor.redact(section.text, people: known, organisations: [], pseudonyms: &pseudonyms).text)
        }
    }

    /// `text` with every case-insensitive occurrence of `name` replaced by the placeholder.
    static func replacing(_ name: String, in text: String) -> String {
        guard !name.isEmpty else { return text }
        return text.replacingOccurrences(of: name, with: discloserPlaceholder, options: [.caseInsensitive])
    }
}
