import QualityCore

/// Checks the records of one pull in the order of docs/SEMANTICS.md §9 and combines the accepted ones.
///
/// Lives for one pull (ids seen, rejects and combined facts accumulate across pages); not
/// Sendable, since it holds the evaluation cursor the bound `checks` read.
public struct RecordValidator {
    public let plan: SourcePlan
    /// Rejected records by reason.
    public private(set) var rejected: [RejectReason: Int] = [:]
    /// Accepted records.
    public private(set) var accepted = 0
    private let cursor = EvalCursor()
    private let entity: EntityKind
    private let fields: [PlannedField]
    private let checks: [Evaluator]
    private var seenIDs: Set<String> = []
    private var combiner: Combiner
    private var payouts: [Payout] = []
    /// Raw values of the record at hand: key, id, then one per field.
    private var raw: [JSONValue?]
    /// Converted values of the record at hand, one per field; lent to the cursor while checks run.
    private var values: [Value]

    public init(plan: SourcePlan) {
        self.plan = plan
        entity = plan.source.entity
        fields = plan.fields
        let schema = BindingSchema(recordSlots: plan.recordSlots)
        checks = plan.checks.map { $0.bind(schema) }
        combiner = Combiner(facts: plan.fields.map(\.fact), modes: plan.fields.map(\.combine))
        raw = Array(repeating: nil, count: plan.fields.count + 2)
        values = Array(repeating: .missing, count: plan.fields.count)
        cursor.record = values
    }

    /// Checks and combines every record of a page, in order.
    public mutating func consume(_ page: RecordPage) {
        switch page {
        case .json(let records):
            for record in records {
                raw[0] = record.value(atParts: plan.keyPath)
                raw[1] = plan.idPath.flatMap { record.value(atParts: $0) }
                for (f, field) in fields.enumerated() where field.readsValue {
                    raw[f + 2] = record.value(atParts: field.parts)
                }
                check()
            }
        case .csv(let table):
            func column(_ name: String?) -> Int? { name.flatMap { table.header.firstIndex(of: $0) } }
            let keyColumn = column(plan.source.key)
            let idColumn = column(plan.source.idField)
            let fieldColumns = plan.fields.map { $0.readsValue ? column($0.path) : nil }
            for row in table.rows {
                func cell(_ c: Int?) -> JSONValue? {
                    guard let c, c < row.count else { return nil }
                    return .string(row[c])
                }
                raw[0] = cell(keyColumn)
                raw[1] = cell(idColumn)
                for f in fieldColumns.indices { raw[f + 2] = cell(fieldColumns[f]) }
                check()
            }
        }
    }

    private mutating func check() {
        if let reason = validate() {
            rejected[reason, default: 0] += 1
        } else {
            accepted += 1
        }
    }

    /// Steps 1–5 for the record in `raw`; nil when it is accepted (and then combined).
    private mutating func validate() -> RejectReason? {
        // 1. key
        guard let rawKey = raw[0], let keyText = FieldConverter.text(of: rawKey) else { return .missingKey }
        var key = Self.isTrimmed(keyText) ? keyText : keyText.trimmingSpaces()
        if key.isEmpty { return .missingKey }
        switch entity {
        case .enterprise, .payout:
            key = key.uppercasedASCII()
            guard USCC.isValid(key) else { return .invalidUSCC }
        case .district:
            guard plan.districts.contains(key) else { return .unknownDistrict }
        }
        // 2. id_field: seen once any record with a good key carried it, accepted or not.
        if plan.idPath != nil, let rawID = raw[1], let id = FieldConverter.text(of: rawID) {
            guard seenIDs.insert(id).inserted else { return .duplicate }
            if UnsafeText.contains(id) { return .controlCharacter }
        }
        // 3. fields
        for (f, field) in fields.enumerated() {
            guard field.readsValue else {
                values[f] = .missing
                continue
            }
            switch FieldConverter.convert(raw[f + 2], kind: field.kind, map: field.map, min: field.min, max: field.max)
            {
            case .absent: values[f] = .missing
            case .value(let value):
                if field.needsNumber, value.number == nil { return .type }
                if UnsafeText.contains(value) { return .controlCharacter }
                values[f] = value
            case .reject(let reason): return reason
            }
        }
        // 4. checks
        if !checks.isEmpty {
            swap(&cursor.record, &values)
            defer { swap(&cursor.record, &values) }
            for condition in checks where !condition(cursor).isTrue { return .check }
        }
        // 5. payouts
        if entity == .payout {
            return addPayout(uscc: key)
        }
        combiner.add(key: key, record: values)
        return nil
    }

    /// True when `s` neither starts nor ends with a space, so trimming would return it unchanged.
    @inline(__always)
    static func isTrimmed(_ s: String) -> Bool {
        guard let first = s.utf8.first, let last = s.utf8.last else { return true }
        // Space, tab, CR, LF, and the lead byte of U+3000 (the full-width space).
        func edge(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0xE3 }
        return !edge(first) && !(edge(last) || last == 0x80)
    }

    private mutating func addPayout(uscc: String) -> RejectReason? {
        func slot(_ s: Int?) -> Value { s.map { values[$0] } ?? .missing }
        let program = slot(plan.payoutSlots.program)
        let year = slot(plan.payoutSlots.year)
        let fen = slot(plan.payoutSlots.grantedFen)
        if program.isMissing || year.isMissing || fen.isMissing { return .missingField }
        // Present but not usable as a payout: a year or amount that is not a whole number.
        guard let programText = Self.text(program), !programText.isEmpty,
            let y = Self.whole(year, limit: 100_000), let f = Self.whole(fen, limit: 9e15)
        else { return .type }
        payouts.append(Payout(uscc: uscc, program: programText, year: Int(y), grantedFen: Int64(f)))
        return nil
    }

    private static func text(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .number(let x): return FieldConverter.text(of: x)
        default: return nil
        }
    }

    private static func whole(_ value: Value, limit: Double) -> Double? {
        let x: Double
        switch value {
        case .number(let n): x = n
        case .string(let s): guard let n = FieldConverter.decimal(s.trimmingSpaces()) else { return nil }; x = n
        default: return nil
        }
        return x == x.rounded() && abs(x) < limit ? x : nil
    }

    /// The source's data after the last page: combined entities sorted by key, or payouts.
    public func finish(period: String) -> SourceData {
        let source = plan.source
        if source.entity == .payout {
            return SourceData(sourceID: source.id, period: period, entity: .payout, payouts: payouts)
        }
        return SourceData(
            sourceID: source.id, period: period, entity: source.entity, unsortedKeys: combiner.keys,
            packed: combiner.index.sortablePacked, factNames: combiner.facts, columns: combiner.columns())
    }
}
