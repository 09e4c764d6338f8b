import QualityCore

/// What one successful pull of one source yields: its entities' combined facts, sorted by key,
/// or its payouts. The unit the ingest state keeps as a source's "last good data".
public struct SourceData: Sendable {
    public var sourceID: String
    /// The period the data was pulled for.
    public var period: String
    public var entity: EntityKind
    /// Entity keys (USCCs or district codes), distinct, in UTF-8 byte order.
    public var keys: [String]
    /// The facts this source provides, in config order.
    public var factNames: [String]
    /// One column per fact, aligned with `keys`; `.missing` where the entity has no value.
    public var columns: [[Value]]
    /// Payout sources: every accepted record, in record order.
    public var payouts: [Payout]

    public init(
        sourceID: String, period: String, entity: EntityKind, keys: [String] = [], factNames: [String] = [],
        columns: [[Value]] = [], payouts: [Payout] = []
    ) {
        self.sourceID = sourceID
        self.period = period
        self.entity = entity
        self.keys = keys
        self.factNames = factNames
        self.columns = columns
        self.payouts = payouts
    }

    /// Entities (or payouts) this source contributes.
    public var count: Int { entity == .payout ? payouts.count : keys.count }

    /// The value of `fact` for the entity `key`; `.missing` when either is unknown.
    public func value(key: String, fact: String) -> Value {
        guard let c = factNames.firstIndex(of: fact), let r = Self.search(keys, key) else { return .missing }
        return columns[c][r]
    }

    /// Builds source data from entities in any order, sorting rows by key.
    public init(
        sourceID: String, period: String, entity: EntityKind, unsortedKeys: [String], factNames: [String],
        columns: [[Value]]
    ) {
        self.init(
            sourceID: sourceID, period: period, entity: entity, unsortedKeys: unsortedKeys, packed: nil,
            factNames: factNames, columns: columns)
    }

    /// As above, with the keys already packed (by the combiner's key index).
    init(
        sourceID: String, period: String, entity: EntityKind, unsortedKeys: [String], packed: [PackedKey]?,
        factNames: [String], columns: [[Value]]
    ) {
        let order = KeyOrder.sortedIndices(unsortedKeys, packed: packed)
        let inOrder = order.indices.allSatisfy { order[$0] == $0 }
        self.init(
            sourceID: sourceID, period: period, entity: entity,
            keys: inOrder ? unsortedKeys : order.map { unsortedKeys[$0] }, factNames: factNames,
            columns: inOrder ? columns : columns.map { column in order.map { column[$0] } })
    }

    static func search(_ keys: [String], _ key: String) -> Int? {
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            let c = KeyOrder.compare(keys[mid], key)
            if c == 0 { return mid }
            if c < 0 { low = mid + 1 } else { high = mid }
        }
        return nil
    }
}

/// Keys in UTF-8 byte order (the order of `FactTable` rows), compared without Unicode normalization.
enum KeyOrder {
    /// -1, 0 or 1 as `a` sorts before, with or after `b`.
    @inline(__always)
    static func compare(_ a: String, _ b: String) -> Int {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb -> Int in
                let n = min(pa.count, pb.count)
                for i in 0..<n where pa[i] != pb[i] { return pa[i] < pb[i] ? -1 : 1 }
                return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
            }
        }
        if let fast, let result = fast { return result }
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// The permutation that sorts `keys`.
    ///
    /// Sorting a million USCCs by comparing strings costs seconds; keys of up to 24 bytes (all
    /// USCCs and district codes) sort as packed integers, longer ones as strings.
    static func sortedIndices(_ keys: [String], packed: [PackedKey]? = nil) -> [Int] {
        // Already sorted input (a bureau that pages in USCC order) costs one pass.
        if zip(keys, keys.dropFirst()).allSatisfy({ compare($0, $1) < 0 }) { return Array(keys.indices) }
        var packed = packed ?? []
        if packed.count != keys.count {
            packed = []
            packed.reserveCapacity(keys.count)
            for (i, key) in keys.enumerated() {
                guard let words = PackedKey.words(key) else {
                    return keys.indices.sorted { compare(keys[$0], keys[$1]) < 0 }
                }
                packed.append(PackedKey(words: words, index: i))
            }
        }
        packed.sort()
        return packed.map(\.index)
    }
}
