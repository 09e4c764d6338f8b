import QualityCore

/// Combines the accepted records of each entity per fact (docs/SEMANTICS.md §9), column by column.
///
/// One row per entity in first-seen order; each fact keeps a flat array of its kind (numbers
/// with NaN for "none yet", values, string lists), so adding a record is one dictionary lookup
/// for the entity and then array stores, whatever the number of facts.
public struct Combiner {
    public let facts: [String]
    private let modes: [Combine]
    /// Fact → index into the storage of its kind.
    private let slot: [Int]
    public private(set) var keys: [String] = []
    private(set) var index = KeyIndex()
    private var numbers: [[Double]]
    private var values: [[Value]]
    private var sets: [[[String]]]
    /// Accepted records per entity (every `count` fact is this number).
    private var counts: [Int] = []

    public init(facts: [String], modes: [Combine]) {
        self.facts = facts
        self.modes = modes
        var slot: [Int] = []
        var n = 0, v = 0, s = 0
        for mode in modes {
            switch mode {
            case .sum, .min, .max:
                slot.append(n)
                n += 1
            case .first, .last:
                slot.append(v)
                v += 1
            case .set:
                slot.append(s)
                s += 1
            case .count: slot.append(0)
            }
        }
        self.slot = slot
        numbers = Array(repeating: [], count: n)
        values = Array(repeating: [], count: v)
        sets = Array(repeating: [], count: s)
    }

    public var entityCount: Int { keys.count }

    /// Adds one accepted record: `record[f]` is fact f's converted value (`.missing` when absent).
    /// Values of sum/min/max facts are numbers (the validator rejects others).
    public mutating func add(key: String, record: [Value]) {
        let (row, isNew) = index.upsert(key)
        if isNew {
            keys.append(key)
            counts.append(0)
            for i in numbers.indices { numbers[i].append(.nan) }
            for i in values.indices { values[i].append(.missing) }
            for i in sets.indices { sets[i].append([]) }
        }
        counts[row] += 1
        for (f, mode) in modes.enumerated() {
            let value = record[f]
            if case .missing = value { continue }
            let k = slot[f]
            switch mode {
            case .sum, .min, .max:
                guard case .number(let x) = value else { continue }
                let old = numbers[k][row]
                if old.isNaN {
                    numbers[k][row] = x
                } else if mode == .sum {
                    numbers[k][row] = old + x
                } else if mode == .min ? x < old : x > old {
                    numbers[k][row] = x
                }
            case .first:
                if case .missing = values[k][row] { values[k][row] = value }
            case .last:
                values[k][row] = value
            case .set:
                switch value {
                case .string(let s): sets[k][row].append(s)
                case .number(let x): sets[k][row].append(FieldConverter.text(of: x))
                case .bool(let b): sets[k][row].append(b ? "true" : "false")
                case .set(let members): sets[k][row].append(contentsOf: members.elements)
                case .missing: break
                }
            case .count:
                break
            }
        }
    }

    /// The combined facts, one column per fact in `facts` order, rows in `keys` order.
    public func columns() -> [[Value]] {
        var columns: [[Value]] = []
        columns.reserveCapacity(facts.count)
        for (f, mode) in modes.enumerated() {
            let k = slot[f]
            switch mode {
            case .sum, .min, .max: columns.append(numbers[k].map { $0.isNaN ? .missing : .from($0) })
            case .first, .last: columns.append(values[k])
            case .set: columns.append(sets[k].map { .set(StringSet($0)) })
            case .count: columns.append(counts.map { .number(Double($0)) })
            }
        }
        return columns
    }
}
