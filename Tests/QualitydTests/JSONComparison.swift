import QualityCore

/// Compares a result with an expected one: every key of `expected` must be present in `actual`;
/// floats within 1e-9 relative or 1e-12 absolute; strings, integers (fen) and lists exact.
enum JSONComparison {
    static func differences(_ actual: JSONValue, _ expected: JSONValue, path: String = "$") -> [String] {
        switch (actual, expected) {
        case (.number(let a), .number(let e)):
            let close = abs(a - e) <= 1e-12 || abs(a - e) <= 1e-9 * max(abs(a), abs(e))
            return close ? [] : ["\(path): \(a) != expected \(e)"]
        case (.object(let a), .object(let e)):
            var out: [String] = []
            for (key, value) in e.pairs {
                guard let other = a[key] else {
                    out.append("\(path).\(key): missing")
                    continue
                }
                out += differences(other, value, path: "\(path).\(key)")
            }
            return out
        case (.array(let a), .array(let e)):
            guard a.count == e.count else { return ["\(path): \(a.count) items, expected \(e.count)"] }
            return zip(a, e).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
        default:
            return actual == expected ? [] : ["\(path): \(actual) != expected \(expected)"]
        }
    }
}
