import ConfidantCore

/// A report table drawn as horizontal bars in SVG, rendered on the server so it needs no script and prints. Each bar
/// has its label above it and its figure at its end; a count held back as "fewer than 5" has no bar, only the words.
/// The chart is an image named by its title; the same figures are in the table beside it for screen readers.
enum ReportChart {
    /// Narrow enough that its words stay readable when a phone scales it down to the screen.
    static let width = 380.0
    static let rowHeight = 42.0
    /// The longest bar, leaving room for its figure at its end.
    static let barRoom = 300.0
    /// A label longer than fits is shortened in the chart; the table beside it has it whole.
    static let longestLabel = 44

    static func svg(_ table: ReportTable) -> String {
        let height = Double(table.rows.count) * rowHeight + 8
        let scale = barRoom / Double(table.largestBar)
        var parts = [
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-\(table.id)-title\" viewBox=\"0 0 \(Int(width)) \(Int(height))\""
                + " preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">",
            "<title id=\"chart-\(table.id)-title\">\(escaped(table.title)): a bar chart of the figures in the table</title>",
        ]
        for (index, row) in table.rows.enumerated() {
            let top = Double(index) * rowHeight
            parts.append("<text class=\"chart-label\" x=\"0\" y=\"\(Int(top + 16))\">\(escaped(shortened(row.label)))</text>")
            let length = row.bar.map { max(Double($0) * scale, $0 > 0 ? 2 : 0) } ?? 0
            if length > 0 {
                parts.append("<rect class=\"chart-bar\" x=\"0\" y=\"\(Int(top + 22))\" width=\"\(Int(length))\" height=\"14\"></rect>")
            }
            parts.append("<text class=\"chart-value\" x=\"\(Int(length + 6))\" y=\"\(Int(top + 34))\">\(escaped(row.current))</text>")
        }
        parts.append("</svg>")
        return parts.joined()
    }

    static func shortened(_ label: String) -> String {
        label.count <= longestLabel ? label : String(label.prefix(longestLabel - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// Text as SVG's XML wants it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
