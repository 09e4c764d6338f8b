import QualityCore

/// Policy test outcomes as JUnit XML, which CI tools read: one suite, one testcase per case, a
/// `failure` with the first difference as its message and every difference as its text.
struct JUnitReport {
    let suite: String
    private var cases: [(outcome: PolicyTestRunner.Outcome, seconds: Double)] = []

    init(suite: String) { self.suite = suite }

    var failures: Int { cases.filter { !$0.outcome.passed }.count }

    mutating func add(_ outcome: PolicyTestRunner.Outcome, seconds: Double) { cases.append((outcome, seconds)) }

    func render() -> String {
        let total = cases.reduce(0) { $0 + $1.seconds }
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"qualityd test\" \(counts) time=\"\(Self.time(total))\">\n"
        xml += "  <testsuite name=\"\(Self.escape(suite))\" \(counts) skipped=\"0\" time=\"\(Self.time(total))\">\n"
        for (outcome, seconds) in cases {
            xml += "    <testcase classname=\"\(Self.escape(suite))\" name=\"\(Self.escape(outcome.name))\""
            xml += " time=\"\(Self.time(seconds))\""
            guard let first = outcome.differences.first else {
                xml += "/>\n"
                continue
            }
            xml += ">\n      <failure message=\"\(Self.escape(first))\" type=\"difference\">"
            xml += Self.escape(outcome.differences.joined(separator: "\n"))
            xml += "</failure>\n    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// Seconds with millisecond precision, as JUnit readers expect.
    static func time(_ seconds: Double) -> String {
        let ms = Int((seconds * 1000).rounded())
        let frac = String(ms % 1000)
        return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    /// Text safe inside an attribute or element: the five XML entities, and control characters
    /// other than tab and newline (which XML 1.0 forbids) dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
