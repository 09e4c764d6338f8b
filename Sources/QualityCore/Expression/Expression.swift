/// Where an expression is evaluated, which decides what its identifiers read (docs/SEMANTICS.md §4).
public enum ExpressionScope: Sendable, Hashable {
    /// `indicators[].value`: identifiers are district facts; aggregates read the district's enterprises.
    case district
    /// Bonus, penalties and veto: indicator ids first (the indicator's value), then district facts.
    case districtWithIndicators
    /// Subsidies: identifiers are enterprise facts; no aggregates.
    case enterprise
    /// Ingestion `checks`: identifiers are the converted fields of one record; no aggregates.
    case record

    var allowsAggregates: Bool { self == .district || self == .districtWithIndicators }
}

/// An expression parsed and checked once per config; `bind` turns it into a closure per snapshot.
public struct Expression: Sendable {
    public let source: ExpressionSource
    public let syntax: ExpressionSyntax
    public let scope: ExpressionScope

    public init(_ source: ExpressionSource, scope: ExpressionScope) throws(ExpressionError) {
        self.source = source
        self.scope = scope
        self.syntax = try ExpressionParser.parse(source.text)
        try Self.checkAggregates(syntax, allowed: scope.allowsAggregates)
    }

    public init(_ text: String, scope: ExpressionScope) throws(ExpressionError) {
        try self.init(ExpressionSource(text), scope: scope)
    }

    private static func checkAggregates(_ tree: ExpressionSyntax, allowed: Bool) throws(ExpressionError) {
        switch tree {
        case .number, .string, .bool, .list, .identifier: return
        case .not(let e), .negate(let e): try checkAggregates(e, allowed: allowed)
        case .binary(_, let a, let b):
            try checkAggregates(a, allowed: allowed)
            try checkAggregates(b, allowed: allowed)
        case .call(let name, let args, let column):
            let aggregate = Functions.isAggregate(name)
            if aggregate, !allowed {
                throw ExpressionError(
                    column: column,
                    message:
                        "aggregate '\(name)' is allowed only in district context (indicators, bonus, penalties, veto)"
                        + (name == "min" || name == "max"
                            ? "; use \(name == "min" ? "least" : "greatest") for scalars" : "")
                )
            }
            // An aggregate's argument reads one enterprise at a time, where aggregates cannot appear.
            for arg in args { try checkAggregates(arg, allowed: allowed && !aggregate) }
        }
    }

    /// Identifiers this expression reads, split into district-level and enterprise-level reads.
    public var factReads: (district: [String], enterprise: [String]) {
        var district: [String] = []
        var enterprise: [String] = []
        for id in syntax.identifiers() {
            if id.inAggregate || scope == .enterprise { enterprise.append(id.name) } else { district.append(id.name) }
        }
        return (district, enterprise)
    }
}

/// The state an evaluation reads: which district and enterprise, and the values around them.
///
/// A class so that aggregate loops move `enterprise` without copying; one per scoring run.
/// Its fields are read tens of millions of times at national size and never accessed while an
/// access is in progress (a closure reads them, an aggregate loop writes `enterprise` between
/// calls), so the dynamic exclusivity checks, a tenth of the scoring time, are off.
public final class EvalCursor {
    /// Row in the snapshot's enterprise table.
    @exclusivity(unchecked) public var enterprise = 0
    /// Row in the snapshot's district table; -1 when the district has no facts.
    @exclusivity(unchecked) public var district = -1
    /// Enterprise rows of the current district, in USCC order.
    @exclusivity(unchecked) public var members: [Int] = []
    /// Indicator values of the current district, by indicator slot.
    @exclusivity(unchecked) public var indicators: [Value] = []
    /// Converted fields of the record being checked, by slot.
    @exclusivity(unchecked) public var record: [Value] = []

    public init() {}
}

/// A bound expression: evaluates in the state of a cursor.
public typealias Evaluator = (EvalCursor) -> Value

/// What identifiers resolve to when binding: the snapshot's tables and the slots of the scope.
public struct BindingSchema {
    public var enterprises: FactTable
    public var districts: FactTable
    /// Indicator id → slot in `EvalCursor.indicators`.
    public var indicatorSlots: [String: Int]
    /// Field name → slot in `EvalCursor.record`.
    public var recordSlots: [String: Int]

    public init(
        enterprises: FactTable = FactTable(), districts: FactTable = FactTable(), indicatorSlots: [String: Int] = [:],
        recordSlots: [String: Int] = [:]
    ) {
        self.enterprises = enterprises
        self.districts = districts
        self.indicatorSlots = indicatorSlots
        self.recordSlots = recordSlots
    }
}
