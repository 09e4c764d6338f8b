/// A snapshot file that does not have the shape of docs/SEMANTICS.md §8; `path` names the culprit.
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

extension Snapshot {
    /// A snapshot from a parsed document, as `parse(json:)` reads it.
    public init(json root: JSONValue) throws {
        var writer = JSONWriter(style: .canonical)
        writer.value(root)
        self = try Snapshot.parse(json: writer.bytes)
    }

    /// The snapshot as JSON: keys sorted, payouts sorted, canonical for hashing or pretty for people.
    public func json(style: JSONWriter.Style = .canonical) -> [UInt8] {
        var w = JSONWriter(style: style, reserve: enterprises.count * 256)
        write(into: &w, afterRow: { _ in })
        return w.bytes
    }

    /// The canonical JSON and its SHA-256 (hex), serialised once: the bytes a store keeps and the
    /// hash it names them by.
    public var canonical: (json: [UInt8], sha256: String) {
        let json = json(style: .canonical)
        return (json, SHA256.hex(json))
    }

    /// SHA-256 of the canonical JSON, hex. The JSON is hashed a megabyte at a time as it is written,
    /// never held whole (262 MB at national size).
    public var sha256: String {
        let chunk = 1 << 20
        var hasher = SHA256()
        var w = JSONWriter(style: .canonical, reserve: chunk + (1 << 16))
        write(into: &w) { w in
            if w.bytes.count >= chunk { w.flush { hasher.update(bytes: $0) } }
        }
        w.flush { hasher.update(bytes: $0) }
        return SHA256.hexString(hasher.finalize())
    }

    /// The document; `afterRow` is called after each district and enterprise.
    private func write(into w: inout JSONWriter, afterRow: (inout JSONWriter) -> Void) {
        w.beginObject()
        w.key("districts")
        Self.write(districts, into: &w, afterRow: afterRow)
        w.key("enterprises")
        Self.write(enterprises, into: &w, afterRow: afterRow)
        w.key("payouts")
        w.objects(payouts.sorted(by: Self.payoutOrder)) { w, p in
            w.member("granted_fen", p.grantedFen)
            w.member("program", p.program)
            w.member("uscc", p.uscc)
            w.member("year", p.year)
        }
        w.member("period", period)
        w.endObject()
    }

    static func payoutOrder(_ a: Payout, _ b: Payout) -> Bool {
        if a.uscc != b.uscc { return StringSet.precedes(a.uscc, b.uscc) }
        if a.program != b.program { return StringSet.precedes(a.program, b.program) }
        if a.year != b.year { return a.year < b.year }
        return a.grantedFen < b.grantedFen
    }

    private static func write(
        _ table: FactTable, into w: inout JSONWriter, afterRow: (inout JSONWriter) -> Void
    ) {
        // Straight from the columns: `facts(row:)` would make an array for each of a million rows.
        let names = table.factNames.map(JSONWriter.quoted)
        let columns = table.columns
        w.beginObject()
        for row in 0..<table.count {
            w.key(table.keys[row])
            w.beginObject()
            for c in columns.indices where !columns[c][row].isMissing {
                w.key(quoted: names[c])
                w.fact(columns[c][row])
            }
            w.endObject()
            afterRow(&w)
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
