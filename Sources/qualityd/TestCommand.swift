import ArgumentParser
import QualityConfig
import QualityCore

/// `qualityd test`: run policy test cases against the config (docs/SEMANTICS.md §16); one line per
/// case, the first difference of each failed case, exit 1 when any fails.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy tests (政策测试): expected totals, ranks, grades, vetoes and awards."
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The test file (YAML, docs/SEMANTICS.md §16).")
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
        let clock = ContinuousClock()
        var report = JUnitReport(suite: tests)
        for testCase in cases {
            let start = clock.now
            // Each case is scored under the policy version in force for its period.
            let outcome = PolicyTestRunner(model: try policy(loaded, for: testCase.period)).run(testCase)
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
