/// A span one detector found, in UTF-8 byte offsets, before spans are merged and replaced.
struct Candidate: Sendable {
    /// Offset of the first byte.
    var start: Int
    /// Offset just past the last byte.
    var end: Int
    /// What the span is.
    var type: RedactionType
    /// The index of the known person it names, or -1.
    var known: Int = -1
    /// For a person found without the record: the tokens that hold the name's words, first and
    /// last (the words' hashes are read from them only when the span is replaced, so that a
    /// candidate holds no array and costs nothing to copy, sort and merge).
    var nameTokens: ClosedRange<Int> = 0...0
    /// Whether titles among `nameTokens` are left out of the name's words ("Mrs Hart" is "Hart").
    var nameSkipsTitles = false
    /// Whether the person was named with a title ("Mrs Hart"), which points at an adult.
    var titled = false

    /// Which span decides the type where spans overlap: a known person outranks every other
    /// guess except the whole of an email address or web address that contains the name.
    var priority: Int { known >= 0 ? 88 : type.priority }
}
