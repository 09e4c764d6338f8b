#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The value rules of docs/SEMANTICS.md §4, shared by binding, constant folding and tests.
public enum Semantics {
    /// Arithmetic on two values: missing unless both are numbers; `x / 0` is missing.
    public static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        guard case .number(let x) = a, case .number(let y) = b else { return .missing }
        return arithmetic(op, x, y)
    }

    @inline(__always)
    public static func arithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Value {
        switch op {
        case .add: return .from(x + y)
        case .subtract: return .from(x - y)
        case .multiply: return .from(x * y)
        case .divide: return y == 0 ? .missing : .from(x / y)
        default: return .missing
        }
    }

    public static func negate(_ v: Value) -> Value {
        guard case .number(let x) = v else { return .missing }
        return .number(-x)
    }

    /// A comparison; false with a missing operand or mismatched types, `!=` included.
    public static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return compare(op, x, y)
        case (.string(let x), .string(let y)):
            switch op {
            case .equal: return StringSet.same(x, y)
            case .notEqual: return !StringSet.same(x, y)
            case .less: return StringSet.precedes(x, y)
            case .lessOrEqual: return !StringSet.precedes(y, x)
            case .greater: return StringSet.precedes(y, x)
            case .greaterOrEqual: return !StringSet.precedes(x, y)
            default: return false
            }
        case (.bool(let x), .bool(let y)):
            switch op {
            case .equal: return x == y
            case .notEqual: return x != y
            default: return false
            }
        case (.set(let x), .set(let y)):
            switch op {
            case .equal: return x == y
            case .notEqual: return x != y
            default: return false
            }
        default:
            return false
        }
    }

    /// A comparison of two numbers.
    @inline(__always)
    public static func compare(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessOrEqual: return x <= y
        case .greater: return x > y
        case .greaterOrEqual: return x >= y
        default: return false
        }
    }

    /// `a in b`: a string that is a member of a set.
    public static func member(_ a: Value, _ b: Value) -> Bool {
        guard case .string(let s) = a, case .set(let set) = b else { return false }
        return set.contains(s)
    }

    /// `least`/`greatest`: missing when any argument is not a number.
    public static func extreme(_ values: [Value], greatest: Bool) -> Value {
        var best: Double?
        for v in values {
            guard case .number(let x) = v else { return .missing }
            if let b = best {
                if greatest ? x > b : x < b { best = x }
            } else {
                best = x
            }
        }
        return best.map(Value.number) ?? .missing
    }

    /// round(x, d) = sign(x) × floor(|x| × 10^d + 0.5 + 1e-9) / 10^d.
    public static func round(_ values: [Value]) -> Value {
        guard case .number(let x) = values[0] else { return .missing }
        var d = 0.0
        if values.count > 1 {
            guard case .number(let digits) = values[1] else { return .missing }
            d = digits
        }
        let scale = pow10(d)
        let magnitude = (abs(x) * scale + 0.5 + 1e-9).rounded(.down) / scale
        return .from(x < 0 ? -magnitude : (x > 0 ? magnitude : 0))
    }

    /// 10^d, exact for whole d in the range doubles hold exactly.
    static func pow10(_ d: Double) -> Double {
        if d == d.rounded(), abs(d) <= 22 {
            var r = 1.0
            for _ in 0..<Int(abs(d)) { r *= 10 }
            return d < 0 ? 1 / r : r
        }
        return pow(10, d)
    }
}
