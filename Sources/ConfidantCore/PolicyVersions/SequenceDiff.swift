/// Longest-common-subsequence alignment of two sequences of tokens (words or paragraphs as ids).
///
/// The common start and end are matched first, which makes a small edit to a long section
/// cheap; the table for the rest is bounded by ``maximumCells``, so a huge rewrite falls back
/// to a coarser diff instead of exhausting memory.
enum SequenceDiff {
    /// One step of an alignment, with positions in the old and new sequences.
    enum Step: Equatable {
        case same(old: Int, new: Int)
        case deleted(old: Int)
        case inserted(new: Int)
    }

    /// The most table cells (old tokens × new tokens, after the common start and end) searched exactly.
    static let maximumCells = 4_000_000

    /// An alignment with as many tokens kept as possible, deletions before insertions within a
    /// change; or nil when the part that differs is too large to search (more than `cellLimit` cells).
    static func steps(from old: [Int], to new: [Int], cellLimit: Int = maximumCells) -> [Step]? {
        let (prefix, suffix) = commonEnds(old, new)
        let oldMiddle = Array(old[prefix..<(old.count - suffix)])
        let newMiddle = Array(new[prefix..<(new.count - suffix)])
        // Lengths fit in UInt16 because min(n, m) ≤ √cellLimit ≤ 65,535.
        let limit = min(cellLimit, 65_535 * 65_535)
        guard oldMiddle.isEmpty || newMiddle.isEmpty || oldMiddle.count * newMiddle.count <= limit else {
            return nil
        }
        var steps = (0..<prefix).map { Step.same(old: $0, new: $0) }
        steps.reserveCapacity(old.count + new.count - prefix)
        for step in middleSteps(oldMiddle, newMiddle) {
            switch step {
            case .same(let o, let n): steps.append(.same(old: o + prefix, new: n + prefix))
            case .deleted(let o): steps.append(.deleted(old: o + prefix))
            case .inserted(let n): steps.append(.inserted(new: n + prefix))
            }
        }
        appendSuffix(&steps, suffix: suffix, oldCount: old.count, newCount: new.count)
        return steps
    }

    /// An alignment that keeps the common start and end and replaces everything between: the
    /// last resort for a rewrite too large even paragraph by paragraph.
    static func coarseSteps(from old: [Int], to new: [Int]) -> [Step] {
        let (prefix, suffix) = commonEnds(old, new)
        var steps = (0..<prefix).map { Step.same(old: $0, new: $0) }
        steps += (prefix..<(old.count - suffix)).map { Step.deleted(old: $0) }
        steps += (prefix..<(new.count - suffix)).map { Step.inserted(new: $0) }
        appendSuffix(&steps, suffix: suffix, oldCount: old.count, newCount: new.count)
        return steps
    }

    /// The lengths of the common start and of the common end, not overlapping.
    private static func commonEnds(_ old: [Int], _ new: [Int]) -> (prefix: Int, suffix: Int) {
        let shorter = min(old.count, new.count)
        var prefix = 0
        while prefix < shorter && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < shorter - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        return (prefix, suffix)
    }

    private static func appendSuffix(_ steps: inout [Step], suffix: Int, oldCount: Int, newCount: Int) {
        for offset in stride(from: suffix, to: 0, by: -1) {
            steps.append(.same(old: oldCount - offset, new: newCount - offset))
        }
    }

    /// The alignment of two sequences from a table of suffix LCS lengths, walked from the start.
    private static func middleSteps(_ a: [Int], _ b: [Int]) -> [Step] {
        let n = a.count
        let m = b.count
        if n == 0 { return (0..<m).map { Step.inserted(new: $0) } }
        if m == 0 { return (0..<n).map { Step.deleted(old: $0) } }
        let width = m + 1
        // lengths[i * width + j] = length of an LCS of a[i...] and b[j...].
        var lengths = [UInt16](repeating: 0, count: (n + 1) * width)
        lengths.withUnsafeMutableBufferPointer { table in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in stride(from: n - 1, through: 0, by: -1) {
                        let row = i * width
                        let below = row + width
                        for j in stride(from: m - 1, through: 0, by: -1) {
                            if a[i] == b[j] {
                                table[row + j] = table[below + j + 1] &+ 1
                            } else {
                                table[row + j] = max(table[below + j], table[row + j + 1])
                            }
                        }
                    }
                }
            }
        }
        var steps: [Step] = []
        steps.reserveCapacity(n + m)
        var i = 0
        var j = 0
        while i < n && j < m {
            if a[i] == b[j] {
                steps.append(.same(old: i, new: j))
                i += 1
                j += 1
            } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                steps.append(.deleted(old: i))
                i += 1
            } else {
                steps.append(.inserted(new: j))
                j += 1
            }
        }
        while i < n { steps.append(.deleted(old: i)); i += 1 }
        while j < m { steps.append(.inserted(new: j)); j += 1 }
        return steps
    }
}
