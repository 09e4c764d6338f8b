/// The syntax tree of an expression (docs/SEMANTICS.md §4). Columns are 1-based Unicode scalar offsets
/// into the expression text.
public indirect enum ExpressionSyntax: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    /// A list literal: strings only.
    case list([String])
    case identifier(String, column: Int)
    case call(String, [ExpressionSyntax], column: Int)
    case not(ExpressionSyntax)
    case negate(ExpressionSyntax)
    case binary(BinaryOperator, ExpressionSyntax, ExpressionSyntax)

    /// Every identifier read, with whether it is read inside an aggregate (so from enterprise facts).
    public func identifiers(insideAggregate: Bool = false) -> [(name: String, column: Int, inAggregate: Bool)] {
        switch self {
        case .number, .string, .bool, .list: return []
        case .identifier(let name, let column): return [(name, column, insideAggregate)]
        case .call(let name, let args, _):
            let inner = insideAggregate || Functions.isAggregate(name)
            return args.flatMap { $0.identifiers(insideAggregate: inner) }
        case .not(let e), .negate(let e): return e.identifiers(insideAggregate: insideAggregate)
        case .binary(_, let a, let b):
            return a.identifiers(insideAggregate: insideAggregate) + b.identifiers(insideAggregate: insideAggregate)
        }
    }
}

public enum BinaryOperator: String, Sendable, Equatable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case isIn = "in"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

/// A problem in an expression, at a 1-based column of its text.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var column: Int
    public var message: String

    public var description: String { "column \(column): \(message)" }
}

/// The functions of the language and their arities.
public enum Functions {
    public static let scalar: Set<String> = ["least", "greatest", "abs", "round", "coalesce"]
    public static let aggregates: Set<String> = ["sum", "avg", "min", "max", "count"]

    public static func isAggregate(_ name: String) -> Bool { aggregates.contains(name) }

    /// Nil when `count` arguments suit `name`, else the complaint.
    public static func arityProblem(_ name: String, count: Int) -> String? {
        switch name {
        case "least", "greatest", "coalesce": return count >= 1 ? nil : "\(name) needs at least one argument"
        case "abs": return count == 1 ? nil : "abs takes one argument"
        case "round":
            return (1...2).contains(count) ? nil : "round takes one or two arguments: round(x) or round(x, digits)"
        case "sum", "avg": return count == 1 ? nil : "\(name) takes one argument"
        case "min", "max":
            return count == 1
                ? nil
                : "\(name) is an aggregate and takes one argument; use \(name == "min" ? "least" : "greatest")(a, b, …) for scalars"
        case "count": return count <= 1 ? nil : "count takes no argument or one condition"
        default: return "unknown function '\(name)'"
        }
    }
}
