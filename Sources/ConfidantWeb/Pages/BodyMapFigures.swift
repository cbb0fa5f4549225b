import ConfidantCore
import Foundation

/// The four body-map outlines (`Public/bodymap/*.svg`), read once, drawn into pages with marks on them.
///
/// Each outline's regions are named (`<title>`), so a screen reader reads "Left forearm, front"; the page always lists
/// the same marks in a table, and the form chooses a region from a list, so nothing needs the drawing to be seen.
struct BodyMapFigures: Sendable {
    struct Figure: Sendable {
        /// The SVG without its closing tag, its title's id made unique to the outline.
        let opening: String
        /// Each region's middle, in the 200 × 440 box (the average of its outline's corners).
        let centres: [String: (x: Double, y: Double)]
    }

    let figures: [BodyOutline: Figure]

    init(directory: String) throws {
        var figures: [BodyOutline: Figure] = [:]
        for outline in BodyOutline.allCases {
            let path = "\(directory)/bodymap/\(outline.rawValue).svg"
            guard var svg = try? String(contentsOfFile: path, encoding: .utf8), let end = svg.range(of: "</svg>", options: .backwards)
            else { throw WebSetupError.resourcesMissing }
            svg = String(svg[..<end.lowerBound])
            svg = svg.replacingOccurrences(of: "aria-labelledby=\"t\"", with: "role=\"img\" aria-labelledby=\"t-\(outline.rawValue)\"")
                .replacingOccurrences(of: "<title id=\"t\">", with: "<title id=\"t-\(outline.rawValue)\">")
            figures[outline] = Figure(opening: svg, centres: Self.centres(svg))
        }
        self.figures = figures
    }

    /// The middle of `region` on `outline`, for a mark chosen from the list.
    func centre(_ outline: BodyOutline, _ region: BodyRegion) -> (x: Double, y: Double) {
        figures[outline]?.centres[region.id] ?? (100, 220)
    }

    /// A mark as drawn: where, its number in the page's list, how strongly (1 the newest), and what it says.
    struct Drawn: Sendable {
        let mark: BodyMark
        let number: Int
        let strength: Double
    }

    /// `outline` with `marks` drawn on it, as SVG markup for the page.
    func svg(_ outline: BodyOutline, marks: [Drawn]) -> String {
        guard let figure = figures[outline] else { return "" }
        var out = figure.opening
        out += "<g class=\"marks\">"
        for drawn in marks where drawn.mark.outline == outline {
            let mark = drawn.mark
            let opacity = String(format: "%.2f", max(0.3, min(1, drawn.strength)))
            let label = Self.escaped("\(drawn.number): \(mark.kind.label), \(mark.region.name), seen \(mark.seenOn.spelledOut)")
            out += "<g class=\"mark mark-\(mark.kind.rawValue)\" opacity=\"\(opacity)\"><title>\(label)</title>"
            out += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\"/>", mark.x, mark.y)
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>", mark.x, mark.y + 3, drawn.number)
            out += "</g>"
        }
        out += "</g></svg>"
        return out
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Each region's middle: its path is `M x y`, then `l dx dy` steps, in tenths of the box (the group is scaled by .1).
    static func centres(_ svg: String) -> [String: (x: Double, y: Double)] {
        var result: [String: (x: Double, y: Double)] = [:]
        for line in svg.components(separatedBy: "<path ").dropFirst() {
            guard let region = attribute("data-region", in: line), let d = attribute("d", in: line) else { continue }
            var numbers: [Double] = []
            var commands: [(Character, [Double])] = []
            var current = ""
            var command: Character = " "
            func flush() {
                if let value = Double(current) { numbers.append(value) }
                current = ""
            }
            for character in d {
                if character.isLetter {
                    flush()
                    if command != " " { commands.append((command, numbers)) }
                    command = character
                    numbers = []
                } else if character == "-" {
                    flush()
                    current = "-"
                } else if character == " " || character == "," {
                    flush()
                } else {
                    current.append(character)
                }
            }
            flush()
            if command != " " { commands.append((command, numbers)) }
            var (x, y) = (0.0, 0.0)
            var (sumX, sumY, count) = (0.0, 0.0, 0.0)
            for (letter, values) in commands {
                var index = 0
                while index + 1 < values.count {
                    switch letter {
                    case "M", "L": (x, y) = (values[index], values[index + 1])
                    case "m", "l": (x, y) = (x + values[index], y + values[index + 1])
                    default: break
                    }
                    sumX += x
                    sumY += y
                    count += 1
                    index += 2
                }
            }
            if count > 0 { result[region] = (sumX / count / 10, sumY / count / 10) }
        }
        return result
    }

    static func attribute(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: " \(name)=\"") ?? (text.hasPrefix("\(name)=\"") ? text.range(of: "\(name)=\"") : nil),
            let end = text[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(text[start.upperBound..<end])
    }
}
