/// Parses the grammar of docs/SEMANTICS.md §4 by recursive descent.
///
/// Function names and arities are checked here, so every error that does not depend on where
/// the expression is used comes out of `parse` with its column.
public enum ExpressionParser {
    public static func parse(_ text: String) throws(ExpressionError) -> ExpressionSyntax {
        var state = State(tokens: try ExpressionLexer.tokenize(text))
        if case .end = state.peek.kind {
            throw ExpressionError(column: 1, message: "empty expression")
        }
        let tree = try state.parseOr()
        guard case .end = state.peek.kind else {
            throw ExpressionError(
                column: state.peek.column, message: "unexpected \(State.describe(state.peek)) after the expression")
        }
        return tree
    }

    private struct State {
        let tokens: [ExpressionToken]
        var position = 0
        var depth = 0

        init(tokens: [ExpressionToken]) { self.tokens = tokens }

        var peek: ExpressionToken { tokens[position] }

        mutating func advance() -> ExpressionToken {
            let t = tokens[position]
            if position < tokens.count - 1 { position += 1 }
            return t
        }

        func isSymbol(_ s: String) -> Bool {
            if case .symbol(let x) = peek.kind { return x == s }
            return false
        }

        func isKeyword(_ s: String) -> Bool {
            if case .identifier(let x) = peek.kind { return x == s }
            return false
        }

        mutating func expect(_ s: String, _ what: String) throws(ExpressionError) {
            guard isSymbol(s) else {
                throw ExpressionError(
                    column: peek.column, message: "expected '\(s)' \(what), found \(Self.describe(peek))")
            }
            _ = advance()
        }

        static func describe(_ t: ExpressionToken) -> String {
            switch t.kind {
            case .number(let x): "number \(x)"
            case .string(let s): "string \"\(s)\""
            case .identifier(let s): "'\(s)'"
            case .symbol(let s): "'\(s)'"
            case .end: "end of expression"
            }
        }

        mutating func nested<T>(_ body: (inout State) throws(ExpressionError) -> T) throws(ExpressionError) -> T {
            depth += 1
            defer { depth -= 1 }
            if depth > 200 { throw ExpressionError(column: peek.column, message: "expression nested too deeply") }
            return try body(&self)
        }

        mutating func parseOr() throws(ExpressionError) -> ExpressionSyntax {
            try parseLevel([.or]) { (s: inout State) throws(ExpressionError) in try s.parseAnd() }
        }

        mutating func parseAnd() throws(ExpressionError) -> ExpressionSyntax {
            try parseLevel([.and]) { (s: inout State) throws(ExpressionError) in try s.parseNot() }
        }

        /// One level of left-associative operators: operands that `operand` parses, joined by any of `operators`.
        mutating func parseLevel(
            _ operators: [BinaryOperator], _ operand: (inout State) throws(ExpressionError) -> ExpressionSyntax
        ) throws(ExpressionError) -> ExpressionSyntax {
            var left = try operand(&self)
            while case .symbol(let symbol) = peek.kind, let op = operators.first(where: { $0.rawValue == symbol }) {
                _ = advance()
                left = .binary(op, left, try operand(&self))
            }
            return left
        }

        mutating func parseNot() throws(ExpressionError) -> ExpressionSyntax {
            try parsePrefix("!", ExpressionSyntax.not) { (s: inout State) throws(ExpressionError) in
                try s.parseComparison()
            }
        }

        /// Any number of prefix `symbol`s, each applied by `apply`, before an operand that `operand` parses.
        mutating func parsePrefix(
            _ symbol: String, _ apply: (ExpressionSyntax) -> ExpressionSyntax,
            _ operand: (inout State) throws(ExpressionError) -> ExpressionSyntax
        ) throws(ExpressionError) -> ExpressionSyntax {
            guard isSymbol(symbol) else { return try operand(&self) }
            _ = advance()
            return apply(
                try nested { (s: inout State) throws(ExpressionError) in try s.parsePrefix(symbol, apply, operand) })
        }

        mutating func parseComparison() throws(ExpressionError) -> ExpressionSyntax {
            let left = try parseAdd()
            let op: BinaryOperator
            if case .symbol(let s) = peek.kind, let symbol = BinaryOperator(rawValue: s),
                [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual].contains(symbol)
            {
                op = symbol
            } else if isKeyword("in") {
                op = .isIn
            } else {
                return left
            }
            _ = advance()
            // The right side is parsed first: `finishComparison` must see the token after it.
            let right = try parseAdd()
            return try finishComparison(.binary(op, left, right))
        }

        /// Comparisons do not chain: `a < b < c` is an error, not a surprise.
        func finishComparison(_ tree: ExpressionSyntax) throws(ExpressionError) -> ExpressionSyntax {
            let chained: Bool
            if case .symbol(let s) = peek.kind {
                chained = ["==", "!=", "<", "<=", ">", ">="].contains(s)
            } else {
                chained = isKeyword("in")
            }
            if chained {
                throw ExpressionError(
                    column: peek.column, message: "comparisons do not chain; combine them with && or ||")
            }
            return tree
        }

        mutating func parseAdd() throws(ExpressionError) -> ExpressionSyntax {
            try parseLevel([.add, .subtract]) { (s: inout State) throws(ExpressionError) in try s.parseMultiply() }
        }

        mutating func parseMultiply() throws(ExpressionError) -> ExpressionSyntax {
            try parseLevel([.multiply, .divide]) { (s: inout State) throws(ExpressionError) in try s.parseUnary() }
        }

        mutating func parseUnary() throws(ExpressionError) -> ExpressionSyntax {
            try parsePrefix("-", ExpressionSyntax.negate) { (s: inout State) throws(ExpressionError) in
                try s.parsePrimary()
            }
        }

        mutating func parsePrimary() throws(ExpressionError) -> ExpressionSyntax {
            let token = advance()
            switch token.kind {
            case .number(let x):
                return .number(x)
            case .string(let s):
                return .string(s)
            case .identifier("true"):
                return .bool(true)
            case .identifier("false"):
                return .bool(false)
            case .identifier("in"):
                throw ExpressionError(column: token.column, message: "'in' needs a value on its left")
            case .identifier(let name):
                guard isSymbol("(") else { return .identifier(name, column: token.column) }
                _ = advance()
                let args = try nested { (s: inout State) throws(ExpressionError) in try s.parseArguments(closing: ")") }
                if let problem = Functions.arityProblem(name, count: args.count) {
                    throw ExpressionError(column: token.column, message: problem)
                }
                return .call(name, args, column: token.column)
            case .symbol("("):
                let inner = try nested { (s: inout State) throws(ExpressionError) in try s.parseOr() }
                try expect(")", "to close '(' at column \(token.column)")
                return inner
            case .symbol("["):
                var strings: [String] = []
                if isSymbol("]") {
                    _ = advance()
                    return .list(strings)
                }
                while true {
                    let item = advance()
                    guard case .string(let s) = item.kind else {
                        throw ExpressionError(
                            column: item.column,
                            message: "a list literal holds only strings, found \(Self.describe(item))")
                    }
                    strings.append(s)
                    if isSymbol(",") {
                        _ = advance()
                    } else {
                        try expect("]", "to close the list at column \(token.column)")
                        return .list(strings)
                    }
                }
            case .end:
                throw ExpressionError(column: token.column, message: "unexpected end of expression")
            case .symbol(let s):
                throw ExpressionError(column: token.column, message: "unexpected '\(s)'")
            }
        }

        mutating func parseArguments(closing: String) throws(ExpressionError) -> [ExpressionSyntax] {
            var args: [ExpressionSyntax] = []
            if isSymbol(closing) {
                _ = advance()
                return args
            }
            while true {
                args.append(try parseOr())
                if isSymbol(",") {
                    _ = advance()
                } else {
                    try expect(closing, "after the arguments")
                    return args
                }
            }
        }
    }
}
