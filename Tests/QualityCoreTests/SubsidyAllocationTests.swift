import QualityCore
import Testing

/// docs/SEMANTICS.md §7, step 5: per-program and overall budgets, shared pro rata or by priority.
@Suite struct SubsidyAllocationTests {
    static let e1 = uscc(1)
    static let e2 = uscc(2)
    static let e3 = uscc(3)
    static let e4 = uscc(4)
    static let e5 = uscc(5)

    @Test func proRataGivesLeftoverFenToTheLargestRemainders() throws {
        var s = SubsidyScenario()
        s.config.subsidies.budgetYuan = 300
        s.program("p", amount: "amount")
        let result = try s.run([
            Self.e1: ["amount": .number(100)], Self.e2: ["amount": .number(200)], Self.e3: ["amount": .number(300.01)],
        ])
        // floor(g × B / A) = 4999, 9999, 15000; remainders 55001, 50001, 15000; 2 fen left over.
        #expect(result.subsidies.awards.map(\.grantedFen) == [5000, 10_000, 15_000])
        #expect(result.subsidies.awards.map(\.requestedFen) == [10_000, 20_000, 30_001])
        #expect(result.subsidies.awards.allSatisfy { $0.notes.names == ["budget"] })
        #expect(result.subsidies.budgetFen == 30_000)
        #expect(result.subsidies.requestedFen == 60_001)
        #expect(result.subsidies.grantedFen == 30_000)
    }

    @Test func proRataRemainderTiesGoByUsccThenProgramOrder() throws {
        var s = SubsidyScenario()
        s.config.subsidies.budgetYuan = 100.01
        // Config order is not alphabetical: zeta comes first.
        s.program("zeta", amount: "100")
        s.program("alpha", amount: "100")
        let result = try s.run([Self.e2: [:], Self.e1: [:]])
        // Each gets 2500 with remainder 10000; the one fen left goes to e1/zeta.
        #expect(
            result.subsidies.summary == [
                "\(Self.e1)/zeta: 10000→2501 [\"budget\"]", "\(Self.e1)/alpha: 10000→2500 [\"budget\"]",
                "\(Self.e2)/zeta: 10000→2500 [\"budget\"]", "\(Self.e2)/alpha: 10000→2500 [\"budget\"]",
            ]
        )
        #expect(result.subsidies.grantedFen == 10_001)
    }

    @Test func proRataAtNationalBudgetsNeedsMoreThanSixtyFourBits() throws {
        var s = SubsidyScenario()
        s.config.subsidies.budgetYuan = 999_999_999_999.99
        s.program("p", amount: "amount")
        let result = try s.run([
            Self.e1: ["amount": .number(400_000_000_000)], Self.e2: ["amount": .number(300_000_000_007)],
            Self.e3: ["amount": .number(500_000_000_003)],
        ])
        // g × B ≈ 4 × 10^27; exact integer arithmetic, checked with Python's big integers.
        #expect(
            result.subsidies.awards.map(\.grantedFen) == [33_333_333_333_055, 25_000_000_000_375, 41_666_666_666_569]
        )
        #expect(result.subsidies.grantedFen == 99_999_999_999_999)
        #expect(result.subsidies.requestedFen == 120_000_000_001_000)
    }

    @Test func noBudgetCutWhenTheBudgetSuffices() throws {
        var s = SubsidyScenario()
        s.config.subsidies.budgetYuan = 300
        s.program("p", amount: "150")
        let result = try s.run([Self.e1: [:], Self.e2: [:]])
        #expect(result.subsidies.summary == ["\(Self.e1)/p: 15000→15000 []", "\(Self.e2)/p: 15000→15000 []"])
        #expect(result.subsidies.budgetFen == 30_000)
    }

    @Test(arguments: [Allocation.proRata, .priority])
    func zeroBudgetGrantsNothingButListsEveryAward(_ allocation: Allocation) throws {
        var s = SubsidyScenario()
        s.config.subsidies.allocation = allocation
        s.config.subsidies.budgetYuan = 0
        s.program("p", amount: "100")
        let result = try s.run([Self.e1: [:], Self.e2: [:]])
        #expect(
            result.subsidies.summary == ["\(Self.e1)/p: 10000→0 [\"budget\"]", "\(Self.e2)/p: 10000→0 [\"budget\"]"])
        #expect(result.subsidies.budgetFen == 0)
        #expect(result.subsidies.requestedFen == 20_000)
        #expect(result.subsidies.grantedFen == 0)
    }

    @Test func budgetFenIsNullWithoutAnOverallBudget() throws {
        var s = SubsidyScenario()
        s.program("p", amount: "150", budget: 1000)
        let result = try s.run([Self.e1: [:]])
        #expect(result.subsidies.budgetFen == nil)
        #expect(result.subsidies.grantedFen == 15_000)
        let text = String(decoding: result.json(), as: UTF8.self)
        #expect(text.contains("\"budget_fen\": null"))
    }

    @Test func programBudgetThenOverallBudget() throws {
        var s = SubsidyScenario()
        s.config.subsidies.budgetYuan = 200
        s.program("p1", amount: "100", budget: 150)
        s.program("p2", when: "second", amount: "100")
        let result = try s.run([Self.e1: ["second": .bool(true)], Self.e2: [:]])
        // p1: 20000 → 15000 (7500 each); then all: 25000 → 20000 (× 4/5).
        #expect(
            result.subsidies.summary == [
                "\(Self.e1)/p1: 10000→6000 [\"program_budget\", \"budget\"]",
                "\(Self.e1)/p2: 10000→8000 [\"budget\"]",
                "\(Self.e2)/p1: 10000→6000 [\"program_budget\", \"budget\"]",
            ]
        )
        s.config.subsidies.budgetYuan = 300
        let roomy = try s.run([Self.e1: ["second": .bool(true)], Self.e2: [:]])
        #expect(roomy.subsidies.awards.map(\.grantedFen) == [7500, 10_000, 7500])
        #expect(roomy.subsidies.awards.map(\.notes.names) == [["program_budget"], [], ["program_budget"]])
    }

    /// e1..e5 with priorities 5, 9, missing, -1, 5; e5 also qualifies for p2 (50 yuan).
    static func priorityScenario(budget: Double) -> SubsidyScenario {
        var s = SubsidyScenario()
        s.config.subsidies.allocation = .priority
        s.config.subsidies.priority = "prio"
        s.config.subsidies.budgetYuan = budget
        s.program("p1", amount: "100")
        s.program("p2", when: "extra > 0", amount: "extra")
        return s
    }

    static let priorityFacts: [String: [String: Value]] = [
        e1: ["prio": .number(5)], e2: ["prio": .number(9)], e3: [:], e4: ["prio": .number(-1)],
        e5: ["prio": .number(5), "extra": .number(50)],
    ]

    static let priorityCases: [(Double, [Int64], [[String]])] = [
        // Order e2, e1, e5/p1, e5/p2, e4, e3: e5/p2 gets the 2000 left, the rest 0, only these noted.
        (320, [10_000, 10_000, 0, 0, 10_000, 2000], [[], [], ["budget"], ["budget"], [], ["budget"]]),
        // Exactly full after e5/p1: e5/p2 no longer fits and gets 0.
        (300, [10_000, 10_000, 0, 0, 10_000, 0], [[], [], ["budget"], ["budget"], [], ["budget"]]),
        // Missing priority comes last, after a negative one.
        (450, [10_000, 10_000, 0, 10_000, 10_000, 5000], [[], [], ["budget"], [], [], []]),
        // The tie between e1 and e5 (both 5) goes to the lower USCC: e1 full, e5/p1 cut.
        (250, [10_000, 10_000, 0, 0, 5000, 0], [[], [], ["budget"], ["budget"], ["budget"], ["budget"]]),
    ]

    @Test(arguments: priorityCases)
    func priorityAllocation(_ budget: Double, _ granted: [Int64], _ notes: [[String]]) throws {
        let result = try Self.priorityScenario(budget: budget).run(Self.priorityFacts)
        let s = Self.self
        #expect(
            result.subsidies.awards.map { "\($0.uscc)/\($0.program)" } == [
                "\(s.e1)/p1", "\(s.e2)/p1", "\(s.e3)/p1", "\(s.e4)/p1", "\(s.e5)/p1", "\(s.e5)/p2",
            ]
        )
        #expect(result.subsidies.awards.map(\.grantedFen) == granted)
        #expect(result.subsidies.awards.map(\.notes.names) == notes)
        #expect(result.subsidies.grantedFen == min(Int64(budget * 100), 55_000))
    }

    @Test func priorityTiesWithinAnEnterpriseGoByProgramOrder() throws {
        var s = SubsidyScenario()
        s.config.subsidies.allocation = .priority
        s.config.subsidies.priority = "1"
        s.config.subsidies.budgetYuan = 150
        s.program("zeta", amount: "100")
        s.program("alpha", amount: "100")
        let result = try s.run([Self.e1: [:]])
        #expect(result.subsidies.awards.map(\.grantedFen) == [10_000, 5000])
        #expect(result.subsidies.awards.map(\.notes.names) == [[], ["budget"]])
    }

    @Test func priorityAppliesToProgramBudgetsToo() throws {
        var s = SubsidyScenario()
        s.config.subsidies.allocation = .priority
        s.config.subsidies.priority = "prio"
        s.program("p", amount: "100", budget: 150)
        let result = try s.run([Self.e1: ["prio": .number(1)], Self.e2: ["prio": .number(2)]])
        #expect(result.subsidies.awards.map(\.grantedFen) == [5000, 10_000])
        #expect(result.subsidies.awards.map(\.notes.names) == [["program_budget"], []])
    }
}
