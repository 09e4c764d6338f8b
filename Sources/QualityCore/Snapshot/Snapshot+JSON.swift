/// A snapshot file that does not have the shape of SPEC section 8; `path` names the culprit.
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

extension Snapshot {
    /// Reads a snapshot from JSON bytes.
    public static func parse(json bytes: [UInt8]) throws -> Snapshot {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw SnapshotError(path: "", message: "invalid JSON at \(error.line):\(error.column): \(error.message)")
        }
        return try Snapshot(json: root)
    }

    public init(json root: JSONValue) throws {
        guard case .object(let object) = root else {
            throw SnapshotError(path: "", message: "expected an object, found \(root.kindName)")
        }
        let period: String
        switch object["period"] {
        case .string(let p)?: period = p
        case .number(let n)? where n == n.rounded(): period = String(Int(n))
        default: throw SnapshotError(path: "period", message: "expected a period such as \"2025\"")
        }
        self.init(
            period: period,
            districts: try Self.table(object["districts"], path: "districts"),
            enterprises: try Self.table(object["enterprises"], path: "enterprises"),
            payouts: try Self.payouts(object["payouts"])
        )
    }

    private static func table(_ value: JSONValue?, path: String) throws -> FactTable {
        guard let value, value != .null else { return FactTable() }
        guard case .object(let entities) = value else {
            throw SnapshotError(path: path, message: "expected an object keyed by code, found \(value.kindName)")
        }
        var builder = FactTableBuilder(capacity: entities.count)
        for (key, facts) in entities.pairs {
            guard case .object(let factObject) = facts else {
                throw SnapshotError(
                    path: "\(path).\(key)", message: "expected an object of facts, found \(facts.kindName)")
            }
            let row = builder.addRow(key)
            for (name, raw) in factObject.pairs {
                let value = try factValue(raw, path: "\(path).\(key).\(name)")
                if !value.isMissing { builder.set(value, fact: name, row: row) }
            }
        }
        return builder.build()
    }

    /// A fact: number, string, boolean or array of strings; `null` is missing.
    public static func factValue(_ raw: JSONValue, path: @autoclosure () -> String) throws -> Value {
        switch raw {
        case .null: return .missing
        case .bool(let b): return .bool(b)
        case .number(let x): return .from(x)
        case .string(let s): return .string(s)
        case .array(let items):
            var strings: [String] = []
            for item in items {
                guard case .string(let s) = item else {
                    throw SnapshotError(
                        path: path(), message: "an array fact holds strings only, found \(item.kindName)")
                }
                strings.append(s)
            }
            return .set(StringSet(strings))
        case .object:
            throw SnapshotError(path: path(), message: "a fact is a number, string, boolean or array of strings")
        }
    }

    private static func payouts(_ value: JSONValue?) throws -> [Payout] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else {
            throw SnapshotError(path: "payouts", message: "expected an array, found \(value.kindName)")
        }
        var result: [Payout] = []
        for (n, item) in items.enumerated() {
            let path = "payouts[\(n)]"
            guard case .object(let o) = item else {
                throw SnapshotError(path: path, message: "expected an object, found \(item.kindName)")
            }
            guard case .string(let uscc)? = o["uscc"] else {
                throw SnapshotError(path: "\(path).uscc", message: "expected a string")
            }
            guard case .string(let program)? = o["program"] else {
                throw SnapshotError(path: "\(path).program", message: "expected a string")
            }
            guard case .number(let year)? = o["year"], year == year.rounded(), abs(year) < 100_000 else {
                throw SnapshotError(path: "\(path).year", message: "expected a whole year")
            }
            guard case .number(let fen)? = o["granted_fen"], fen == fen.rounded(), abs(fen) < 9e15 else {
                throw SnapshotError(path: "\(path).granted_fen", message: "expected a whole number of fen")
            }
            result.append(Payout(uscc: uscc, program: program, year: Int(year), grantedFen: Int64(fen)))
        }
        return result
    }

    /// The snapshot as JSON: keys sorted, payouts sorted, canonical for hashing or pretty for people.
    public func json(style: JSONWriter.Style = .canonical) -> [UInt8] {
        var w = JSONWriter(style: style, reserve: enterprises.count * 256)
        w.beginObject()
        w.key("districts")
        Self.write(districts, into: &w)
        w.key("enterprises")
        Self.write(enterprises, into: &w)
        w.key("payouts")
        w.beginArray()
        for p in payouts.sorted(by: Self.payoutOrder) {
            w.beginObject()
            w.key("granted_fen")
            w.integer(p.grantedFen)
            w.key("program")
            w.string(p.program)
            w.key("uscc")
            w.string(p.uscc)
            w.key("year")
            w.integer(p.year)
            w.endObject()
        }
        w.endArray()
        w.key("period")
        w.string(period)
        w.endObject()
        return w.bytes
    }

    /// SHA-256 of the canonical JSON, hex.
    public var sha256: String { SHA256.hex(json(style: .canonical)) }

    static func payoutOrder(_ a: Payout, _ b: Payout) -> Bool {
        if a.uscc != b.uscc { return StringSet.precedes(a.uscc, b.uscc) }
        if a.program != b.program { return StringSet.precedes(a.program, b.program) }
        if a.year != b.year { return a.year < b.year }
        return a.grantedFen < b.grantedFen
    }

    private static func write(_ table: FactTable, into w: inout JSONWriter) {
        w.beginObject()
        for row in 0..<table.count {
            w.key(table.keys[row])
            w.beginObject()
            for (name, value) in table.facts(row: row) {
                w.key(name)
                w.fact(value)
            }
            w.endObject()
        }
        w.endObject()
    }
}

extension JSONWriter {
    /// A fact value; missing is `null`.
    public mutating func fact(_ value: Value) {
        switch value {
        case .missing: null()
        case .number(let x): number(x)
        case .string(let s): string(s)
        case .bool(let b): bool(b)
        case .set(let s): strings(s.elements)
        }
    }
}
