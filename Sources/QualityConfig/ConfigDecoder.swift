import QualityCore
import Yams

/// Walks a composed YAML tree by hand, keeping the dotted key path and the location of every
/// value, and collecting every problem instead of stopping at the first.
///
/// Decoders for each section live in `Config+Decoding.swift`-style extensions. Every list item
/// decodes to a value even when it has errors (placeholders fill the gaps), so list indices in
/// later messages (expression errors from `AssessmentModel`) still match the file.
final class ConfigDecoder {
    let file: String
    let environment: [String: String]
    private let lines: [[Unicode.Scalar]]
    private let renamedKeys: [TextPosition: String]
    private(set) var issues: [ConfigIssue] = []
    /// Where each decoded value is, by dotted key path.
    private(set) var locations: [String: SourceLocation] = [:]
    /// Where each key of a mapping is written, by dotted key path.
    var keyLocations: [String: SourceLocation] = [:]
    /// Paths whose value was given but could not be decoded; validation skips rules that need them.
    private(set) var failed: Set<String> = []

    init(file: String, environment: [String: String], document: YAMLDocument) {
        self.file = file
        self.environment = environment
        self.lines = document.lines
        self.renamedKeys = document.renamedKeys
    }

    // MARK: Issues and locations

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// The best known place for `path`: its value, else its key, else the nearest ancestor's.
    func location(of path: String) -> SourceLocation {
        var p = path
        while !p.isEmpty {
            if let loc = locations[p] ?? keyLocations[p] { return loc }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            p = String(p[..<cut])
        }
        return locations[""] ?? SourceLocation(file: file, line: 1, column: 1)
    }

    func error(_ path: String, at location: SourceLocation?, _ message: String) {
        issues.append(ConfigIssue(location: location, key: path, message: message))
    }

    func warning(_ path: String, at location: SourceLocation?, _ message: String) {
        issues.append(ConfigIssue(location: location, key: path, message: message, severity: .warning))
    }

    /// Reports a value that cannot be used and remembers that `path` failed.
    func fail(_ path: String, _ node: Node, _ message: String) {
        failed.insert(path)
        error(path, at: location(node), message)
    }

    func markFailed(_ path: String) { failed.insert(path) }

    func record(_ path: String, _ node: Node) { locations[path] = location(node) }

    /// The original name of a key that was renamed to get past Yams' duplicate check.
    func renamedKey(at node: Node) -> String? {
        guard let mark = node.mark else { return nil }
        return renamedKeys[TextPosition(line: mark.line, column: mark.column)]
    }

    // MARK: Describing nodes

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// How a node reads in a message: `'abc'`, `a quoted string '30'`, `a list`, `a mapping`, `null`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            if isNull(node) { return "null" }
            var text = s.string
            if text.unicodeScalars.count > 40 {
                text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…"
            }
            switch s.style {
            case .singleQuoted, .doubleQuoted: return "a quoted string '\(text)'"
            case .literal, .folded: return "a block string"
            default: return "'\(text)'"
            }
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    // MARK: Scalars

    /// A scalar's text with `${…}` substituted; reports (once) and returns nil when that fails.
    func scalarText(_ node: Node, _ path: String) -> (text: String, scalar: Node.Scalar)? {
        guard case .scalar(let s) = node else { return nil }
        switch EnvironmentSubstitution.substitute(s.string, environment: environment) {
        case .success(let text): return (text, s)
        case .failure(let problems):
            failed.insert(path)
            for p in problems.list { error(path, at: location(node), p.message) }
            return nil
        }
    }

    /// Text of a plain scalar after substitution, for numbers and booleans; quoted text is a string.
    private func plainText(_ node: Node, _ path: String, expected: String) -> String? {
        guard case .scalar(let s) = node, !Self.isNull(node), s.style == .plain || s.style == .any else {
            fail(path, node, "expected \(expected) (found \(Self.describe(node)))")
            return nil
        }
        return scalarText(node, path)?.text
    }

    func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar = node, !Self.isNull(node) else {
            fail(path, node, "expected a string (found \(Self.describe(node)))")
            return nil
        }
        guard let text = scalarText(node, path)?.text else { return nil }
        record(path, node)
        return text
    }

    func number(_ node: Node, _ path: String) -> Double? {
        guard let text = plainText(node, path, expected: "a number") else { return nil }
        guard let value = Self.parseNumber(text) else {
            fail(path, node, "expected a number (found '\(text)')")
            return nil
        }
        record(path, node)
        return value
    }

    func integer(_ node: Node, _ path: String) -> Int? {
        guard let text = plainText(node, path, expected: "a whole number") else { return nil }
        guard let value = Self.parseNumber(text), value == value.rounded(), abs(value) < 1e15 else {
            fail(path, node, "expected a whole number (found '\(text)')")
            return nil
        }
        record(path, node)
        return Int(value)
    }

    func bool(_ node: Node, _ path: String) -> Bool? {
        guard let text = plainText(node, path, expected: "true or false") else { return nil }
        switch text {
        case "true", "True", "TRUE":
            record(path, node)
            return true
        case "false", "False", "FALSE":
            record(path, node)
            return false
        default:
            fail(path, node, "expected true or false (found '\(text)')")
            return nil
        }
    }

    /// One of an enum's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ node: Node, _ path: String) -> E? where E.RawValue == String {
        let names = E.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .scalar = node, !Self.isNull(node), let text = scalarText(node, path)?.text else {
            if !failed.contains(path) { fail(path, node, "expected one of: \(names) (found \(Self.describe(node)))") }
            return nil
        }
        guard let value = E(rawValue: text) else {
            fail(path, node, "expected one of: \(names) (found '\(text)')")
            return nil
        }
        record(path, node)
        return value
    }

    /// `{ zh: …, en: … }` or a plain string (Chinese only).
    func localized(_ node: Node, _ path: String) -> LocalizedText? {
        if case .scalar = node, !Self.isNull(node) {
            return string(node, path).map { LocalizedText(zh: $0) }
        }
        guard case .mapping = node else {
            fail(path, node, "expected a name: a string or { zh: …, en: … } (found \(Self.describe(node)))")
            return nil
        }
        let m = mapping(node, path, known: ["zh", "en"])
        guard let zh = m.required("zh", string) else { return nil }
        return LocalizedText(zh: zh, en: m.optional("en", string))
    }

    /// An expression, located at the first character of its text (inside quotes; for block
    /// scalars, the first content line).
    func expression(_ node: Node, _ path: String) -> ExpressionSource? {
        guard case .scalar = node, !Self.isNull(node) else {
            fail(path, node, "expected an expression (found \(Self.describe(node)))")
            return nil
        }
        guard let (text, scalar) = scalarText(node, path) else { return nil }
        record(path, node)
        var loc = location(node)
        switch scalar.style {
        case .singleQuoted, .doubleQuoted:
            loc.column += 1
        case .literal, .folded:
            let next = loc.line  // index of the line after the indicator
            let content = lines.dropFirst(next).first { line in line.contains { $0 != " " && $0 != "\r" } }
            loc.line += 1
            loc.column = (content?.prefix { $0 == " " }.count ?? 0) + 1
        default:
            break
        }
        return ExpressionSource(text, location: loc)
    }

    /// A list; nil (reported) when the node is something else.
    func list(_ node: Node, _ path: String) -> [Node]? {
        guard case .sequence(let seq) = node else {
            fail(path, node, "expected a list (found \(Self.describe(node)))")
            return nil
        }
        record(path, node)
        return Array(seq)
    }

    /// Decodes every item of a list with `item`, which gets the item's node and path.
    func items<T>(_ node: Node, _ path: String, _ item: (Node, String) -> T) -> [T] {
        guard let nodes = list(node, path) else { return [] }
        return nodes.enumerated().map { i, n in item(n, "\(path)[\(i)]") }
    }

    func mapping(_ node: Node, _ path: String, known: [String]?) -> MappingReader {
        MappingReader(decoder: self, node: node, path: path, known: known)
    }

    /// Decimal numbers as YAML writes them: `12`, `-0.5`, `1e6`, `.5`; no NaN, infinity or hex.
    static func parseNumber(_ text: String) -> Double? {
        var s = Substring(text)
        if s.first == "+" || s.first == "-" { s = s.dropFirst() }
        var digits = 0
        var seenDot = false
        var seenExponent = false
        var exponentDigits = 0
        var previous: Character = " "
        for c in s {
            switch c {
            case "0"..."9":
                if seenExponent { exponentDigits += 1 } else { digits += 1 }
            case "." where !seenDot && !seenExponent: seenDot = true
            case "e", "E":
                guard !seenExponent, digits > 0 else { return nil }
                seenExponent = true
            case "+", "-": guard previous == "e" || previous == "E" else { return nil }
            default: return nil
            }
            previous = c
        }
        guard digits > 0, !seenExponent || exponentDigits > 0, let value = Double(text), value.isFinite else {
            return nil
        }
        return value
    }
}
