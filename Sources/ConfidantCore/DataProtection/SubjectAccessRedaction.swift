import Crypto
import Foundation

/// Why a part of a subject access response is withheld, with the code the released copy shows beside each black box.
///
/// Information about other people is not released unless they agree or it is reasonable without their agreement,
/// and that includes the person who told the organisation (DPA 2018 Schedule 2 paragraph 16). For a parent asking
/// about a child, information about abuse that it would not be in the child's best interests to release is exempt
/// (Schedule 3 Part 5, paragraph 21).
public enum WithholdingReason: String, Sendable, Codable, CaseIterable {
    case thirdParty = "TP"
    case source = "SRC"
    case childAbuseData = "CAD"

    /// The code beside each black box.
    public var code: String { rawValue }

    public var words: String {
        switch self {
        case .thirdParty: "Information about another person (Data Protection Act 2018, Schedule 2, paragraph 16)"
        case .source: "Who gave us the information (Data Protection Act 2018, Schedule 2, paragraph 16)"
        case .childAbuseData:
            "Information about abuse that it would not be in the child's best interests to give to a parent "
                + "(Data Protection Act 2018, Schedule 3, Part 5)"
        }
    }
}

/// One item of what is held about a person, as the workspace shows it and the response releases it: a concern's
/// account, an addendum, a decision's reason, a share.
public struct SubjectAccessPiece: Sendable, Equatable, Codable {
    /// Stable across visits: names the record and the field ("concern:<id>:account").
    public var id: String
    /// What it is, for the reader: "Concern of 20 November 2026: what was said".
    public var heading: String
    public var text: String

    public init(id: String, heading: String, text: String) {
        self.id = id
        self.heading = heading
        self.text = text
    }

    /// The SHA-256 (hex) of `pieces` as shown: their ids, headings and texts, in order.
    public static func digest(of pieces: [SubjectAccessPiece]) -> String {
        let text = pieces.map { "\($0.id)\u{1F}\($0.heading)\u{1F}\($0.text)" }.joined(separator: "\u{1E}")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The text cut at `spans` (sorted, not overlapping, as `SubjectAccessWorkspace.withheld` gives them): each run
    /// is words between spans, or a span's own words with the span.
    public func runs(withheld spans: [WithheldSpan]) -> [(text: String, span: WithheldSpan?)] {
        let scalars = Array(text.unicodeScalars)
        func words(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
        var runs: [(text: String, span: WithheldSpan?)] = []
        var at = 0
        for span in spans where span.start >= at && span.start < span.end && span.end <= scalars.count {
            if span.start > at { runs.append((words(at..<span.start), nil)) }
            runs.append((words(span.start..<span.end), span))
            at = span.end
        }
        if at < scalars.count { runs.append((words(at..<scalars.count), nil)) }
        return runs
    }

    /// The text of `span`, in the code points the redactor counts.
    public func text(of span: WithheldSpan) -> String {
        let scalars = Array(text.unicodeScalars)
        guard span.start >= 0, span.end <= scalars.count, span.start < span.end else { return "" }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[span.start..<span.end])
        return String(result)
    }
}

/// A stretch of a piece withheld from the response; offsets in Unicode code points, `end` exclusive.
public struct WithheldSpan: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var reason: WithholdingReason

    public init(start: Int, end: Int, reason: WithholdingReason) {
        self.start = start
        self.end = end
        self.reason = reason
    }
}

/// Proposes what to withhold from a subject access response: the redactor finds every identifying span, and those
/// about the person asked about (their own name, known-as name and details) are left in, since they are what the
/// request is for. A member of staff named by their full name is left in too: the ICO's guidance is that releasing
/// what a professional did in their role is usually reasonable. Everything else is proposed for the lead to accept
/// or not, whoever told the organisation marked as the source.
public struct SubjectAccessProposer: Sendable {
    let subject: KnownPerson
    /// The person's own details (address, date of birth, identifiers), each as its words: a span whose words stand
    /// whole within one of them stays in.
    let own: [[Substring]]
    let others: [KnownPerson]
    let staff: [KnownPerson]
    /// Those who told the organisation about the person, when it was not the person themselves.
    let sources: [KnownPerson]

    public init(subject: KnownPerson, own: [String], others: [KnownPerson], staff: [String], sources: [String]) {
        self.subject = subject
        self.own = own.map(Self.words).filter { !$0.isEmpty }
        self.others = others
        self.staff = staff.map { KnownPerson(name: $0, role: .staff) }
        self.sources = sources.map { KnownPerson(name: $0, role: .other) }
    }

    static func words(_ text: String) -> [Substring] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }

    /// Whether `part` stands, word for word, within `whole`.
    static func standsWithin(_ part: [Substring], _ whole: [Substring]) -> Bool {
        guard !part.isEmpty, part.count <= whole.count else { return false }
        return (0...(whole.count - part.count)).contains { whole[$0..<($0 + part.count)].elementsEqual(part) }
    }

    /// The spans of `piece` proposed for withholding, in order.
    public func propose(_ piece: SubjectAccessPiece) -> [WithheldSpan] {
        // Staff come last: where one word is both a staff member's and someone else's ("Dave"), the redactor takes the
        // first known person, and a third party must win.
        let known = [subject] + others + sources + staff
        let pseudonyms = Pseudonymiser.knownPseudonyms(for: known)
        let subjectPseudonym = pseudonyms[0]
        let sourcePseudonyms = Set(pseudonyms[(1 + others.count)..<(1 + others.count + sources.count)])
        var staffNames: [String: [Substring]] = [:]
        for (index, member) in staff.enumerated() { staffNames[pseudonyms[1 + others.count + sources.count + index]] = Self.words(member.name) }
        var scratch = Pseudonymiser()
        let found = Redactor().redact(piece.text, people: known, organisations: [], pseudonyms: &scratch)
        return found.spans.compactMap { span in
            if span.replacement == subjectPseudonym { return nil }
            let words = Self.words(piece.text(of: WithheldSpan(start: span.start, end: span.end, reason: .thirdParty)))
            // A member of staff only by their full name: a first name alone may be anyone's.
            if let full = staffNames[span.replacement], Self.standsWithin(full, words) { return nil }
            // Their own details, or part of one (an address the detector cut short), are theirs to see; never a name,
            // which the subject's own pseudonym already covers.
            if span.type != .person, own.contains(where: { Self.standsWithin(words, $0) }) { return nil }
            let reason: WithholdingReason = sourcePseudonyms.contains(span.replacement) ? .source : .thirdParty
            return WithheldSpan(start: span.start, end: span.end, reason: reason)
        }
    }
}

/// A lead's decision on the child-abuse-data exemption, for a parent's request about a child.
public struct ChildAbuseDataDecision: Sendable, Equatable, Codable {
    public var applies: Bool
    public var reasoning: String
    public var by: DecisionBy

    public init(applies: Bool, reasoning: String, by: DecisionBy) {
        self.applies = applies
        self.reasoning = reasoning
        self.by = by
    }
}

/// Words a lead chose to withhold from an item, wherever they stand in it (kept as words, not positions, so an item
/// whose text changes still withholds them).
public struct AddedWords: Sendable, Hashable, Codable {
    public var words: String
    public var reason: WithholdingReason

    public init(words: String, reason: WithholdingReason) {
        self.words = words
        self.reason = reason
    }
}

/// What the lead decided in the workspace, item by item (keyed by each item's stable id), over what the proposer
/// suggested.
public struct SubjectAccessWorkspace: Sendable, Equatable, Codable {
    /// Proposed spans the lead decided to release after all.
    public var released: [String: [WithheldSpan]]
    /// Words the lead added.
    public var added: [String: [AddedWords]]
    /// Items withheld whole, with the reason.
    public var withheldWhole: [String: WithholdingReason]
    /// Items the lead chose to release whole although they are withheld by default (who told us, when it was not the
    /// person).
    public var releasedWhole: Set<String>
    public var childAbuseData: ChildAbuseDataDecision?
    /// Counts the changes saved: a form carries the revision it was shown, so a lead's choices never overwrite
    /// another lead's made in between.
    public var revision: Int

    public init(
        released: [String: [WithheldSpan]] = [:], added: [String: [AddedWords]] = [:], withheldWhole: [String: WithholdingReason] = [:],
        releasedWhole: Set<String> = [], childAbuseData: ChildAbuseDataDecision? = nil, revision: Int = 0
    ) {
        self.revision = revision
        self.released = released
        self.added = added
        self.withheldWhole = withheldWhole
        self.releasedWhole = releasedWhole
        self.childAbuseData = childAbuseData
    }

    /// Whether `piece` is withheld whole, and why: the lead's choice, or else its default.
    public func whole(_ piece: SubjectAccessPiece, default fallback: WithholdingReason?) -> WithholdingReason? {
        withheldWhole[piece.id] ?? (releasedWhole.contains(piece.id) ? nil : fallback)
    }

    /// The spans withheld from `piece`: those proposed and not released, and every place the added words stand;
    /// sorted, overlaps joined (the earlier span's reason kept).
    public func withheld(_ piece: SubjectAccessPiece, proposed: [WithheldSpan]) -> [WithheldSpan] {
        let releasedHere = Set(released[piece.id] ?? [])
        let added = (added[piece.id] ?? []).flatMap { words in
            Self.occurrences(of: words.words, in: piece.text).map { WithheldSpan(start: $0.start, end: $0.end, reason: words.reason) }
        }
        let spans = (proposed.filter { !releasedHere.contains($0) } + added).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var joined: [WithheldSpan] = []
        for span in spans {
            if let last = joined.last, span.start <= last.end {
                joined[joined.count - 1].end = max(last.end, span.end)
            } else {
                joined.append(span)
            }
        }
        return joined
    }

    /// The longest words a lead may type to withhold, in characters.
    public static let maximumWords = 5_000

    /// Adds words to withhold wherever they stand in `piece` (letter case aside), or says why it cannot; a problem
    /// is reported against `field`, the form's box the words were typed in. The child-abuse-data exemption withholds
    /// whole items only: a box marked with its code would itself tell a parent what it hides.
    public func adding(
        words: String, reason: String, in piece: SubjectAccessPiece, field: String
    ) -> Result<SubjectAccessWorkspace, FormProblems> {
        let wanted = words.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let why = WithholdingReason(rawValue: reason), why != .childAbuseData else {
            return .failure(FormProblems([RecordFieldError(field: field, message: "Choose why these words are withheld")]))
        }
        guard !wanted.isEmpty else {
            return .failure(FormProblems([RecordFieldError(field: field, message: "Type the words to withhold, as they stand in the text")]))
        }
        guard wanted.count <= Self.maximumWords else {
            return .failure(FormProblems([RecordFieldError(field: field, message: "Keep this to \(Self.maximumWords) characters")]))
        }
        guard !Self.occurrences(of: wanted, in: piece.text).isEmpty else {
            return .failure(
                FormProblems([RecordFieldError(field: field, message: "\"\(wanted.prefix(80))\" is not in this text: copy the words exactly")]))
        }
        var changed = self
        let entry = AddedWords(words: wanted, reason: why)
        if !(added[piece.id] ?? []).contains(entry) { changed.added[piece.id, default: []].append(entry) }
        return .success(changed)
    }

    /// Every place `words` stands in `text`, ignoring letter case, in code points.
    static func occurrences(of words: String, in text: String) -> [(start: Int, end: Int)] {
        let haystack = Array(text.lowercased().unicodeScalars)
        let needle = Array(words.lowercased().unicodeScalars)
        // Lower-casing can change a text's length in code points (rarely: "İ"); offsets are then not the original's,
        // so such a text is matched as written instead.
        let sameLength = haystack.count == text.unicodeScalars.count
        let hay = sameLength ? haystack : Array(text.unicodeScalars)
        let need = sameLength ? needle : Array(words.unicodeScalars)
        guard !need.isEmpty, need.count <= hay.count else { return [] }
        var found: [(Int, Int)] = []
        var i = 0
        while i + need.count <= hay.count {
            if hay[i] == need[0], hay[i..<(i + need.count)].elementsEqual(need) {
                found.append((i, i + need.count))
                i += need.count
            } else {
                i += 1
            }
        }
        return found
    }
}

/// The response as released: exactly what the requester receives, frozen when it was released and kept sealed, like
/// a share's snapshot. The PDF and the plain-text copy are both made from it.
public struct SubjectAccessResponse: Sendable, Equatable, Codable {
    /// A run of a released piece: words released, or a black box with its reason.
    public struct Segment: Sendable, Equatable, Codable {
        public var text: String
        public var withheld: WithholdingReason?
    }

    public struct Item: Sendable, Equatable, Codable {
        public var heading: String
        /// Empty when the whole item is withheld.
        public var segments: [Segment]
        public var withheldWhole: WithholdingReason?
    }

    public var title: String
    public var coverLetter: String
    public var items: [Item]
    public var releasedAt: Date
    /// How many places each reason withheld something, for the cover letter and the register.
    public var counts: [WithholdingReason: Int]

    /// What a black box reads as in the plain-text copy.
    public static func box(_ reason: WithholdingReason) -> String { "[withheld: \(reason.code)]" }

    /// The plain-text copy: the letter, then each item, black boxes written as "[withheld: TP]".
    public var plainText: String {
        var lines = [title, "", coverLetter, "", String(repeating: "=", count: 40), ""]
        for item in items {
            lines.append(item.heading)
            if let whole = item.withheldWhole {
                lines.append(Self.box(whole) + " This item is withheld in full.")
            } else {
                lines.append(item.segments.map { $0.withheld.map(Self.box) ?? $0.text }.joined())
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// The SHA-256 of the plain-text copy, hex: the audit event names exactly what was released.
    public var digest: String {
        SHA256.hash(data: Data(plainText.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Builds the response from the pieces and the lead's decisions. `withheldOf` gives each piece's withheld spans.
    /// Builds the response from the items and the lead's decisions: `withheldOf` gives each item's withheld spans and
    /// `wholeOf` whether it is withheld whole. An item withheld under the child-abuse-data exemption is left out
    /// altogether and the letter does not mention it: a black box with its code would tell the parent that abuse was
    /// recorded (the counts, for the audit event, still include it).
    public static func release(
        pieces: [SubjectAccessPiece], withheldOf: (SubjectAccessPiece) -> [WithheldSpan], wholeOf: (SubjectAccessPiece) -> WithholdingReason?,
        letter: SubjectAccessLetter, now: Date
    ) -> SubjectAccessResponse {
        var counts: [WithholdingReason: Int] = [:]
        var items: [Item] = []
        for piece in pieces {
            if let whole = wholeOf(piece) {
                counts[whole, default: 0] += 1
                if whole != .childAbuseData { items.append(Item(heading: piece.heading, segments: [], withheldWhole: whole)) }
                continue
            }
            let segments = piece.runs(withheld: withheldOf(piece)).map { run in
                if let span = run.span { counts[span.reason, default: 0] += 1 }
                return Segment(text: run.span == nil ? run.text : "", withheld: run.span?.reason)
            }
            items.append(Item(heading: piece.heading, segments: segments, withheldWhole: nil))
        }
        var told = counts
        told[.childAbuseData] = nil
        return SubjectAccessResponse(
            title: "The information \(letter.organisation) holds about \(letter.personName)", coverLetter: letter.text(counts: told),
            items: items, releasedAt: now, counts: counts)
    }

}

/// The cover letter, in plain words: what is enclosed, what was withheld and why, and how to complain.
public struct SubjectAccessLetter: Sendable, Equatable {
    public var requesterName: String
    public var personName: String
    public var organisation: String
    public var receivedOn: CalendarDay
    public var sentOn: CalendarDay
    public var forThemselves: Bool
    /// Who signs it: the lead who released it, with their role ("Dana Lead\nDesignated safeguarding lead").
    public var signedBy: String

    public init(
        requesterName: String, personName: String, organisation: String, receivedOn: CalendarDay, sentOn: CalendarDay, forThemselves: Bool,
        signedBy: String
    ) {
        self.signedBy = signedBy
        self.requesterName = requesterName
        self.personName = personName
        self.organisation = organisation
        self.receivedOn = receivedOn
        self.sentOn = sentOn
        self.forThemselves = forThemselves
    }

    public func text(counts: [WithholdingReason: Int]) -> String {
        let about = forThemselves ? "you" : personName
        var paragraphs = [
            sentOn.spelledOut,
            "Dear \(requesterName),",
            "On \(receivedOn.spelledOut) you asked \(organisation) for the information we hold about \(about). "
                + "This letter comes with a copy of all of it: every record we keep, in the order it was made.",
        ]
        let withheld = WithholdingReason.allCases.filter { (counts[$0] ?? 0) > 0 }
        if withheld.isEmpty {
            paragraphs.append("Nothing has been held back.")
        } else {
            var lines = [
                "Some words have been held back. Each place is shown as a black box with a short code, and the codes mean:"
            ]
            for reason in withheld {
                let n = counts[reason] ?? 0
                lines.append("- \(reason.code) (\(n) place\(n == 1 ? "" : "s")): \(reason.words).")
            }
            lines.append(
                "We hold these back because they are about other people, or would tell you who spoke to us, and the law asks us to protect them "
                    + "as it protects \(about).")
            paragraphs.append(lines.joined(separator: "\n"))
        }
        paragraphs.append(
            "If you think something is missing or should not have been held back, please tell us and we will look at it again. You can also "
                + "complain to the Information Commissioner's Office, which checks how organisations use people's information: "
                + "ico.org.uk/make-a-complaint, or 0303 123 1113.")
        paragraphs.append("Yours sincerely,\n\(signedBy)")
        return paragraphs.joined(separator: "\n\n")
    }
}
