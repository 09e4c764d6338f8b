/// Collects rows of facts in any order, column by column, and builds a `FactTable` sorted by key.
///
/// Reading a national snapshot through a dictionary per entity cost most of the load time;
/// appending to columns does not.
public struct FactTableBuilder {
    private var keys: [String] = []
    private var names: [String] = []
    /// Each name's UTF-8 bytes, so a reader can find a column without making a string of the key.
    private var namesUTF8: [[UInt8]] = []
    private var nameIndex: [String: Int] = [:]
    private var columns: [[Value]] = []

    /// Rows expected in all (`expectRows`): each column is allocated for them when it is made.
    private var expected = 0

    public init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
    }

    /// The rows added so far.
    public var rows: Int { keys.count }

    /// Allocates the keys and every column for `n` rows at once (more rows still fit).
    public mutating func expectRows(_ n: Int) {
        guard n > keys.count else { return }
        expected = n
        keys.reserveCapacity(n)
        for c in columns.indices { columns[c].reserveCapacity(n) }
    }

    /// Starts a row and returns its number; a later row with the same key replaces it whole.
    public mutating func addRow(_ key: String) -> Int {
        keys.append(key)
        return keys.count - 1
    }

    public mutating func set(_ value: Value, fact: String, row: Int) {
        set(value, column: column(named: fact) ?? addColumn(fact), row: row)
    }

    /// The column of `fact`, if a value was set for it (names compare as Swift strings do).
    public func column(named fact: String) -> Int? { nameIndex[fact] }

    /// The column whose name has exactly these UTF-8 bytes; `predicted` is tried first.
    public func column(utf8 bytes: UnsafeBufferPointer<UInt8>, predicted: Int?) -> Int? {
        if let p = predicted, p >= 0, p < namesUTF8.count, Self.equal(namesUTF8[p], bytes) { return p }
        for c in namesUTF8.indices where Self.equal(namesUTF8[c], bytes) { return c }
        return nil
    }

    @inline(__always)
    private static func equal(_ name: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count == bytes.count else { return false }
        return name.withUnsafeBufferPointer { n in
            var k = 0
            while k < n.count {
                if n[k] != bytes[k] { return false }
                k += 1
            }
            return true
        }
    }

    /// The name of a column.
    public func name(ofColumn c: Int) -> String { names[c] }

    /// A new, empty column for `fact` (which has none yet).
    public mutating func addColumn(_ fact: String) -> Int {
        let c = names.count
        names.append(fact)
        namesUTF8.append(Array(fact.utf8))
        nameIndex[fact] = c
        columns.append([])
        if expected > 0 { columns[c].reserveCapacity(expected) }
        return c
    }

    public mutating func set(_ value: Value, column c: Int, row: Int) {
        if columns[c].count == row {
            columns[c].append(value)
            return
        }
        if columns[c].count < row {
            columns[c].append(contentsOf: repeatElement(.missing, count: row + 1 - columns[c].count))
        }
        columns[c][row] = value
    }

    /// The table, sorted by key; the builder is left empty. Its columns are moved, not copied, when
    /// the rows came sorted (a canonical snapshot): copying a national snapshot's columns retained
    /// every string in them once more.
    public mutating func build() -> FactTable {
        var keys: [String] = []
        var columns: [[Value]] = []
        swap(&keys, &self.keys)
        swap(&columns, &self.columns)
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
            var column: [Value] = []
            swap(&column, &columns[c])
            if identity {
                if column.count < n { column.append(contentsOf: repeatElement(Value.missing, count: n - column.count)) }
                return column
            }
            return kept.map { $0 < column.count ? column[$0] : .missing }
        }
        let factNames = nameOrder.map { names[$0] }
        names = []
        namesUTF8 = []
        nameIndex = [:]
        return FactTable(
            sortedKeys: identity ? keys : kept.map { keys[$0] }, factNames: factNames, columns: sortedColumns)
    }
}
