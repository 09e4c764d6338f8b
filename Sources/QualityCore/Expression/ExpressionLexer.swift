/// A token of the expression language with the column where it starts.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case string(String)
        case identifier(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    var column: Int
}

/// Splits an expression into tokens; errors name the column of the offending character.
enum ExpressionLexer {
    static func tokenize(_ text: String) throws(ExpressionError) -> [ExpressionToken] {
        let s = Array(text.unicodeScalars)
        var tokens: [ExpressionToken] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            let column = i + 1
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
                continue
            }
            if isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])) {
                var j = i
                while j < s.count, isDigit(s[j]) { j += 1 }
                if j < s.count, s[j] == "." {
                    j += 1
                    while j < s.count, isDigit(s[j]) { j += 1 }
                }
                if j < s.count, s[j] == "e" || s[j] == "E" {
                    var k = j + 1
                    if k < s.count, s[k] == "+" || s[k] == "-" { k += 1 }
                    guard k < s.count, isDigit(s[k]) else {
                        throw ExpressionError(column: j + 1, message: "malformed number: exponent needs digits")
                    }
                    while k < s.count, isDigit(s[k]) { k += 1 }
                    j = k
                }
                let literal = String(String.UnicodeScalarView(s[i..<j]))
                guard let value = Double(literal) else {
                    throw ExpressionError(column: column, message: "malformed number '\(literal)'")
                }
                if j < s.count, isIdentifierStart(s[j]) {
                    throw ExpressionError(column: j + 1, message: "unexpected '\(s[j])' after number")
                }
                tokens.append(ExpressionToken(kind: .number(value), column: column))
                i = j
            } else if isIdentifierStart(c) {
                var j = i + 1
                while j < s.count, isIdentifierPart(s[j]) { j += 1 }
                tokens.append(
                    ExpressionToken(kind: .identifier(String(String.UnicodeScalarView(s[i..<j]))), column: column))
                i = j
            } else if c == "\"" {
                var j = i + 1
                var value = String.UnicodeScalarView()
                var closed = false
                while j < s.count {
                    if s[j] == "\\" {
                        guard j + 1 < s.count, s[j + 1] == "\"" || s[j + 1] == "\\" else {
                            throw ExpressionError(
                                column: j + 1, message: "unknown escape in string; only \\\" and \\\\ are allowed")
                        }
                        value.append(s[j + 1])
                        j += 2
                    } else if s[j] == "\"" {
                        closed = true
                        j += 1
                        break
                    } else {
                        value.append(s[j])
                        j += 1
                    }
                }
                guard closed else { throw ExpressionError(column: column, message: "unterminated string") }
                tokens.append(ExpressionToken(kind: .string(String(value)), column: column))
                i = j
            } else {
                let two = i + 1 < s.count ? String(String.UnicodeScalarView([c, s[i + 1]])) : ""
                if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                    tokens.append(ExpressionToken(kind: .symbol(two), column: column))
                    i += 2
                } else if "+-*/<>!(),[]".unicodeScalars.contains(c) {
                    tokens.append(ExpressionToken(kind: .symbol(String(c)), column: column))
                    i += 1
                } else if c == "=" {
                    throw ExpressionError(column: column, message: "unexpected '='; use '==' to compare")
                } else if c == "&" || c == "|" {
                    throw ExpressionError(column: column, message: "unexpected '\(c)'; use '\(c)\(c)'")
                } else if c == "'" {
                    throw ExpressionError(column: column, message: "strings are written in double quotes")
                } else {
                    throw ExpressionError(column: column, message: "unexpected character '\(c)'")
                }
            }
        }
        tokens.append(ExpressionToken(kind: .end, column: s.count + 1))
        return tokens
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.value < 128 ? (c.value | 0x20 >= 97 && c.value | 0x20 <= 122) : c.properties.isAlphabetic)
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
