/// One problem with a config: where, which key, what is wrong. `check` prints every one at once
/// as `FILE:LINE:COL: message`.
public struct ConfigIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var location: SourceLocation?
    /// Dotted path of the key, e.g. `scoring.dimensions[0].indicators[1].weight`.
    public var key: String
    public var message: String
    public var severity: Severity

    public init(location: SourceLocation?, key: String, message: String, severity: Severity = .error) {
        self.location = location
        self.key = key
        self.message = message
        self.severity = severity
    }

    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        let prefix = severity == .warning ? "warning: " : ""
        // File-level problems (unreadable file, YAML syntax) have no key.
        let keyPart = key.isEmpty ? "" : "\(key): "
        return "\(place)\(prefix)\(keyPart)\(message)"
    }
}

/// A config that cannot be used, with every problem found.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var issues: [ConfigIssue]

    public init(_ issues: [ConfigIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

extension ExpressionSource {
    /// Where column `column` of the expression text is, for single-line expressions.
    public func location(ofColumn column: Int) -> SourceLocation? {
        guard var loc = location else { return nil }
        // Multi-line block scalars: count lines within the text.
        var line = 0
        var col = column
        var lineStart = 1
        for (i, scalar) in text.unicodeScalars.enumerated() where i + 1 < column && scalar == "\n" {
            line += 1
            lineStart = i + 2
        }
        if line > 0 {
            loc.line += line
            col = column - lineStart + 1
            // Block scalar lines share the first line's indentation.
            loc.column += col - 1
            return loc
        }
        loc.column += column - 1
        return loc
    }
}
