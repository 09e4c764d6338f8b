import Dispatch
import QualityCore

/// Merges the last good data of every source, and the confirmed payouts, into one snapshot (docs/SEMANTICS.md §8 and §9).
///
/// Each source's rows are already sorted by key, so entities are merged with one k-way walk
/// (no hashing of a million keys), and every source column is scattered into the snapshot's
/// columns through a row map: the cost is one pass per source column.
public enum SnapshotAssembler {
    /// The snapshot for `period` from `sources` (in config order: for a fact two sources give,
    /// the later source's value wins where it has one). Payouts are those of the payout sources, in
    /// that order, then the `confirmedPayouts` of the store's confirmed lists that they do not
    /// already hold: the same payment reported by finance and confirmed here counts once. The
    /// caller reads the confirmed payouts, so ingestion needs no store.
    public static func assemble(period: String, sources: [SourceData], confirmedPayouts: [Payout] = []) -> Snapshot {
        Snapshot(
            period: period,
            districts: merge(sources.filter { $0.entity == .district }),
            enterprises: merge(sources.filter { $0.entity == .enterprise }),
            payouts: union(sources.filter { $0.entity == .payout }.flatMap(\.payouts), confirmedPayouts)
        )
    }

    /// `first`, then the payouts of `second` not in `first` (nor earlier in `second`), in order.
    public static func union(_ first: [Payout], _ second: [Payout]) -> [Payout] {
        guard !second.isEmpty else { return first }
        var seen = Set(first)
        var all = first
        for payout in second where seen.insert(payout).inserted { all.append(payout) }
        return all
    }

    /// One fact table from sources whose keys are sorted; facts sorted by name.
    public static func merge(_ parts: [SourceData]) -> FactTable {
        let parts = parts.filter { !$0.keys.isEmpty }
        if parts.isEmpty { return FactTable() }
        let (keys, rowMaps) = unionOfKeys(parts.map(\.keys))

        var names: [String] = []
        var seen: Set<String> = []
        for part in parts {
            for name in part.factNames where seen.insert(name).inserted { names.append(name) }
        }
        names.sort { KeyOrder.compare($0, $1) < 0 }
        var columnOf: [String: Int] = [:]
        for (i, name) in names.enumerated() { columnOf[name] = i }

        // Each snapshot column from the source columns that give its fact, in source order (the
        // later source wins); the columns are independent, so they are filled on every core.
        var sourcesOf = [[(part: Int, column: Int)]](repeating: [], count: names.count)
        for (p, part) in parts.enumerated() {
            for (c, name) in part.factNames.enumerated() {
                if let target = columnOf[name] { sourcesOf[target].append((p, c)) }
            }
        }
        let sources = sourcesOf
        var columns = [[Value]](repeating: [], count: names.count)
        columns.withUnsafeMutableBufferPointer { columns in
            let slots = DisjointSlots(columns)
            DispatchQueue.concurrentPerform(iterations: names.count) { target in
                var out = [Value](repeating: .missing, count: keys.count)
                out.withUnsafeMutableBufferPointer { out in
                    for (p, c) in sources[target] {
                        let rowMap = rowMaps[p]
                        for (r, value) in parts[p].columns[c].enumerated() where !value.isMissing {
                            out[rowMap[r]] = value
                        }
                    }
                }
                slots.set(target, out)
            }
        }
        return FactTable(sortedKeys: keys, factNames: names, columns: columns)
    }

    /// The sorted union of sorted, distinct key lists, and for each list the union row of each key.
    static func unionOfKeys(_ lists: [[String]]) -> (keys: [String], rowMaps: [[Int]]) {
        if lists.count == 1 { return (lists[0], [Array(lists[0].indices)]) }
        if let packed = packedLists(lists) { return unionOfKeys(lists, packed: packed) }
        var keys: [String] = []
        keys.reserveCapacity(lists.map(\.count).max() ?? 0)
        var rowMaps = lists.map { [Int](repeating: 0, count: $0.count) }
        var heads = [Int](repeating: 0, count: lists.count)
        while true {
            var smallest: String?
            for (l, list) in lists.enumerated() where heads[l] < list.count {
                let candidate = list[heads[l]]
                if let s = smallest, KeyOrder.compare(candidate, s) >= 0 { continue }
                smallest = candidate
            }
            guard let key = smallest else { break }
            let row = keys.count
            keys.append(key)
            for (l, list) in lists.enumerated()
            where heads[l] < list.count && KeyOrder.compare(list[heads[l]], key) == 0 {
                rowMaps[l][heads[l]] = row
                heads[l] += 1
            }
        }
        return (keys, rowMaps)
    }

    /// Each list's keys packed into integers that sort as the keys do (`PackedKey`), or nil when
    /// one of them does not pack (longer than 24 bytes).
    private static func packedLists(_ lists: [[String]]) -> [[Words]]? {
        // The lists pack independently, each on a core of its own (a million keys a source).
        var packed = [[Words]?](repeating: nil, count: lists.count)
        packed.withUnsafeMutableBufferPointer { packed in
            let slots = DisjointSlots(packed)
            DispatchQueue.concurrentPerform(iterations: lists.count) { l in
                var words: [Words] = []
                words.reserveCapacity(lists[l].count)
                for key in lists[l] {
                    guard let w = PackedKey.words(key) else { return }
                    words.append(w)
                }
                slots.set(l, words)
            }
        }
        let all = packed.compactMap { $0 }
        return all.count == lists.count ? all : nil
    }

    typealias Words = (UInt64, UInt64, UInt64)

    /// The same walk over packed keys: each key is compared with every list's head, and integers
    /// compare without touching the strings (a national snapshot merges a million USCCs from a dozen
    /// sources; comparing them as strings was most of assembling it).
    private static func unionOfKeys(_ lists: [[String]], packed: [[Words]]) -> (keys: [String], rowMaps: [[Int]]) {
        var keys: [String] = []
        keys.reserveCapacity(lists.map(\.count).max() ?? 0)
        var rowMaps = lists.map { [Int](repeating: 0, count: $0.count) }
        var heads = [Int](repeating: 0, count: lists.count)
        while true {
            var smallest: Words?
            var from = 0
            for l in packed.indices where heads[l] < packed[l].count {
                let candidate = packed[l][heads[l]]
                if let s = smallest, !(candidate < s) { continue }
                smallest = candidate
                from = l
            }
            guard let key = smallest else { break }
            let row = keys.count
            keys.append(lists[from][heads[from]])
            for l in packed.indices where heads[l] < packed[l].count && packed[l][heads[l]] == key {
                rowMaps[l][heads[l]] = row
                heads[l] += 1
            }
        }
        return (keys, rowMaps)
    }
}

/// The slots of a buffer for `concurrentPerform`, which wants a `Sendable` closure: iteration `i`
/// writes slot `i` and no other, so no slot is written twice at once. Valid while the buffer is.
struct DisjointSlots<Element>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element>?

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { base = buffer.baseAddress }

    func set(_ i: Int, _ value: Element) { base?[i] = value }
}
