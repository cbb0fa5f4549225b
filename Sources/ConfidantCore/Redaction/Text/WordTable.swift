/// An open-addressing table from folded word hashes to flag bits, read without allocating.
///
/// Each slot keeps its key and flags side by side, so that a lookup touches one cache line:
/// the shipped lexicon has tens of thousands of words, more than the processor's nearest caches.
struct WordTable: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var value: UInt64
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    /// Creates a table with room for about `capacity` words before it grows.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: 0), count: size)
        mask = size - 1
    }

    /// The flags stored for `hash`, or 0.
    @inline(__always)
    func lookup(_ hash: UInt64) -> UInt64 {
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        return slots.withUnsafeBufferPointer { buffer in
            while true {
                let entry = buffer[slot]
                if entry.key == hash { return entry.value }
                if entry.key == 0 { return 0 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds `flags` to whatever is stored for `hash`.
    mutating func insert(_ hash: UInt64, flags: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let key = slots[slot].key
            if key == hash { slots[slot].value |= flags; return }
            if key == 0 {
                slots[slot] = Slot(key: hash, value: flags)
                count += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: 0), count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for entry in old where entry.key != 0 {
            insert(entry.key, flags: entry.value)
        }
    }
}
