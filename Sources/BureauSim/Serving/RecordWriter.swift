/// Serializes records one by one (JSON objects or CSV rows), spoiling those the fault plan picks.
struct RecordWriter {
    let endpoint: Endpoint
    let seed: UInt64
    let plan: FaultPlan
    /// False when no record-level rule touches this endpoint: skips the per-record draws.
    let faulty: Bool
    /// Records written so far, duplicates included.
    private(set) var emitted = 0
    private var counts: [FaultKind: Int] = [:]

    init(endpoint: Endpoint, seed: UInt64, plan: FaultPlan, faulty: Bool) {
        self.endpoint = endpoint
        self.seed = seed
        self.plan = plan
        self.faulty = faulty
    }

    /// Appends record `index` (its position in the whole result) to `bytes`.
    mutating func append(_ record: Record, index: Int, to bytes: inout [UInt8]) {
        guard faulty,
            let kind = plan.recordFault(
                seed: seed, path: endpoint.path, index: index, applicable: endpoint.recordFaultKinds)
        else {
            write(record, to: &bytes)
            return
        }
        counts[kind, default: 0] += 1
        var spoiled = record
        switch kind {
        case .badUSCC:
            if let field = endpoint.usccField, case .string(let uscc)? = record[field] {
                spoiled[field] = .string(Self.wrongCheckCharacter(uscc))
            }
        case .negative:
            if let field = endpoint.numberField, let n = record[field]?.int { spoiled[field] = .int(n > 0 ? -n : -1) }
        case .badType:
            if let field = endpoint.numberField { spoiled[field] = .string("abc") }
        case .passedGreaterThanSampled:
            if let sampled = record["sampled"]?.int { spoiled["passed"] = .int(sampled + 1 + Int64(index % 3)) }
        case .duplicate:
            write(record, to: &bytes)
        case .http500, .slow, .malformed, .truncated, .oversize, .contentType:
            break
        }
        write(spoiled, to: &bytes)
    }

    /// Adds the faults injected so far to `stats` and starts counting afresh.
    mutating func flushCounts(stats: FaultStats) {
        for (kind, n) in counts { stats.record(kind, path: endpoint.path, count: n) }
        counts = [:]
    }

    /// The same code with the next character of the alphabet in the check position.
    static func wrongCheckCharacter(_ uscc: String) -> String {
        guard let last = uscc.last, let i = USCCAlphabet.characters.firstIndex(of: last) else { return uscc + "X" }
        return String(uscc.dropLast()) + String(USCCAlphabet.characters[(i + 1) % USCCAlphabet.characters.count])
    }

    private mutating func write(_ record: Record, to bytes: inout [UInt8]) {
        if case .csvGB18030 = endpoint.shape {
            for (i, field) in record.fields.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                switch field.value {
                case .string(let s): bytes += CSV.field(s).utf8
                case .int(let n): bytes += String(n).utf8
                }
            }
            bytes += [0x0D, 0x0A]
        } else {
            if emitted > 0 { bytes += [UInt8(ascii: ","), 0x0A] }
            bytes.append(UInt8(ascii: "{"))
            for (i, field) in record.fields.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONText.appendString(field.name, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                switch field.value {
                case .string(let s): JSONText.appendString(s, to: &bytes)
                case .int(let n): bytes += String(n).utf8
                }
            }
            bytes.append(UInt8(ascii: "}"))
        }
        emitted += 1
    }
}

enum JSONText {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendString(_ s: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
            case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
            case 0..<0x20: bytes += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

enum CSV {
    /// RFC 4180: quoted when it holds a comma, quote or line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
}
