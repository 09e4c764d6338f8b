import Foundation
import QualityCore
import TestFixtures
import Testing

/// Small builders for configs, snapshots and expression evaluation, shared by the suites.
enum Fixtures {
    /// The bytes of a shared fixture (`Tests/Fixtures`).
    static func bytes(_ path: String) throws -> [UInt8] {
        try TestFixtures.bytes(path)
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONParser.parse(try bytes(path))
    }
}

/// A valid USCC (check character computed) for enterprise `n` of district `code`.
func uscc(_ n: Int, district code: String = "330212") -> String {
    let digits = String(n)
    let first17 = "91" + code + "MA" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    return first17 + (USCC.checkCharacter(for: first17).map(String.init) ?? "?")
}

func text(_ zh: String) -> LocalizedText { LocalizedText(zh: zh, en: zh) }

/// A snapshot from plain dictionaries.
func makeSnapshot(
    period: String = "2025", districts: [String: [String: Value]] = [:], enterprises: [String: [String: Value]] = [:],
    payouts: [Payout] = []
) -> Snapshot {
    Snapshot(
        period: period, districts: FactTable(rows: districts), enterprises: FactTable(rows: enterprises),
        payouts: payouts
    )
}

/// A scoring config grown one indicator at a time; `total` follows the weights unless set.
struct ScoringScenario {
    var config = Config()

    init(districts codes: [String]) {
        config.districts = codes.map { District(code: $0, name: LocalizedText(zh: "区\($0)", en: "D\($0)")) }
        config.scoring.total = 0
        config.scoring.grades = [
            Grade(id: "excellent", name: text("优秀"), min: 90), Grade(id: "good", name: text("良好"), min: 80),
            Grade(id: "pass", name: text("合格"), min: 60), Grade(id: "fail", name: text("不合格"), min: 0),
        ]
    }

    /// Adds an indicator whose value is `value` (default: the district fact named `id`) and scores it.
    mutating func indicator(
        _ id: String, value: String? = nil, direction: Direction = .higher, weight: Double, method: ScoringMethod,
        missing: MissingPolicy? = nil, entryDirection: Direction? = nil, dimension: String = "main"
    ) {
        config.indicators.append(
            Indicator(id: id, name: text(id), direction: direction, value: ExpressionSource(value ?? id))
        )
        let entry = ScoredIndicator(
            indicator: id, weight: weight, method: method, direction: entryDirection, missing: missing
        )
        if let d = config.scoring.dimensions.firstIndex(where: { $0.id == dimension }) {
            config.scoring.dimensions[d].indicators.append(entry)
        } else {
            config.scoring.dimensions.append(Dimension(id: dimension, name: text(dimension), indicators: [entry]))
        }
        config.scoring.total += weight
    }

    mutating func bonus(_ id: String, _ points: String, cap: Double? = nil) {
        config.scoring.bonus.append(Adjustment(id: id, name: text(id), points: ExpressionSource(points), cap: cap))
    }

    mutating func penalty(_ id: String, _ points: String, cap: Double? = nil) {
        config.scoring.penalties.append(Adjustment(id: id, name: text(id), points: ExpressionSource(points), cap: cap))
    }

    mutating func veto(_ id: String, _ when: String) {
        config.scoring.veto.append(Rule(id: id, name: text(id), when: ExpressionSource(when)))
    }

    /// Scores districts given as code → district facts.
    func assess(_ districts: [String: [String: Value]], enterprises: [String: [String: Value]] = [:]) throws
        -> AssessmentResult
    {
        let model = try AssessmentModel(config: config)
        return model.assess(makeSnapshot(districts: districts, enterprises: enterprises))
    }
}

/// A subsidy config over one or more districts; programs and rules are added by the tests.
struct SubsidyScenario {
    var config = Config()

    init(districts codes: [String] = ["330212"]) {
        config.districts = codes.map { District(code: $0, name: text("区\($0)")) }
        config.scoring.total = 0
        config.scoring.grades = [Grade(id: "fail", name: text("不合格"), min: 0)]
    }

    mutating func program(
        _ id: String, when: String = "true", amount: String, group: String? = nil, oncePerYears: Int? = nil,
        budget: Double? = nil
    ) {
        config.subsidies.programs.append(
            Program(
                id: id, name: text(id), when: ExpressionSource(when), amountYuan: ExpressionSource(amount),
                group: group, oncePerYears: oncePerYears, budgetYuan: budget
            )
        )
    }

    mutating func eligibility(_ id: String, _ when: String) {
        config.subsidies.eligibility.append(Rule(id: id, name: text(id), when: ExpressionSource(when)))
    }

    /// Runs subsidies over enterprises given as USCC → facts; `district` defaults to the first district.
    func run(_ enterprises: [String: [String: Value]], payouts: [Payout] = [], period: String = "2025") throws
        -> AssessmentResult
    {
        let home = config.districts.first?.code ?? ""
        var rows = enterprises
        for key in rows.keys where rows[key]?["district"] == nil { rows[key]?["district"] = .string(home) }
        let model = try AssessmentModel(config: config)
        return model.assess(makeSnapshot(period: period, enterprises: rows, payouts: payouts))
    }
}

extension SubsidyResult {
    /// Awards as `USCC/program: requested→granted [notes]`, compact enough to compare whole lists.
    var summary: [String] {
        awards.map { "\($0.uscc)/\($0.program): \($0.requestedFen)→\($0.grantedFen) \($0.notes.names)" }
    }

    func award(_ uscc: String, _ program: String) -> Award? {
        awards.first { $0.uscc == uscc && $0.program == program }
    }
}

/// Evaluates `text` for one enterprise with `facts` (enterprise or record scope).
func evaluate(_ text: String, _ facts: [String: Value] = [:]) throws -> Value {
    let expression = try Expression(text, scope: .enterprise)
    let table = FactTable(rows: ["E": facts])
    let cursor = EvalCursor()
    cursor.enterprise = 0
    return expression.bind(BindingSchema(enterprises: table))(cursor)
}

/// Evaluates `text` for one district with its facts, its enterprises' facts and indicator values.
func evaluateInDistrict(
    _ text: String, scope: ExpressionScope = .district, district: [String: Value] = [:],
    enterprises: [[String: Value]] = [], indicators: [String: Value] = [:]
) throws -> Value {
    let expression = try Expression(text, scope: scope)
    var rows: [String: [String: Value]] = [:]
    for (i, facts) in enterprises.enumerated() { rows[uscc(i + 1)] = facts }
    let enterpriseTable = FactTable(rows: rows)
    let districtTable = FactTable(rows: ["330212": district])
    let names = indicators.keys.sorted()
    var slots: [String: Int] = [:]
    for (i, name) in names.enumerated() { slots[name] = i }
    let cursor = EvalCursor()
    cursor.district = 0
    cursor.members = Array(0..<enterpriseTable.count)
    cursor.indicators = names.map { indicators[$0] ?? .missing }
    let schema = BindingSchema(enterprises: enterpriseTable, districts: districtTable, indicatorSlots: slots)
    return expression.bind(schema)(cursor)
}

/// The parse or check error of `text` in `scope`, or nil when it compiles.
func expressionError(_ text: String, scope: ExpressionScope = .district) -> ExpressionError? {
    do {
        _ = try Expression(text, scope: scope)
        return nil
    } catch {
        return error
    }
}

/// True when `a` and `b` agree within 1e-9 relative or 1e-12 absolute.
func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let x?, let y?): return abs(x - y) <= 1e-12 || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    default: return false
    }
}
