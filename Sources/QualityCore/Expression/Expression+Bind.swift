extension Expression {
    /// Resolves identifiers against `schema` once and returns a closure tree that reads columns
    /// and slots by number: no lookup by name remains on the evaluation path.
    public func bind(_ schema: BindingSchema) -> Evaluator {
        Binder(schema: schema).bind(syntax, scope: scope).evaluator
    }
}

private struct Bound {
    let evaluator: Evaluator
    /// Set when the node does not depend on the cursor, so parents can fold it.
    let constant: Value?
    /// Set when the node reads an enterprise fact at the cursor, so parents (aggregates, `in`,
    /// comparisons with a constant) can read the column in place, a million times per run.
    let column: [Value]?

    init(_ evaluator: @escaping Evaluator) {
        self.evaluator = evaluator
        self.constant = nil
        self.column = nil
    }

    init(constant: Value) {
        self.evaluator = { _ in constant }
        self.constant = constant
        self.column = nil
    }

    init(enterpriseColumn col: [Value]) {
        self.evaluator = { col[$0.enterprise] }
        self.constant = nil
        self.column = col
    }
}

private struct Binder {
    let schema: BindingSchema

    func bind(_ tree: ExpressionSyntax, scope: ExpressionScope) -> Bound {
        switch tree {
        case .number(let x): return Bound(constant: .from(x))
        case .string(let s): return Bound(constant: .string(s))
        case .bool(let b): return Bound(constant: .bool(b))
        case .list(let items): return Bound(constant: .set(StringSet(items)))
        case .identifier(let name, _): return identifier(name, scope: scope)
        case .not(let e):
            let inner = bind(e, scope: scope)
            if let c = inner.constant { return Bound(constant: .bool(!c.isTrue)) }
            let f = inner.evaluator
            return Bound { .bool(!f($0).isTrue) }
        case .negate(let e):
            let inner = bind(e, scope: scope)
            if let c = inner.constant { return Bound(constant: Semantics.negate(c)) }
            let f = inner.evaluator
            return Bound { Semantics.negate(f($0)) }
        case .binary(let op, let a, let b):
            return binary(op, bind(a, scope: scope), bind(b, scope: scope))
        case .call(let name, let args, _):
            if Functions.isAggregate(name) {
                // The argument of an aggregate reads one enterprise of the district at a time.
                return aggregate(name, args.first.map { bind($0, scope: .enterprise) })
            }
            return scalarCall(name, args.map { bind($0, scope: scope) })
        }
    }

    private func column(_ table: FactTable, _ name: String) -> [Value]? {
        table.column(named: name).map { table.columns[$0] }
    }

    private func identifier(_ name: String, scope: ExpressionScope) -> Bound {
        switch scope {
        case .enterprise:
            guard let col = column(schema.enterprises, name) else { return Bound(constant: .missing) }
            return Bound(enterpriseColumn: col)
        case .record:
            guard let slot = schema.recordSlots[name] else { return Bound(constant: .missing) }
            return Bound { $0.record[slot] }
        case .districtWithIndicators:
            if let slot = schema.indicatorSlots[name] { return Bound { $0.indicators[slot] } }
            fallthrough
        case .district:
            guard let col = column(schema.districts, name) else { return Bound(constant: .missing) }
            return Bound { cursor in cursor.district >= 0 ? col[cursor.district] : .missing }
        }
    }

    private func binary(_ op: BinaryOperator, _ a: Bound, _ b: Bound) -> Bound {
        let apply: (Value, Value) -> Value
        switch op {
        case .or: apply = { .bool($0.isTrue || $1.isTrue) }
        case .and: apply = { .bool($0.isTrue && $1.isTrue) }
        case .isIn: apply = { .bool(Semantics.member($0, $1)) }
        case .add, .subtract, .multiply, .divide: apply = { Semantics.arithmetic(op, $0, $1) }
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            apply = { .bool(Semantics.compare(op, $0, $1)) }
        }
        if let x = a.constant, let y = b.constant { return Bound(constant: apply(x, y)) }
        let f = a.evaluator
        let g = b.evaluator
        if let special = Self.withConstant(op, a, b) { return special }
        switch op {
        case .and: return Bound { f($0).isTrue ? .bool(g($0).isTrue) : .bool(false) }
        case .or: return Bound { f($0).isTrue ? .bool(true) : .bool(g($0).isTrue) }
        case .add, .subtract, .multiply, .divide:
            // The common shapes (fact × constant, fact / fact) stay on Doubles without building Values in between.
            if let y = b.constant?.number {
                return Bound { cursor in
                    guard case .number(let x) = f(cursor) else { return .missing }
                    return Semantics.arithmetic(op, x, y)
                }
            }
            return Bound { cursor in
                guard case .number(let x) = f(cursor), case .number(let y) = g(cursor) else { return .missing }
                return Semantics.arithmetic(op, x, y)
            }
        default:
            return Bound { apply(f($0), g($0)) }
        }
    }

    /// The shapes that run once per enterprise (`"x" in awards`, `fact > 0`) without evaluating
    /// the constant or building the values in between; nil for other shapes.
    private static func withConstant(_ op: BinaryOperator, _ a: Bound, _ b: Bound) -> Bound? {
        switch op {
        case .isIn:
            guard case .string(let s)? = a.constant else { return nil }
            if let col = b.column {
                return Bound { cursor in
                    guard case .set(let set) = col[cursor.enterprise] else { return .bool(false) }
                    return .bool(set.contains(s))
                }
            }
            let g = b.evaluator
            return Bound { cursor in
                guard case .set(let set) = g(cursor) else { return .bool(false) }
                return .bool(set.contains(s))
            }
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            // A comparison with a missing or non-number operand is false, `!=` included.
            if let y = b.constant?.number {
                if let col = a.column {
                    return Bound { cursor in
                        guard case .number(let x) = col[cursor.enterprise] else { return .bool(false) }
                        return .bool(Semantics.compare(op, x, y))
                    }
                }
                let f = a.evaluator
                return Bound { cursor in
                    guard case .number(let x) = f(cursor) else { return .bool(false) }
                    return .bool(Semantics.compare(op, x, y))
                }
            }
            if let x = a.constant?.number {
                let g = b.evaluator
                return Bound { cursor in
                    guard case .number(let y) = g(cursor) else { return .bool(false) }
                    return .bool(Semantics.compare(op, x, y))
                }
            }
            return nil
        default: return nil
        }
    }

    private func scalarCall(_ name: String, _ args: [Bound]) -> Bound {
        let apply: ([Value]) -> Value
        switch name {
        case "least": apply = { Semantics.extreme($0, greatest: false) }
        case "greatest": apply = { Semantics.extreme($0, greatest: true) }
        case "abs":
            apply = { values in values[0].number.map { Value.from(abs($0)) } ?? .missing }
        case "round": apply = { Semantics.round($0) }
        case "coalesce": apply = { values in values.first { !$0.isMissing } ?? .missing }
        default: apply = { _ in .missing }
        }
        if args.allSatisfy({ $0.constant != nil }) { return Bound(constant: apply(args.compactMap(\.constant))) }
        let fs = args.map(\.evaluator)
        if fs.count == 2, let special = Self.twoArguments(name, args) { return special }
        if name == "coalesce" {
            return Bound { cursor in
                for f in fs {
                    let v = f(cursor)
                    if !v.isMissing { return v }
                }
                return .missing
            }
        }
        return Bound { cursor in apply(fs.map { $0(cursor) }) }
    }

    /// `coalesce(fact, 0)` and `least(x, y)` without an array of arguments per call.
    private static func twoArguments(_ name: String, _ args: [Bound]) -> Bound? {
        let f0 = args[0].evaluator
        let f1 = args[1].evaluator
        switch name {
        case "coalesce":
            if let c = args[1].constant {
                return Bound { cursor in
                    let v = f0(cursor)
                    return v.isMissing ? c : v
                }
            }
            return Bound { cursor in
                let v = f0(cursor)
                return v.isMissing ? f1(cursor) : v
            }
        case "least", "greatest":
            let greatest = name == "greatest"
            // As Semantics.extreme: the first argument wins a tie.
            return Bound { cursor in
                guard case .number(let x) = f0(cursor), case .number(let y) = f1(cursor) else { return .missing }
                return .number((greatest ? y > x : y < x) ? y : x)
            }
        default: return nil
        }
    }

    private func aggregate(_ name: String, _ argument: Bound?) -> Bound {
        guard let argument else {
            return Bound { .number(Double($0.members.count)) }
        }
        if let col = argument.column { return Self.aggregate(name, column: col) }
        let f = argument.evaluator
        switch name {
        case "count":
            return Bound { cursor in
                var n = 0
                for row in cursor.members {
                    cursor.enterprise = row
                    if f(cursor).isTrue { n += 1 }
                }
                return .number(Double(n))
            }
        default:
            return Bound { cursor in
                var fold = NumberFold(name)
                for row in cursor.members {
                    cursor.enterprise = row
                    if case .number(let x) = f(cursor) { fold.add(x) }
                }
                return fold.value
            }
        }
    }

    /// An aggregate of one enterprise fact: the district's rows read straight from its column.
    private static func aggregate(_ name: String, column col: [Value]) -> Bound {
        switch name {
        case "count":
            return Bound { cursor in
                var n = 0
                for row in cursor.members where col[row].isTrue { n += 1 }
                return .number(Double(n))
            }
        default:
            return Bound { cursor in
                var fold = NumberFold(name)
                for row in cursor.members {
                    if case .number(let x) = col[row] { fold.add(x) }
                }
                return fold.value
            }
        }
    }
}

/// What `sum`, `avg`, `min` and `max` make of a district's numbers, whether each row's number comes
/// from an expression or straight from a column; rows without a number are left out.
struct NumberFold {
    private let name: String
    private let wantMax: Bool
    private var total = 0.0
    private var count = 0
    private var best: Double?

    init(_ name: String) {
        self.name = name
        wantMax = name == "max"
    }

    mutating func add(_ x: Double) {
        total += x
        count += 1
        if let b = best {
            if wantMax ? x > b : x < b { best = x }
        } else {
            best = x
        }
    }

    var value: Value {
        switch name {
        case "sum": .from(total)
        case "avg": count == 0 ? .missing : .from(total / Double(count))
        default: best.map(Value.number) ?? .missing
        }
    }
}
