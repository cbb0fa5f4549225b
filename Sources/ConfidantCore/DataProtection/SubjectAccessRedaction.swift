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
/// request is for. Staff named in their work are left in too: the ICO's guidance is that releasing what a
/// professional did in their role is usually reasonable. Everything else is proposed for the lead to accept or not.
public struct SubjectAccessProposer: Sendable {
    let subject: KnownPerson
    /// The person's own details ("12 Made-up Road", their date of birth): a span within one of them stays in.
    let own: Set<String>
    let others: [KnownPerson]
    let staff: [KnownPerson]
    /// Those who told the organisation about the person, when it was not the person themselves.
    let sources: [KnownPerson]

    public init(subject: KnownPerson, own: [String], others: [KnownPerson], staff: [String], sources: [String]) {
        self.subject = subject
        self.own = Set(own.map(Self.normalised).filter { !$0.isEmpty })
        self.others = others
        self.staff = staff.map { KnownPerson(name: $0, role: .staff) }
        self.sources = sources.map { KnownPerson(name: $0, role: .other) }
    }

    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    /// The spans of `piece` proposed for withholding, in order.
    public func propose(_ piece: SubjectAccessPiece) -> [WithheldSpan] {
        let known = [subject] + others + staff + sources
        let pseudonyms = Pseudonymiser.knownPseudonyms(for: known)
        let subjectPseudonym = pseudonyms[0]
        let staffPseudonyms = Set(pseudonyms[(1 + others.count)..<(1 + others.count + staff.count)])
        let sourcePseudonyms = Set(pseudonyms[(1 + others.count + staff.count)...])
        var scratch = Pseudonymiser()
        let found = Redactor().redact(piece.text, people: known, organisations: [], pseudonyms: &scratch)
        return found.spans.compactMap { span in
            if span.replacement == subjectPseudonym || staffPseudonyms.contains(span.replacement) { return nil }
            let words = Self.normalised(piece.text(of: WithheldSpan(start: span.start, end: span.end, reason: .thirdParty)))
            // Their own details, or part of one (an address the detector cut short), are theirs to see.
            if !words.isEmpty, own.contains(where: { $0.contains(words) }) { return nil }
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

/// What the lead decided in the workspace, piece by piece, over what the proposer suggested.
public struct SubjectAccessWorkspace: Sendable, Equatable, Codable {
    /// Proposed spans the lead decided to release after all.
    public var released: [String: [WithheldSpan]]
    /// Spans the lead added.
    public var added: [String: [WithheldSpan]]
    /// Pieces withheld whole, with the reason.
    public var withheldWhole: [String: WithholdingReason]
    public var childAbuseData: ChildAbuseDataDecision?

    public init(
        released: [String: [WithheldSpan]] = [:], added: [String: [WithheldSpan]] = [:], withheldWhole: [String: WithholdingReason] = [:],
        childAbuseData: ChildAbuseDataDecision? = nil
    ) {
        self.released = released
        self.added = added
        self.withheldWhole = withheldWhole
        self.childAbuseData = childAbuseData
    }

    /// The spans withheld from `piece`: those proposed and not released, and those added; sorted, overlaps joined
    /// (the earlier span's reason kept).
    public func withheld(_ piece: SubjectAccessPiece, proposed: [WithheldSpan]) -> [WithheldSpan] {
        let releasedHere = Set(released[piece.id] ?? [])
        let spans = (proposed.filter { !releasedHere.contains($0) } + (added[piece.id] ?? [])).sorted {
            ($0.start, $0.end) < ($1.start, $1.end)
        }
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

    /// Adds a redaction of every place `words` stand in `piece` (letter case aside), or says why it cannot; a problem
    /// is reported against `field`, the form's box the words were typed in.
    public func adding(
        words: String, reason: String, in piece: SubjectAccessPiece, field: String
    ) -> Result<SubjectAccessWorkspace, FormProblems> {
        let wanted = words.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let why = WithholdingReason(rawValue: reason) else {
            return .failure(FormProblems([RecordFieldError(field: field, message: "Choose why these words are withheld")]))
        }
        guard !wanted.isEmpty else {
            return .failure(FormProblems([RecordFieldError(field: field, message: "Type the words to withhold, as they stand in the text")]))
        }
        let spans = Self.occurrences(of: wanted, in: piece.text).map { WithheldSpan(start: $0.start, end: $0.end, reason: why) }
        guard !spans.isEmpty else {
            return .failure(
                FormProblems([
                    RecordFieldError(field: field, message: "\"\(wanted.prefix(80))\" is not in this text: copy the words exactly")
                ]))
        }
        var changed = self
        changed.added[piece.id, default: []].append(contentsOf: spans.filter { !(added[piece.id] ?? []).contains($0) })
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
            if Array(hay[i..<(i + need.count)]) == need {
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
    public static func release(
        pieces: [SubjectAccessPiece], withheldOf: (SubjectAccessPiece) -> [WithheldSpan], workspace: SubjectAccessWorkspace,
        letter: SubjectAccessLetter, now: Date
    ) -> SubjectAccessResponse {
        var counts: [WithholdingReason: Int] = [:]
        var items: [Item] = []
        for piece in pieces {
            if let whole = workspace.withheldWhole[piece.id] {
                counts[whole, default: 0] += 1
                items.append(Item(heading: piece.heading, segments: [], withheldWhole: whole))
                continue
            }
            let segments = piece.runs(withheld: withheldOf(piece)).map { run in
                if let span = run.span { counts[span.reason, default: 0] += 1 }
                return Segment(text: run.span == nil ? run.text : "", withheld: run.span?.reason)
            }
            items.append(Item(heading: piece.heading, segments: segments, withheldWhole: nil))
        }
        return SubjectAccessResponse(
            title: "The information \(letter.organisation) holds about \(letter.personName)", coverLetter: letter.text(counts: counts),
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
