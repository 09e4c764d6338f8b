import QualityCore

@testable import BureauSim

/// A compact ingestion after SPEC 9 for the demo config's sources, reading the simulator through
/// `Simulator.handle` (no sockets). It lets these tests check that the printed sources map the
/// endpoints' fields and that every record fault is rejected with the reason it should be,
/// before the real QualityIngest exists. Checks are limited to the `a <= b` form the demo uses.
struct MiniIngest {
    let simulator: Simulator
    let config: Config
    var rejects: [String: [String: Int]] = [:]
    var accepted: [String: Int] = [:]
    private var enterprises: [String: [String: Value]] = [:]
    private var districts: [String: [String: Value]] = [:]
    private var payouts: [Payout] = []

    init(simulator: Simulator, config: Config) {
        self.simulator = simulator
        self.config = config
    }

    /// Pulls every source for `period` and returns the snapshot.
    static func snapshot(_ simulator: Simulator, _ config: Config, period: Period) throws -> (Snapshot, MiniIngest) {
        var ingest = MiniIngest(simulator: simulator, config: config)
        for source in config.sources { try ingest.pull(source, period: period) }
        let snapshot = Snapshot(
            period: period.description, districts: FactTable(rows: ingest.districts),
            enterprises: FactTable(rows: ingest.enterprises), payouts: ingest.payouts)
        return (snapshot, ingest)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The body of one GET through the simulator, or a failure naming the status.
    func get(_ pathAndQuery: String) throws -> [UInt8] {
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1)
        let response = simulator.handle(
            SimRequest(
                path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil,
                authorization: "Bearer \(simulator.token)"))
        guard response.status == 200 else { throw Failure(description: "\(pathAndQuery): HTTP \(response.status)") }
        return response.body.collect()
    }

    mutating func pull(_ source: SourceConfig, period: Period) throws {
        let base = "${BUREAU_BASE:-http://127.0.0.1:9471}"
        var url = source.url(for: period)
        if url.hasPrefix(base) { url.removeFirst(base.count) }
        var seenIDs = Set<String>()
        var page = 1
        var facts: [String: [String: [Value]]] = [:]
        var order: [String] = []
        while true {
            let pageURL =
                source.pagination.map { url + (url.contains("?") ? "&" : "?") + "page=\(page)&page_size=\($0.size)" }
                ?? url
            let records = try Self.records(try get(pageURL), source: source)
            for record in records {
                guard let (key, values) = accept(record, source: source, seenIDs: &seenIDs) else { continue }
                accepted[source.id, default: 0] += 1
                if source.entity == .payout {
                    if case .string(let program)? = values["program"], case .number(let year)? = values["year"],
                        case .number(let fen)? = values["granted_fen"]
                    {
                        payouts.append(Payout(uscc: key, program: program, year: Int(year), grantedFen: Int64(fen)))
                    } else {
                        rejects[source.id, default: [:]]["missing_field", default: 0] += 1
                    }
                    continue
                }
                if facts[key] == nil { order.append(key) }
                for f in source.fields {
                    if f.combine == .count {
                        facts[key, default: [:]][f.fact, default: []].append(.number(1))
                    } else if let v = values[f.fact] {
                        facts[key, default: [:]][f.fact, default: []].append(v)
                    } else {
                        facts[key, default: [:]][f.fact, default: []] += []
                    }
                }
            }
            guard let size = source.pagination?.size, records.count >= size else { break }
            page += 1
        }
        for key in order {
            var combined: [String: Value] = [:]
            for f in source.fields {
                let values = facts[key]?[f.fact] ?? []
                switch f.combine {
                case .sum, .count:
                    if !values.isEmpty || f.combine == .count {
                        combined[f.fact] = .number(values.reduce(0) { $0 + ($1.number ?? 0) })
                    }
                case .min: if let m = values.compactMap(\.number).min() { combined[f.fact] = .number(m) }
                case .max: if let m = values.compactMap(\.number).max() { combined[f.fact] = .number(m) }
                case .first: if let v = values.first { combined[f.fact] = v }
                case .last: if let v = values.last { combined[f.fact] = v }
                case .set: combined[f.fact] = .set(StringSet(values.compactMap(\.string)))
                }
            }
            if source.entity == .district {
                districts[key, default: [:]].merge(combined) { _, new in new }
            } else {
                enterprises[key, default: [:]].merge(combined) { _, new in new }
            }
        }
    }

    /// The records of one body: JSON at `records`, or GB18030 CSV rows as string fields.
    static func records(_ body: [UInt8], source: SourceConfig) throws -> [[String: JSONValue]] {
        if source.format == .csv {
            guard let text = GB18030.decode(body) else { throw Failure(description: "\(source.id): not GB18030") }
            let lines = text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            guard let header = lines.first else { return [] }
            return lines.dropFirst().map { row in
                var record: [String: JSONValue] = [:]
                for (name, cell) in zip(header, row) { record[String(name)] = .string(String(cell)) }
                return record
            }
        }
        let json = try JSONParser.parse(body)
        let list = source.records.map { json.value(atPath: $0) } ?? json
        guard let array = list?.arrayValue else { throw Failure(description: "\(source.id): no record array") }
        return array.map { item in
            var record: [String: JSONValue] = [:]
            for (k, v) in item.objectValue?.pairs ?? zip([], []) { record[k] = v }
            return record
        }
    }

    /// SPEC 9 steps 1–4 for one record: the entity key and converted values, or nil (rejected).
    private mutating func accept(
        _ record: [String: JSONValue], source: SourceConfig, seenIDs: inout Set<String>
    ) -> (String, [String: Value])? {
        func reject(_ reason: String) -> (String, [String: Value])? {
            rejects[source.id, default: [:]][reason, default: 0] += 1
            return nil
        }
        guard case .string(let raw)? = record[source.key], !raw.trimmingSpaces().isEmpty else {
            return reject("missing_key")
        }
        var key = raw.trimmingSpaces()
        if source.entity == .district {
            guard config.district(code: key) != nil else { return reject("unknown_district") }
        } else {
            key = key.uppercasedASCII()
            guard USCC.isValid(key) else { return reject("invalid_uscc") }
        }
        if let idField = source.idField, case .string(let id)? = record[idField] {
            guard seenIDs.insert(id).inserted else { return reject("duplicate") }
        }
        var values: [String: Value] = [:]
        for f in source.fields where f.combine != .count {
            guard var raw = record[f.path], raw != .null else { continue }
            if let map = f.map {
                let text: String
                switch raw {
                case .string(let s): text = s
                case .number(let x): text = YAMLText.number(x)
                default: return reject("unmapped_value")
                }
                guard let entry = map.first(where: { $0.from == text }) else { return reject("unmapped_value") }
                switch entry.to {
                case .number(let x): raw = .number(x)
                case .string(let s): raw = .string(s)
                default: raw = .null
                }
            }
            switch f.effectiveType {
            case .number?:
                let x: Double?
                switch raw {
                case .number(let n): x = n
                case .string(let s): x = Double(s.trimmingSpaces())
                default: x = nil
                }
                guard let x else { return reject("type") }
                if let min = f.min, x < min { return reject("range") }
                if let max = f.max, x > max { return reject("range") }
                values[f.fact] = .number(x)
            case .string?, .bool?, nil:
                switch raw {
                case .string(let s): values[f.fact] = .string(s)
                case .number(let x): values[f.fact] = .number(x)
                case .bool(let b): values[f.fact] = .bool(b)
                default: break
                }
            }
        }
        for check in source.checks {
            let sides = check.text.split(separator: " <= ").map(String.init)
            guard sides.count == 2, let a = values[sides[0]]?.number, let b = values[sides[1]]?.number, a <= b else {
                return reject("check")
            }
        }
        return (key, values)
    }
}
