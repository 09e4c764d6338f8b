/// Where a value was written: the config file, 1-based line and column.
///
/// Kept on the model so that errors found after decoding (an unknown indicator, an expression
/// that does not parse) can still name the place the administrator has to edit.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// An expression as written in config, with the place of its first character.
///
/// `location` points at the first character of the expression text itself (inside the quotes
/// when the YAML scalar is quoted), so a parse error at expression column `c` is at
/// `location.column + c - 1` for single-line scalars.
public struct ExpressionSource: Sendable, Hashable, ExpressibleByStringLiteral {
    public var text: String
    public var location: SourceLocation?

    public init(_ text: String, location: SourceLocation? = nil) {
        self.text = text
        self.location = location
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }
}
