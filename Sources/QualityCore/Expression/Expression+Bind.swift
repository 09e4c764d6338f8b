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

    init(_ evaluator: @escaping Evaluator) {
        self.evaluator = evaluator
        self.constant = nil
    }

    init(constant: Value) {
        self.evaluator = { _ in constant }
        self.constant = constant
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
            return Bound { col[$0.enterprise] }
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

    private func aggregate(_ name: String, _ argument: Bound?) -> Bound {
        guard let argument else {
            return Bound { .number(Double($0.members.count)) }
        }
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
        case "sum", "avg":
            let average = name == "avg"
            return Bound { cursor in
                var total = 0.0
                var n = 0
                for row in cursor.members {
                    cursor.enterprise = row
                    if case .number(let x) = f(cursor) {
                        total += x
                        n += 1
                    }
                }
                if average { return n == 0 ? .missing : .from(total / Double(n)) }
                return .from(total)
            }
        default:
            let wantMax = name == "max"
            return Bound { cursor in
                var best: Double?
                for row in cursor.members {
                    cursor.enterprise = row
                    if case .number(let x) = f(cursor) {
                        if let b = best {
                            if wantMax ? x > b : x < b { best = x }
                        } else {
                            best = x
                        }
                    }
                }
                return best.map(Value.number) ?? .missing
            }
        }
    }
}
