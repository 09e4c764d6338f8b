/// `${NAME}`, `${NAME:-default}` and `$$` in config string scalars (docs/SEMANTICS.md §3).
///
/// As in the shell, `${NAME:-default}` falls back when NAME is unset or empty. A `$` that starts
/// neither form is kept as written.
enum EnvironmentSubstitution {
    /// What went wrong in one scalar: each problem is reported at the scalar's location.
    enum Problem: Equatable {
        case unset(String)
        case unterminated
        case invalidName(String)

        var message: String {
            switch self {
            case .unset(let name):
                "environment variable '\(name)' is not set (write ${\(name):-default} for a fallback)"
            case .unterminated: "unterminated '${' (write $$ for a literal $)"
            case .invalidName(let name): "'\(name)' is not a valid environment variable name"
            }
        }
    }

    /// The text with every reference replaced, or the problems found (all of them).
    static func substitute(_ text: String, environment: [String: String]) -> Result<String, Problems> {
        guard text.contains("$") else { return .success(text) }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var problems: [Problem] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            guard c == "$", i + 1 < s.count else {
                out.append(c)
                i += 1
                continue
            }
            if s[i + 1] == "$" {
                out.append("$")
                i += 2
                continue
            }
            guard s[i + 1] == "{" else {
                out.append(c)
                i += 1
                continue
            }
            guard let close = s[(i + 2)...].firstIndex(of: "}") else {
                problems.append(.unterminated)
                break
            }
            let body = String(String.UnicodeScalarView(s[(i + 2)..<close]))
            let name: String
            let fallback: String?
            if let range = body.firstRange(of: ":-") {
                name = String(body[..<range.lowerBound])
                fallback = String(body[range.upperBound...])
            } else {
                name = body
                fallback = nil
            }
            if !isValidName(name) {
                problems.append(.invalidName(name))
            } else if let value = environment[name], !(value.isEmpty && fallback != nil) {
                out.append(contentsOf: value.unicodeScalars)
            } else if let fallback {
                out.append(contentsOf: fallback.unicodeScalars)
            } else {
                problems.append(.unset(name))
            }
            i = close + 1
        }
        return problems.isEmpty ? .success(String(out)) : .failure(Problems(list: problems))
    }

    struct Problems: Error, Equatable {
        var list: [Problem]
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || isLetter($0) || ("0"..."9").contains($0) }
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
}
