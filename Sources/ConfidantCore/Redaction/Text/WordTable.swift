/// An open-addressing table from folded word hashes to flag bits, read without allocating.
struct WordTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt32]
    private var mask: Int
    private(set) var count = 0

    /// Creates a table with room for about `capacity` words before it grows.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The flags stored for `hash`, or 0.
    func lookup(_ hash: UInt64) -> UInt32 {
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let key = keys[slot]
            if key == hash { return values[slot] }
            if key == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `flags` to whatever is stored for `hash`.
    mutating func insert(_ hash: UInt64, flags: UInt32) {
        if (count + 1) * 2 > keys.count { grow() }
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let key = keys[slot]
            if key == hash { values[slot] |= flags; return }
            if key == 0 {
                keys[slot] = hash
                values[slot] = flags
                count += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 {
            insert(key, flags: value)
        }
    }
}
