import QualityCore

/// A source compiled once per config: paths split, maps indexed, `checks` parsed.
///
/// Sendable, so one plan serves every pull; a `RecordValidator` binds it for one pull.
public struct SourcePlan: Sendable {
    public let source: SourceConfig
    /// Configured district codes: the keys a district source accepts.
    public let districts: Set<String>
    let keyPath: [String]
    let idPath: [String]?
    let fields: [PlannedField]
    let checks: [Expression]
    /// Fact name → slot in `EvalCursor.record` (the field's index).
    let recordSlots: [String: Int]
    /// For payout sources: the slots of `program`, `year` and `granted_fen`.
    let payoutSlots: (program: Int?, year: Int?, grantedFen: Int?)

    /// Compiles `source`; a check that does not parse is a config error naming its place.
    public init(source: SourceConfig, districts: some Sequence<String>, index: Int? = nil) throws(ConfigErrors) {
        self.source = source
        self.districts = Set(districts)
        keyPath = Self.split(source.key)
        idPath = source.idField.map(Self.split)
        var fields: [PlannedField] = []
        var slots: [String: Int] = [:]
        for spec in source.fields {
            slots[spec.fact] = fields.count
            fields.append(PlannedField(spec))
        }
        self.fields = fields
        recordSlots = slots
        payoutSlots = (slots["program"], slots["year"], slots["granted_fen"])
        var checks: [Expression] = []
        var issues: [ConfigIssue] = []
        let prefix = index.map { "sources[\($0)]" } ?? "sources.\(source.id)"
        for (n, text) in source.checks.enumerated() {
            do {
                checks.append(try Expression(text, scope: .record))
            } catch {
                issues.append(
                    ConfigIssue(
                        location: text.location(ofColumn: error.column), key: "\(prefix).checks[\(n)]",
                        message: error.message))
            }
        }
        if !issues.isEmpty { throw ConfigErrors(issues) }
        self.checks = checks
    }

    /// The number of fields, one slot each in a record's converted values.
    public var fieldCount: Int { fields.count }

    static func split(_ path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

/// One field of a plan. A class, so that walking the fields per record retains one reference
/// instead of copying every string and map a field holds.
final class PlannedField: Sendable {
    let fact: String
    /// The full path (a CSV column name) and its dotted parts (a JSON path).
    let path: String
    let parts: [String]
    let kind: FieldType?
    let combine: Combine
    let map: [String: Value]?
    let min: Double?
    let max: Double?

    init(_ spec: FieldSpec) {
        fact = spec.fact
        path = spec.path
        parts = SourcePlan.split(spec.path)
        kind = spec.effectiveType
        combine = spec.combine
        map = spec.map.map { entries in
            var map: [String: Value] = [:]
            for entry in entries where map[entry.from] == nil { map[entry.from] = entry.to }
            return map
        }
        min = spec.min
        max = spec.max
        readsValue = spec.combine != .count
        needsNumber = spec.combine == .sum || spec.combine == .min || spec.combine == .max
    }

    /// `combine: count` reads no value: it counts accepted records.
    let readsValue: Bool
    /// sum, min and max need numbers whatever `type` says.
    let needsNumber: Bool
}

extension JSONValue {
    /// The value at pre-split path parts; nil when a step is absent or not an object.
    @inline(__always)
    func value(atParts parts: [String]) -> JSONValue? {
        if parts.count == 1 {
            guard case .object(let object) = self else { return nil }
            return object[parts[0]]
        }
        var current = self
        for part in parts {
            guard case .object(let object) = current, let next = object[part] else { return nil }
            current = next
        }
        return current
    }
}
