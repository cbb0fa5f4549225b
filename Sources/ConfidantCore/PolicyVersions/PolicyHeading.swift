/// How headings are compared and turned into ids.
///
/// Clauses name their section by heading, typed by hand or copied from a word processor, so
/// headings are compared loosely: case, runs of whitespace and typographic quotes and dashes
/// (`’` for `'`, `–` for `-`) do not matter. "MCT’s" pasted from a document still matches the
/// clause's "MCT's".
enum PolicyHeading {
    /// The form two headings are compared in: lowercased, whitespace runs collapsed to one
    /// space and trimmed, curly quotes and dashes folded to their ASCII forms.
    static func key(_ heading: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in heading.lowercased() {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(folded(character))
        }
        return result
    }

    /// A heading with every run of whitespace (line breaks included) made one space, trimmed.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The longest slug, before a `-2`, `-3` suffix makes it unique.
    static let maximumSlugLength = 64

    /// The slug of a heading: lowercase ASCII letters and digits, every other run of characters
    /// one `-`, no `-` at either end; `section` when nothing is left.
    static func slug(_ heading: String) -> String {
        var slug = ""
        for scalar in heading.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9":
                slug.unicodeScalars.append(scalar)
            case "A"..."Z":
                slug.unicodeScalars.append(Unicode.Scalar(scalar.value + 32) ?? scalar)
            default:
                if !slug.isEmpty && !slug.hasSuffix("-") { slug.append("-") }
            }
        }
        // Slugs go into links and audit details; a whole paragraph read as a heading must not make a huge one.
        if slug.count > maximumSlugLength { slug = String(slug.prefix(maximumSlugLength)) }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "section" : slug
    }

    /// Slugs made unique in order: the second `foo` becomes `foo-2`, the third `foo-3`.
    static func uniqueSlugs(_ headings: [String]) -> [String] {
        var used = Set<String>()
        var result: [String] = []
        for heading in headings {
            let base = slug(heading)
            var candidate = base
            var suffix = 2
            while used.contains(candidate) {
                candidate = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            result.append(candidate)
        }
        return result
    }

    /// Typographic quotes and dashes as their ASCII forms.
    private static func folded(_ character: Character) -> Character {
        switch character {
        case "\u{2018}", "\u{2019}", "\u{201B}", "\u{2032}": "'"
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{2033}": "\""
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}": "-"
        default: character
        }
    }
}
