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
