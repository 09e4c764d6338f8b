import QualityCore

/// Small pieces of YAML text: scalars quoted only when they must be, numbers without a needless
/// `.0`, flow mappings `{ k: v }`.
enum YAMLText {
    /// `s` plain when YAML reads it back as the same string (also inside flow collections),
    /// else double-quoted (or single-quoted when it holds double quotes, as expressions do).
    static func scalar(_ s: String) -> String {
        isPlain(s) ? s : quoted(s)
    }

    /// Always quoted: for URLs, expressions and codes, which read better quoted.
    static func quoted(_ s: String) -> String {
        if s.contains("\"") && !s.contains("'") && !s.contains("\n") { return "'" + s + "'" }
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    private static let indicators: Set<Unicode.Scalar> = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]
    private static let reserved: Set<String> = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    ]

    static func isPlain(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if indicators.contains(first) || first == " " || last == " " { return false }
        // Anything that might read as a number (330212, 1e6, .5, +1, 0x1F) stays a string by quoting.
        if ("0"..."9").contains(first) || first == "." || first == "+" { return false }
        if reserved.contains(s.lowercased()) { return false }
        for c in s.unicodeScalars {
            if c == "," || c == "[" || c == "]" || c == "{" || c == "}" || c == "\"" || c == "\n" || c == "\t"
                || c == "$" || c == "'"
            {
                return false
            }
        }
        return !s.contains(": ") && !s.contains(" #") && !s.hasSuffix(":")
    }

    /// A number as YAML writes it: integral values without a fraction.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    /// An expression: a number stays a number (`amount_yuan: 200000`), anything else is quoted.
    static func expression(_ e: ExpressionSource) -> String {
        if let x = Double(e.text), x.isFinite, !e.text.contains(where: { $0 == " " }) { return number(x) }
        return quoted(e.text)
    }

    static func localized(_ t: LocalizedText) -> String {
        guard let en = t.en else { return scalar(t.zh) }
        return flow([("zh", scalar(t.zh)), ("en", scalar(en))])
    }

    /// `{ a: 1, b: 2 }` from already rendered values.
    static func flow(_ pairs: [(String, String)]) -> String {
        "{ " + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + " }"
    }

    /// Seconds as `30s`, `15m`, `24h` (the largest unit that divides them).
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds)
        guard Double(s) == seconds else { return "\(number(seconds))s" }
        if s > 0, s % 3600 == 0 { return "\(s / 3600)h" }
        if s > 0, s % 60 == 0 { return "\(s / 60)m" }
        return "\(s)s"
    }

    /// Bytes as `16MiB`, `512KiB` or a plain number.
    static func bytes(_ n: Int) -> String {
        if n > 0, n % (1 << 30) == 0 { return "\(n >> 30)GiB" }
        if n > 0, n % (1 << 20) == 0 { return "\(n >> 20)MiB" }
        if n > 0, n % (1 << 10) == 0 { return "\(n >> 10)KiB" }
        return String(n)
    }
}
