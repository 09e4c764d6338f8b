import ArgumentParser
import QualityConfig
import QualityCore

/// `qualityd test`: run policy test cases against the config (docs/SEMANTICS.md §15); one line per
/// case, the first difference of each failed case, exit 1 when any fails.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy tests (政策测试): expected totals, ranks, grades, vetoes and awards."
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The test file (YAML, docs/SEMANTICS.md §15).")
    var tests: String

    @Option(help: "Also write the outcomes as JUnit XML here.")
    var junit: String?

    func run() throws {
        let loaded = try options.load()
        let cases: [PolicyTestCase]
        do {
            cases = try PolicyTestLoader.load(path: tests)
        } catch {
            throw CommandFailure.config(error)
        }
        let runner = PolicyTestRunner(model: loaded.model)
        let clock = ContinuousClock()
        var report = JUnitReport(suite: tests)
        for testCase in cases {
            let start = clock.now
            let outcome = runner.run(testCase)
            let elapsed = start.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            report.add(outcome, seconds: seconds)
            if let first = outcome.differences.first {
                let more = outcome.differences.count > 1 ? " (and \(outcome.differences.count - 1) more)" : ""
                let place = outcome.location.map { " (\($0))" } ?? ""
                print("FAIL  \(outcome.name)\(place): \(first)\(more)")
            } else {
                print("ok    \(outcome.name)")
            }
        }
        if let junit { try writeOutput(Array(report.render().utf8), to: junit) }
        let failed = report.failures
        print("\(tests): \(cases.count) cases, \(cases.count - failed) passed, \(failed) failed")
        if failed > 0 {
            throw CommandFailure(.invalidInput, "\(tests): \(failed) of \(cases.count) cases failed")
        }
    }
}

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
