import Foundation

/// Where a search of what was recorded found its words: which record, which part, and the words around them.
public struct RecordMatch: Sendable, Equatable {
    public enum Part: String, Sendable {
        case concern
        case addendum
        case decision

        public var label: String {
            switch self {
            case .concern: "In the concern"
            case .addendum: "In an addendum"
            case .decision: "In a lead's decision"
            }
        }
    }

    public var concernID: UUID
    public var personID: UUID
    public var part: Part
    public var at: Date
    /// Up to a few dozen words around the first match.
    public var snippet: String

    public init(concernID: UUID, personID: UUID, part: Part, at: Date, snippet: String) {
        self.concernID = concernID
        self.personID = personID
        self.part = part
        self.at = at
        self.snippet = snippet
    }
}

/// Matching the words of a search in recorded text: every word must appear, case and accents ignored.
public enum RecordSearch {
    /// The search's words, at most 8, each at least 2 characters; empty when there is nothing to search for.
    public static func words(_ text: String) -> [String] {
        Array(
            text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
                .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter { $0.count >= 2 }.prefix(8))
    }

    /// The snippet around the first word when `text` holds every word, or nil.
    public static func snippet(of text: String, words: [String]) -> String? {
        guard !words.isEmpty else { return nil }
        let folded = text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        guard words.allSatisfy({ folded.contains($0) }), let first = folded.range(of: words[0]) else { return nil }
        // Folding keeps the length of most text; fall back to the text's start when it did not.
        let offset = folded.distance(from: folded.startIndex, to: first.lowerBound)
        guard folded.count == text.count else { return String(text.prefix(200)) }
        let start = text.index(text.startIndex, offsetBy: max(0, offset - 80))
        let end = text.index(start, offsetBy: min(220, text.distance(from: start, to: text.endIndex)))
        return (start > text.startIndex ? "…" : "") + text[start..<end].replacingOccurrences(of: "\n", with: " ") + (end < text.endIndex ? "…" : "")
    }
}
