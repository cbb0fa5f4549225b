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
    /// For a person found without the record: the folded hashes of the name's words (titles left out).
    var nameHashes: [UInt64] = []
    /// Whether the person was named with a title ("Mrs Hart"), which points at an adult.
    var titled = false

    /// Which span decides the type where spans overlap: a known person outranks every other
    /// guess except the whole of an email address or web address that contains the name.
    var priority: Int { known >= 0 ? 88 : type.priority }
}
