/// Facts of one kind of entity (districts or enterprises), stored column by column.
///
/// Rows are the entities in key order (UTF-8 byte order, so USCC order for enterprises);
/// columns are facts. Expressions are compiled against column numbers, so evaluating one over a
/// million enterprises is a walk over contiguous arrays, never a dictionary lookup per fact.
public struct FactTable: Sendable {
    public private(set) var keys: [String]
    public private(set) var factNames: [String]
    public private(set) var columns: [[Value]]
    private var columnIndex: [String: Int]

    public init() {
        keys = []
        factNames = []
        columns = []
        columnIndex = [:]
    }

    /// Builds a table from rows of facts; rows are sorted by key, facts by name.
    public init(rows: [String: [String: Value]]) {
        var names = Set<String>()
        for facts in rows.values { names.formUnion(facts.keys) }
        let sortedKeys = rows.keys.sorted(by: StringSet.precedes)
        let sortedNames = names.sorted(by: StringSet.precedes)
        var columns = [[Value]](
            repeating: [Value](repeating: .missing, count: sortedKeys.count), count: sortedNames.count)
        var columnIndex: [String: Int] = [:]
        for (i, name) in sortedNames.enumerated() { columnIndex[name] = i }
        for (row, key) in sortedKeys.enumerated() {
            for (name, value) in rows[key] ?? [:] {
                if let c = columnIndex[name] { columns[c][row] = value }
            }
        }
        self.keys = sortedKeys
        self.factNames = sortedNames
        self.columns = columns
        self.columnIndex = columnIndex
    }

    /// Builds a table from already sorted, distinct keys and full columns.
    public init(sortedKeys: [String], factNames: [String], columns: [[Value]]) {
        precondition(factNames.count == columns.count, "one column per fact")
        self.keys = sortedKeys
        self.factNames = factNames
        self.columns = columns
        self.columnIndex = Dictionary(factNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var count: Int { keys.count }

    public func column(named name: String) -> Int? { columnIndex[name] }

    /// Binary search over the sorted keys: a million-key table needs no index dictionary.
    public func row(forKey key: String) -> Int? {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            let c = StringSet.compare(keys[mid], key)
            if c == 0 { return mid }
            if c < 0 { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    @inline(__always)
    public func value(row: Int, column: Int) -> Value { columns[column][row] }

    public func value(row: Int, fact: String) -> Value {
        guard let c = columnIndex[fact] else { return .missing }
        return columns[c][row]
    }

    /// Sets one fact of one row, adding the fact's column (missing elsewhere) in name order when the
    /// table has none: how an approved correction applies (docs/SEMANTICS.md §14).
    public mutating func set(_ value: Value, row: Int, fact: String) {
        if let c = columnIndex[fact] {
            columns[c][row] = value
            return
        }
        let at = factNames.firstIndex { StringSet.precedes(fact, $0) } ?? factNames.count
        var column = [Value](repeating: .missing, count: keys.count)
        column[row] = value
        factNames.insert(fact, at: at)
        columns.insert(column, at: at)
        columnIndex = Dictionary(factNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The facts of one row that are present, by name.
    public func facts(row: Int) -> [(name: String, value: Value)] {
        var result: [(String, Value)] = []
        for (c, name) in factNames.enumerated() where !columns[c][row].isMissing {
            result.append((name, columns[c][row]))
        }
        return result
    }
}
