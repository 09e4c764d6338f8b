/// Runs policy test cases (docs/SEMANTICS.md §16): scores each case's facts under the model and
/// lists where the result differs from what the case expects, in the order the case states it.
public struct PolicyTestRunner: Sendable {
    public let model: AssessmentModel

    public init(model: AssessmentModel) { self.model = model }

    /// One case run: its differences, empty when it passed.
    public struct Outcome: Sendable {
        public var name: String
        public var location: SourceLocation?
        public var differences: [String]
        public var passed: Bool { differences.isEmpty }
    }

    public func run(_ cases: [PolicyTestCase]) -> [Outcome] { cases.map(run) }

    public func run(_ testCase: PolicyTestCase) -> Outcome {
        let result = model.assess(testCase.snapshot)
        var differences: [String] = []
        let expect = testCase.expect
        for district in expect.districts {
            differences += Self.compare(district, result.district(code: district.code), tolerance: expect.tolerance)
        }
        if let awards = expect.awards { differences += Self.compare(awards, result.subsidies.awards) }
        if let ineligible = expect.ineligible {
            let actual = result.subsidies.ineligible.map { ($0.uscc, $0.reasons.joined(separator: ", ")) }
            differences += Self.compareLists(
                "ineligible", ineligible.map { ($0.uscc, $0.reasons.joined(separator: ", ")) }, actual)
        }
        if let excluded = expect.excluded {
            let actual = result.subsidies.excluded.map { ("\($0.uscc) \($0.program)", $0.reason) }
            differences += Self.compareLists(
                "excluded", excluded.map { ("\($0.uscc) \($0.program)", $0.reason) }, actual)
        }
        if let granted = expect.grantedFen, granted != result.subsidies.grantedFen {
            differences.append(
                "granted in all: expected \(Money.format(fen: granted)) yuan, got "
                    + "\(Money.format(fen: result.subsidies.grantedFen)) yuan")
        }
        return Outcome(name: testCase.name, location: testCase.location, differences: differences)
    }

    static func compare(
        _ e: PolicyExpectation.District, _ actual: DistrictResult?, tolerance: Double
    ) -> [String] {
        guard let actual else { return ["district \(e.code): not in the result (not a configured district)"] }
        var out: [String] = []
        let name = "district \(e.code)"
        func show<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "none" }
        if let incomplete = e.incomplete, incomplete != actual.incomplete {
            out.append("\(name) incomplete: expected \(incomplete), got \(actual.incomplete)")
        }
        if let total = e.total, !(actual.total.map { abs($0 - total) <= tolerance } ?? false) {
            out.append("\(name) total: expected \(total) (± \(tolerance)), got \(show(actual.total))")
        }
        if let rank = e.rank, rank != actual.rank {
            out.append("\(name) rank: expected \(rank), got \(show(actual.rank))")
        }
        if let grade = e.grade, grade != actual.grade {
            out.append("\(name) grade: expected \(grade), got \(show(actual.grade))")
        }
        if let veto = e.vetoedBy, veto != actual.vetoedBy {
            out.append("\(name) vetoed_by: expected \(veto), got \(actual.vetoedBy)")
        }
        for (indicator, points) in e.points {
            let got = actual.indicator(indicator)?.points
            if !(got.map { abs($0 - points) <= tolerance } ?? false) {
                out.append("\(name) \(indicator) points: expected \(points) (± \(tolerance)), got \(show(got))")
            }
        }
        return out
    }

    static func compare(_ expected: [PolicyExpectation.Award], _ actual: [Award]) -> [String] {
        var out: [String] = []
        for e in expected {
            let name = "award \(e.uscc) \(e.program)"
            guard let a = actual.first(where: { $0.uscc == e.uscc && $0.program == e.program }) else {
                out.append("\(name): expected, but there is no such award")
                continue
            }
            if let g = e.grantedFen, g != a.grantedFen {
                out.append(
                    "\(name) granted: expected \(Money.format(fen: g)) yuan, got \(Money.format(fen: a.grantedFen)) yuan"
                )
            }
            if let r = e.requestedFen, r != a.requestedFen {
                out.append(
                    "\(name) requested: expected \(Money.format(fen: r)) yuan, got "
                        + "\(Money.format(fen: a.requestedFen)) yuan")
            }
            if let notes = e.notes, notes != a.notes.names {
                out.append("\(name) notes: expected \(notes), got \(a.notes.names)")
            }
        }
        for a in actual where !expected.contains(where: { $0.uscc == a.uscc && $0.program == a.program }) {
            out.append("award \(a.uscc) \(a.program): not expected, got \(Money.format(fen: a.grantedFen)) yuan")
        }
        return out
    }

    /// Lists keyed by their first element: what is missing, what differs, what is extra.
    static func compareLists(_ what: String, _ expected: [(String, String)], _ actual: [(String, String)]) -> [String] {
        var out: [String] = []
        for (key, value) in expected {
            guard let got = actual.first(where: { $0.0 == key }) else {
                out.append("\(what) \(key): expected \(value), but it is not \(what)")
                continue
            }
            if got.1 != value { out.append("\(what) \(key): expected \(value), got \(got.1)") }
        }
        for (key, value) in actual where !expected.contains(where: { $0.0 == key }) {
            out.append("\(what) \(key): not expected, got \(value)")
        }
        return out
    }
}
