/// Drawing a QR code as SVG for the public pages and posters.
extension QRCode {
    /// The code as a standalone SVG: a white square and one black path, with a quiet zone of `quietZone` modules.
    ///
    /// The SVG has a `viewBox` in module units and no width or height, so it scales to its box
    /// on screen and in print; colours are `fill` attributes (no `style`, no script) so a strict
    /// Content-Security-Policy allows it inline. `label` becomes `role="img"` and `aria-label`
    /// for screen readers (WCAG 1.1.1): say where the code leads.
    public func svg(quietZone: Int = 4, label: String? = nil) -> String {
        let border = max(quietZone, 0)
        let width = size + 2 * border
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size, isDark(row: row, column: column) { column += 1 }
                path += "M\(start + border) \(row + border)h\(column - start)v1h-\(column - start)z"
            }
        }
        var attributes = "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(width)\" shape-rendering=\"crispEdges\""
        if let label {
            attributes += " role=\"img\" aria-label=\"\(Self.escapedAttribute(label))\""
        }
        return "<svg \(attributes)><rect width=\"\(width)\" height=\"\(width)\" fill=\"#ffffff\"/>"
            + "<path fill=\"#000000\" d=\"\(path)\"/></svg>"
    }

    /// Text made safe for a double-quoted XML attribute.
    static func escapedAttribute(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
