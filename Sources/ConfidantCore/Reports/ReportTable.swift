/// One table of a report: a row per thing counted, with the count in the period chosen and in the period before.
/// The page, the chart, the CSV and the printed report are all drawn from it, so they cannot disagree.
public struct ReportTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let label: String
        /// The figure in the period chosen and in the period before, as shown (small numbers already held back).
        public let current: String
        public let previous: String
        /// The count the chart draws as a bar; nil for a figure that is not a count (a percentage, a time) or is held back.
        public let bar: Int?

        /// A count in each period.
        public static func count(_ label: String, current: Int, previous: Int) -> Row {
            let shown = ReportNumber(current)
            return Row(label: label, current: shown.text, previous: ReportNumber(previous).text, bar: shown.isSuppressed ? nil : current)
        }

        /// A figure that is not a count, already in words.
        public static func words(_ label: String, current: String, previous: String) -> Row {
            Row(label: label, current: current, previous: previous, bar: nil)
        }
    }

    /// A short name for links and file names ("by-category").
    public let id: String
    public let title: String
    /// What the first column holds ("Category").
    public let rowHeading: String
    public let rows: [Row]
    /// Whether it is drawn as bars (counts of a kind), not only listed.
    public let charted: Bool
    /// Whether it has a column for the period before (a count by month has not: its months are the period's own).
    public let compared: Bool

    public init(id: String, title: String, rowHeading: String, rows: [Row], charted: Bool = true, compared: Bool = true) {
        self.id = id
        self.title = title
        self.rowHeading = rowHeading
        self.rows = rows
        self.charted = charted
        self.compared = compared
    }

    /// The largest bar, for scaling a chart (at least 1).
    public var largestBar: Int { max(rows.compactMap(\.bar).max() ?? 0, 1) }

    /// The table as CSV (RFC 4180), with the small-number rule applied: no exact count under 5 leaves it.
    public func csv(current: String, previous: String) -> String {
        let heading = compared ? [rowHeading, current, previous] : [rowHeading, current]
        var lines = [heading.map(Self.csvField).joined(separator: ",")]
        for row in rows {
            let fields = compared ? [row.label, row.current, row.previous] : [row.label, row.current]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One CSV field, quoted when it holds a comma, quote or line break; a leading =, +, - or @ is put behind a
    /// quote mark so a spreadsheet never runs it as a formula (OWASP CSV injection).
    public static func csvField(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
