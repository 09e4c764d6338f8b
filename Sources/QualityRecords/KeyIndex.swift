/// Entity key → row, for the combiner: one lookup per accepted record.
///
/// USCCs (18 bytes) and district codes (6) fit in 24 bytes: those are packed into three
/// integers and kept in an open-addressing table of row numbers, so a lookup hashes and
/// compares integers instead of strings (the standard dictionary compares whole strings along
/// each probe chain and rehashes every string as it grows). Longer keys use a dictionary.
struct KeyIndex {
    /// Packed keys by row (zero for long keys); `SourceData` sorts by them too.
    private(set) var packed: [PackedKey] = []
    /// Row + 1 per slot; 0 is empty.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private var used = 0
    private var long: [String: Int] = [:]

    var count: Int { packed.count }

    /// The packed keys when every key could be packed (so they sort exactly as the strings do).
    var sortablePacked: [PackedKey]? { long.isEmpty ? packed : nil }

    /// The row of `key`, adding it as row `count` when new; `isNew` tells which.
    mutating func upsert(_ key: String) -> (row: Int, isNew: Bool) {
        let next = packed.count
        guard let words = PackedKey.words(key) else {
            let row = Self.claim(&long[key, default: -1], next)
            if row == next { packed.append(PackedKey(words: (0, 0, 0), index: next)) }
            return (row, row == next)
        }
        if (used + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var i = Self.hash(words) & mask
        while true {
            let slot = Int(slots[i])
            if slot == 0 {
                slots[i] = Int32(next + 1)
                used += 1
                packed.append(PackedKey(words: words, index: next))
                return (next, true)
            }
            if packed[slot - 1].words == words { return (slot - 1, false) }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    private static func claim(_ slot: inout Int, _ next: Int) -> Int {
        if slot < 0 { slot = next }
        return slot
    }

    @inline(__always)
    private static func hash(_ w: (UInt64, UInt64, UInt64)) -> Int {
        var h = w.0 &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 29) ^ w.1) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 32) ^ w.2) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: h ^ (h >> 31))
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for slot in slots where slot != 0 {
            var i = Self.hash(packed[Int(slot) - 1].words) & mask
            while bigger[i] != 0 { i = (i + 1) & mask }
            bigger[i] = slot
        }
        slots = bigger
    }
}

/// The first 24 UTF-8 bytes of a key as three big-endian integers (zero-padded), and its position:
/// integers order as the keys' bytes do, so they sort and compare without touching strings.
struct PackedKey: Comparable {
    var words: (UInt64, UInt64, UInt64)
    var index: Int

    init(words: (UInt64, UInt64, UInt64), index: Int) {
        self.words = words
        self.index = index
    }

    /// The words of `key`, or nil when it is longer than 24 bytes or holds a NUL byte (which the
    /// zero padding could not tell apart).
    static func words(_ key: String) -> (UInt64, UInt64, UInt64)? {
        // Native strings hand over their bytes: one copy of at most 24 bytes instead of a loop over
        // the UTF-8 view (packing every source's keys was a third of the national scoring run's CPU).
        if let fast = key.utf8.withContiguousStorageIfAvailable(Self.words(bytes:)) { return fast }
        return slowWords(key)
    }

    /// The words of UTF-8 bytes, or nil as above.
    @inline(__always)
    static func words(bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64)? {
        guard bytes.count <= 24, !bytes.contains(0) else { return nil }
        var w: (UInt64, UInt64, UInt64) = (0, 0, 0)
        if let base = bytes.baseAddress {
            withUnsafeMutableBytes(of: &w) { $0.baseAddress?.copyMemory(from: base, byteCount: bytes.count) }
        }
        return (UInt64(bigEndian: w.0), UInt64(bigEndian: w.1), UInt64(bigEndian: w.2))
    }

    static func slowWords(_ key: String) -> (UInt64, UInt64, UInt64)? {
        var w: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = 0
        for byte in key.utf8 {
            guard n < 24, byte != 0 else { return nil }
            let shift = UInt64(56 - 8 * (n & 7))
            switch n >> 3 {
            case 0: w.0 |= UInt64(byte) << shift
            case 1: w.1 |= UInt64(byte) << shift
            default: w.2 |= UInt64(byte) << shift
            }
            n += 1
        }
        return w
    }

    static func < (a: PackedKey, b: PackedKey) -> Bool {
        (a.words.0, a.words.1, a.words.2, a.index) < (b.words.0, b.words.1, b.words.2, b.index)
    }

    static func == (a: PackedKey, b: PackedKey) -> Bool { a.words == b.words && a.index == b.index }
}
