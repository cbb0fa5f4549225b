/// A closed vocabulary whose words can be kept in a ``VocabularySet``.
public protocol VocabularyElement: Hashable, Sendable {
    /// Every word, in the order sets list them; at most 32.
    static var ordered: [Self] { get }
    /// The word's position in ``ordered``.
    var bitIndex: Int { get }
}

/// A set of words from a closed vocabulary, listed in the vocabulary's order.
///
/// Decisions carry their obligations, next steps and reasons as bit sets so that deciding
/// allocates nothing: the engine runs millions of times a second and the sets are plain values.
public struct VocabularySet<Element: VocabularyElement>: Hashable, Sendable, Sequence, ExpressibleByArrayLiteral {
    /// One bit per word, bit `i` for the word at position `i`.
    public private(set) var bits: UInt32

    /// Creates the empty set.
    public init() { bits = 0 }

    /// Creates a set holding the given words.
    public init(arrayLiteral elements: Element...) {
        bits = 0
        for element in elements { insert(element) }
    }

    /// Creates a set from raw bits (bits beyond the vocabulary are dropped).
    public init(bits: UInt32) {
        let count = Element.ordered.count
        self.bits = count >= 32 ? bits : bits & ((1 << UInt32(count)) - 1)
    }

    /// Creates a set holding one word.
    public init(_ element: Element) {
        bits = 1 << UInt32(element.bitIndex)
    }

    /// Whether the set holds no word.
    public var isEmpty: Bool { bits == 0 }

    /// How many words the set holds.
    public var count: Int { bits.nonzeroBitCount }

    /// Whether the set holds the word.
    public func contains(_ element: Element) -> Bool { bits & (1 << UInt32(element.bitIndex)) != 0 }

    /// Adds a word.
    public mutating func insert(_ element: Element) { bits |= 1 << UInt32(element.bitIndex) }

    /// Removes a word.
    public mutating func remove(_ element: Element) { bits &= ~(1 << UInt32(element.bitIndex)) }

    /// This set with one more word.
    public func inserting(_ element: Element) -> VocabularySet {
        VocabularySet(rawBits: bits | 1 << UInt32(element.bitIndex))
    }

    /// The words of both sets.
    public func union(_ other: VocabularySet) -> VocabularySet { VocabularySet(rawBits: bits | other.bits) }

    /// The first word in vocabulary order, if any.
    public var first: Element? {
        bits == 0 ? nil : Element.ordered[bits.trailingZeroBitCount]
    }

    /// The words in vocabulary order, as an array.
    public var elements: [Element] { Array(self) }

    /// Iterates the words in vocabulary order.
    public func makeIterator() -> Iterator { Iterator(remaining: bits) }

    private init(rawBits: UInt32) { bits = rawBits }

    /// Iterates the words of a set in vocabulary order.
    public struct Iterator: IteratorProtocol {
        var remaining: UInt32

        /// The next word, or nil at the end.
        public mutating func next() -> Element? {
            guard remaining != 0 else { return nil }
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return Element.ordered[index]
        }
    }
}
