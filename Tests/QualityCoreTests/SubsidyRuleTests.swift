import Testing

@testable import QualityCore

/// docs/SEMANTICS.md §7, steps 1–4 and the rejects: eligibility, programs, groups, the enterprise cap.
@Suite struct SubsidyRuleTests {
    static let e1 = uscc(1)
    static let e2 = uscc(2)
    static let e3 = uscc(3)

    @Test func ineligibleListsEveryFailedRuleInConfigOrder() throws {
        var s = SubsidyScenario()
        s.eligibility("positive", "x > 0")
        s.eligibility("one", "y == 1")
        s.eligibility("always", "true")
        s.eligibility("unknown", "nothing > 0")
        s.program("p", amount: "100", oncePerYears: 3)
        let result = try s.run(
            [
                Self.e1: ["x": .number(0), "y": .number(2)],
                Self.e2: ["x": .number(1), "y": .number(1), "nothing": .number(1)],
            ],
            payouts: [Payout(uscc: Self.e1, program: "p", year: 2024, grantedFen: 1)]
        )
        #expect(result.subsidies.ineligible == [Ineligibility(uscc: Self.e1, reasons: ["positive", "one", "unknown"])])
        // An ineligible enterprise gets nothing and is excluded from nothing.
        #expect(result.subsidies.summary == ["\(Self.e2)/p: 10000→10000 []"])
        #expect(result.subsidies.excluded == [])
    }

    static let onceCases: [(Int, Bool)] = [
        (2023, true),  // N − 1 years ago: within the window
        (2024, true),
        (2022, false),  // N years ago: eligible again
        (2020, false),
        (2025, false),  // the period's own year is ignored
        (2026, false),  // a future year is ignored
    ]

    @Test(arguments: onceCases)
    func oncePerYearsWindow(_ year: Int, _ excluded: Bool) throws {
        var s = SubsidyScenario()
        s.program("lab", amount: "100", oncePerYears: 3)
        let payouts = [
            Payout(uscc: Self.e1, program: "lab", year: year, grantedFen: 1000),
            // Other programs and other enterprises do not count.
            Payout(uscc: Self.e1, program: "other", year: 2024, grantedFen: 1000),
            Payout(uscc: Self.e2, program: "lab", year: 2024, grantedFen: 1000),
        ]
        for period in ["2025", "2025Q3", "2025-11"] {
            let result = try s.run([Self.e1: [:]], payouts: payouts, period: period)
            if excluded {
                #expect(
                    result.subsidies.excluded == [Exclusion(uscc: Self.e1, program: "lab", reason: "once_per_years")])
                #expect(result.subsidies.awards == [])
            } else {
                #expect(result.subsidies.excluded == [])
                #expect(result.subsidies.summary == ["\(Self.e1)/lab: 10000→10000 []"])
            }
        }
    }

    @Test func oncePerYearsIgnoresProgramsWithoutIt() throws {
        var s = SubsidyScenario()
        s.program("p", amount: "100")
        let result = try s.run(
            [Self.e1: [:]], payouts: [Payout(uscc: Self.e1, program: "p", year: 2024, grantedFen: 1)])
        #expect(result.subsidies.awards.count == 1)
    }

    static let amountCases: [(String, Int64?)] = [
        ("amount", nil),  // missing
        ("0.004", nil),  // 0.4 fen rounds to 0
        ("0", nil),
        ("-5", nil),
        ("name", nil),  // not a number
        ("1 / 0", nil),
        ("0.005", 1),
        ("least(900000 * 0.2, 150000)", 15_000_000),
        ("30000 * 3", 9_000_000),
        ("round(1234.567, 1)", 123_460),
    ]

    @Test(arguments: amountCases)
    func amountsAndNoAmount(_ amount: String, _ fen: Int64?) throws {
        var s = SubsidyScenario()
        s.program("p", amount: amount)
        let result = try s.run([Self.e1: ["name": .string("企业")]])
        if let fen {
            #expect(result.subsidies.awards.map(\.requestedFen) == [fen])
            #expect(result.subsidies.awards.map(\.grantedFen) == [fen])
            #expect(result.subsidies.excluded == [])
        } else {
            #expect(result.subsidies.awards == [])
            #expect(result.subsidies.excluded == [Exclusion(uscc: Self.e1, program: "p", reason: "no_amount")])
        }
    }

    @Test func programWhenMustBeTrue() throws {
        var s = SubsidyScenario()
        s.program("set", when: "\"a\" in awards", amount: "1")
        s.program("number", when: "flag", amount: "1")
        s.program("missing", when: "nothing", amount: "1")
        let result = try s.run([Self.e1: ["awards": .set(StringSet(["a"])), "flag": .number(1)]])
        #expect(result.subsidies.awards.map(\.program) == ["set"])
        #expect(result.subsidies.excluded == [])
    }

    @Test func groupKeepsTheHighestAndATieGoesToTheEarlierProgram() throws {
        var s = SubsidyScenario()
        s.program("a", amount: "100", group: "g")
        s.program("b", amount: "150", group: "g")
        s.program("c", amount: "150", group: "g")
        s.program("d", amount: "10")
        s.program("e", amount: "20", group: "h")
        let result = try s.run([Self.e1: [:]])
        #expect(
            result.subsidies.summary == [
                "\(Self.e1)/b: 15000→15000 []", "\(Self.e1)/d: 1000→1000 []", "\(Self.e1)/e: 2000→2000 []",
            ]
        )
        #expect(
            result.subsidies.excluded == [
                Exclusion(uscc: Self.e1, program: "a", reason: "group"),
                Exclusion(uscc: Self.e1, program: "c", reason: "group"),
            ]
        )
    }

    @Test func groupComparesRequestedAmountsAfterOtherExclusions() throws {
        var s = SubsidyScenario()
        s.program("big", amount: "500", group: "g", oncePerYears: 3)
        s.program("small", amount: "100", group: "g")
        s.program("none", amount: "nothing", group: "g")
        let result = try s.run(
            [Self.e1: [:]], payouts: [Payout(uscc: Self.e1, program: "big", year: 2024, grantedFen: 1)])
        #expect(result.subsidies.summary == ["\(Self.e1)/small: 10000→10000 []"])
        #expect(
            result.subsidies.excluded == [
                Exclusion(uscc: Self.e1, program: "big", reason: "once_per_years"),
                Exclusion(uscc: Self.e1, program: "none", reason: "no_amount"),
            ]
        )
    }

    @Test func enterpriseCapCutsInProgramOrder() throws {
        var s = SubsidyScenario()
        s.config.subsidies.enterpriseCapYuan = 250
        s.program("first", amount: "200")
        s.program("second", amount: "100")
        s.program("third", amount: "30")
        let result = try s.run([Self.e1: [:], Self.e2: ["low": .bool(true)]])
        #expect(
            result.subsidies.summary.prefix(3) == [
                "\(Self.e1)/first: 20000→20000 []", "\(Self.e1)/second: 10000→5000 [\"enterprise_cap\"]",
                "\(Self.e1)/third: 3000→0 [\"enterprise_cap\"]",
            ]
        )
        #expect(result.subsidies.requestedFen == 66_000)
        #expect(result.subsidies.grantedFen == 50_000)
    }

    @Test func enterpriseCapReachedExactlyIsNoCut() throws {
        var s = SubsidyScenario()
        s.config.subsidies.enterpriseCapYuan = 250
        s.program("first", amount: "200")
        s.program("second", amount: "50")
        s.program("third", amount: "30")
        let result = try s.run([Self.e1: [:]])
        #expect(result.subsidies.awards.map(\.grantedFen) == [20_000, 5000, 0])
        #expect(result.subsidies.awards.map(\.notes.names) == [[], [], ["enterprise_cap"]])
    }

    @Test func rejectedEnterprisesAreCountedNowhereElse() throws {
        var s = SubsidyScenario(districts: ["330212", "330203"])
        s.eligibility("never", "false")
        s.program("p", amount: "100")
        let wrongCheck = "91330212MA00000999"
        let lowerCase = "91330212ma000005xw"
        let result = try s.run([
            wrongCheck: ["district": .string("nowhere")],
            lowerCase: [:],
            Self.e3: ["district": .string("330299")],
            Self.e2: ["district": .number(330_212)],
            Self.e1: ["district": .string("330203")],
            uscc(4): ["district": .missing],
        ])
        #expect(
            result.rejected == [
                // A district code written as a number is not a configured (string) code.
                Rejection(uscc: Self.e2, reason: "unknown_district"),
                Rejection(uscc: Self.e3, reason: "unknown_district"),
                Rejection(uscc: uscc(4), reason: "unknown_district"),
                // Checked first: this one's district is unknown too.
                Rejection(uscc: wrongCheck, reason: "invalid_uscc"),
                Rejection(uscc: lowerCase, reason: "invalid_uscc"),
            ]
        )
        #expect(result.subsidies.ineligible == [Ineligibility(uscc: Self.e1, reasons: ["never"])])
        #expect(result.subsidies.awards == [])
        #expect(result.subsidies.excluded == [])
    }

    @Test func listsAreOrderedByUsccThenProgram() throws {
        var s = SubsidyScenario()
        s.eligibility("ok", "coalesce(bad, 0) == 0")
        s.program("z", amount: "amount_z", group: "g")
        s.program("a", amount: "10", group: "g")
        let facts: [String: [String: Value]] = [
            uscc(9): ["amount_z": .number(20)], uscc(3): ["bad": .number(1)], uscc(7): [:],
            uscc(1): ["amount_z": .number(5)], uscc(5): ["bad": .number(2)],
        ]
        let result = try s.run(facts)
        #expect(
            result.subsidies.summary == [
                "\(uscc(1))/a: 1000→1000 []", "\(uscc(7))/a: 1000→1000 []", "\(uscc(9))/z: 2000→2000 []",
            ])
        #expect(result.subsidies.ineligible.map(\.uscc) == [uscc(3), uscc(5)])
        #expect(
            result.subsidies.excluded == [
                Exclusion(uscc: uscc(1), program: "z", reason: "group"),
                Exclusion(uscc: uscc(7), program: "z", reason: "no_amount"),
                Exclusion(uscc: uscc(9), program: "a", reason: "group"),
            ]
        )
        #expect(result.subsidies.awards.map(\.name) == ["", "", ""])
        #expect(result.subsidies.awards.map(\.district) == ["330212", "330212", "330212"])
    }
}
