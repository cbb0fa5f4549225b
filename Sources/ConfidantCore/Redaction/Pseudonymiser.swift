/// Hands out pseudonyms: one per person, stable within a text and, when the same value is passed on (or stored), across texts.
///
/// [Limited confidentiality]: a disclosure may be discussed with other professionals
/// without identifying the person, so every mention of one person must read as the same
/// stand-in ("Child A") and different people must never share one. Known people get
/// letters in the order the case record lists them within their role, so the same record
/// gives the same pseudonyms in every text of a share; people found only in the text get
/// `Person` letters after those the record's `other` people use, in order of first mention.
public struct Pseudonymiser: Sendable, Hashable, Codable {
    /// One person found in text: the words of their fullest name so far, and whether a title named them.
    private struct Entry: Sendable, Hashable, Codable {
        var words: [UInt64]
        var titled: Bool
    }

    /// The unknown people met so far, by order of first mention.
    private var unknownPeople: [Entry] = []

    /// Creates a pseudonymiser that has met no one yet.
    public init() {}

    /// The number of people found in text, outside the record, that have a pseudonym.
    public var unknownCount: Int { unknownPeople.count }

    /// The pseudonym of each known person, by the record's order within each role.
    public static func knownPseudonyms(for people: [KnownPerson]) -> [String] {
        var next: [PersonRole: Int] = [:]
        return people.map { person in
            let n = next[person.role, default: 0]
            next[person.role] = n + 1
            return pseudonym(stem: person.role.pseudonymStem, letters: n)
        }
    }

    /// The pseudonym for a person found in the text whose name has the given word hashes.
    ///
    /// A name that shares all its words with one met before ("Tyler" after "Tyler Brook",
    /// or the reverse) is the same person; the record's `other` people use the first letters.
    mutating func pseudonym(forUnknown words: [UInt64], titled: Bool = false, lettersTaken: Int) -> String {
        let index = personIndex(words, titled: titled)
        return Self.pseudonym(stem: PersonRole.other.pseudonymStem, letters: lettersTaken + index)
    }

    /// A title with a surname ("Mrs Hart") is not the child "Kayden Hart" whose surname it shares:
    /// it joins only a person also named with a title, or one named by that word alone.
    private mutating func personIndex(_ words: [UInt64], titled: Bool) -> Int {
        if let exact = unknownPeople.firstIndex(where: { $0.words == words }) {
            if titled { unknownPeople[exact].titled = true }
            return exact
        }
        let wordSet = Set(words)
        for (index, known) in unknownPeople.enumerated() {
            let knownSet = Set(known.words)
            if titled && !known.titled && known.words.count > 1 && knownSet != wordSet { continue }
            if wordSet.isSubset(of: knownSet) { return index }
            if knownSet.isSubset(of: wordSet) {
                if known.titled && !titled && known.words.count == 1 {
                    // "Mrs Hart" then "Dana Hart": the full name of the titled person.
                    unknownPeople[index].words = words
                    return index
                }
                if !known.titled || titled {
                    unknownPeople[index].words = words
                    return index
                }
            }
        }
        unknownPeople.append(Entry(words: words, titled: titled))
        return unknownPeople.count - 1
    }

    /// Spreadsheet-style letters: 0 → A, 25 → Z, 26 → AA, 27 → AB.
    public static func letters(_ n: Int) -> String {
        pseudonym(stem: "", letters: n)
    }

    /// The stem, a space unless the stem is empty, and the spreadsheet-style letters of `n`:
    /// written into a stack buffer and made a string once, as every replaced mention needs one.
    static func pseudonym(stem: String, letters n: Int) -> String {
        var stem = stem
        return stem.withUTF8 { stemBytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: stemBytes.count + 1 + 16) { buffer in
                var end = 0
                for b in stemBytes {
                    buffer[end] = b
                    end += 1
                }
                if end > 0 {
                    buffer[end] = 0x20
                    end += 1
                }
                // The letters, last first, at the end of the buffer; then moved after the stem.
                var n = max(0, n)
                var first = buffer.count
                repeat {
                    first -= 1
                    buffer[first] = UInt8(65 + n % 26)
                    n = n / 26 - 1
                } while n >= 0
                for k in first..<buffer.count {
                    buffer[end] = buffer[k]
                    end += 1
                }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<end]), as: UTF8.self)
            }
        }
    }
}
