extension String {
    /// Whether the text is longer than `limit` characters, counted as Unicode code points.
    ///
    /// Swift's `count` counts grapheme clusters, and one cluster may carry any number of combining
    /// marks: 300,000 code points can be a single "character". Limits on what people type are
    /// therefore counted in code points, and the bytes are capped at four per code point too.
    public func exceedsLimit(_ limit: Int) -> Bool {
        utf8.count > limit * 4 || unicodeScalars.count > limit
    }
}

extension Int {
    /// The number as people write it, in groups of three: "20,000".
    public var grouped: String {
        var digits = String(magnitude)
        var groups = ""
        while digits.count > 3 {
            groups = "," + digits.suffix(3) + groups
            digits.removeLast(3)
        }
        return (self < 0 ? "-" : "") + digits + groups
    }
}
