/// Collects rows of facts in any order, column by column, and builds a `FactTable` sorted by key.
///
/// Reading a national snapshot through a dictionary per entity cost most of the load time;
/// appending to columns does not.
public struct FactTableBuilder {
    private var keys: [String] = []
    private var names: [String] = []
    private var nameIndex: [String: Int] = [:]
    private var columns: [[Value]] = []

    public init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
    }

    /// Starts a row and returns its number; a later row with the same key replaces it whole.
    public mutating func addRow(_ key: String) -> Int {
        keys.append(key)
        return keys.count - 1
    }

    public mutating func set(_ value: Value, fact: String, row: Int) {
        let c: Int
        if let existing = nameIndex[fact] {
            c = existing
        } else {
            c = names.count
            names.append(fact)
            nameIndex[fact] = c
            columns.append([])
        }
        if columns[c].count <= row {
            columns[c].append(contentsOf: repeatElement(.missing, count: row + 1 - columns[c].count))
        }
        columns[c][row] = value
    }

    public func build() -> FactTable {
        let n = keys.count
        var order = Array(0..<n)
        var alreadySorted = true
        if n > 1 {
            for i in 1..<n where StringSet.compare(keys[i - 1], keys[i]) >= 0 {
                alreadySorted = false
                break
            }
        }
        if !alreadySorted {
            // Stable, so among rows with the same key the last one stays last.
            order.sort {
                let c = StringSet.compare(keys[$0], keys[$1])
                return c != 0 ? c < 0 : $0 < $1
            }
        }
        var kept: [Int] = []
        kept.reserveCapacity(n)
        for (j, row) in order.enumerated() {
            if j + 1 < order.count, StringSet.same(keys[order[j + 1]], keys[row]) { continue }
            kept.append(row)
        }
        let nameOrder = names.indices.sorted { StringSet.precedes(names[$0], names[$1]) }
        let identity = alreadySorted && kept.count == n
        let sortedColumns: [[Value]] = nameOrder.map { c in
            let column = columns[c]
            if identity {
                return column.count == n
                    ? column : column + repeatElement(Value.missing, count: n - column.count)
            }
            return kept.map { $0 < column.count ? column[$0] : .missing }
        }
        return FactTable(
            sortedKeys: kept.map { keys[$0] }, factNames: nameOrder.map { names[$0] }, columns: sortedColumns)
    }
}
