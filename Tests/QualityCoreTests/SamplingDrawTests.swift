import Testing

@testable import QualityCore

/// The draw of docs/SAMPLING.md: the worked example, exact counts, inspectors, and the ratio a
/// class is drawn at over many seeds.
@Suite struct SamplingDrawTests {
    static let classes = [
        RiskClass(id: "A", name: LocalizedText(zh: "低风险"), minScore: 0, ratio: 0.2),
        RiskClass(id: "D", name: LocalizedText(zh: "高风险"), minScore: 10, ratio: 0.5),
    ]
    static let inspectors = [
        Inspector(id: "H1", name: "张伟", district: "330203"), Inspector(id: "H2", name: "王芳", district: "330203"),
        Inspector(id: "Y1", name: "李娜", district: "330212"), Inspector(id: "Y2", name: "刘洋", district: "330212"),
        Inspector(id: "Y3", name: "陈静", district: "330212", active: false),
        Inspector(id: "J1", name: "杨磊", district: "330205"),
    ]
    /// The population of the worked example in docs/SAMPLING.md, deliberately not in USCC order.
    static let population: [SamplingEntry] = [
        ("91330212MA00000999", "330212", "D"), ("91330203MA000001XP", "330203", "A"),
        ("91330203MA000002XQ", "330203", "A"), ("91330203MA000011XA", "330203", "A"),
        ("91330203MA000012XB", "330203", "A"), ("91330203MA000013XC", "330203", "D"),
        ("91330212MA000005XW", "330212", "A"), ("91330212MA000006XX", "330212", "A"),
        ("91330212MA000007XY", "330212", "A"), ("91330212MA000008X0", "330212", "D"),
    ].map { SamplingEntry(uscc: $0.0, district: $0.1, riskScore: $0.2 == "D" ? 12 : 1, riskClass: $0.2) }

    static let draw = SamplingDraw(classes: classes, minPerStratum: 1, inspectors: inspectors)

    @Test func workedExample() {
        let plan = Self.draw.draw(population: Self.population, seed: "2026-demo")
        #expect(plan.inputSHA256 == "14f0599dda99591eeadbec680deb592a3f1703319943a7f45d40b7f31cca4759")
        #expect(
            plan.strata == [
                .init(district: "330203", riskClass: "A", enterprises: 4, selected: 1),
                .init(district: "330203", riskClass: "D", enterprises: 1, selected: 1),
                .init(district: "330212", riskClass: "A", enterprises: 3, selected: 1),
                .init(district: "330212", riskClass: "D", enterprises: 2, selected: 1),
            ])
        #expect(
            plan.selections.map(\.entry.uscc) == [
                "91330203MA000012XB", "91330203MA000013XC", "91330212MA000006XX", "91330212MA000008X0",
            ])
        #expect(plan.selections.map(\.inspectors) == [["J1", "Y1"], ["J1", "Y2"], ["H2", "J1"], ["J1", "H2"]])
        #expect(plan.population.map(\.uscc).first == "91330203MA000001XP")
        #expect(SamplingDraw.key("2026-demo", "91330203MA000012XB").hasPrefix("10850460f1b5"))
    }

    @Test func sameInputsSamePlan() {
        let a = Self.draw.draw(population: Self.population, seed: "s1")
        let b = Self.draw.draw(population: Self.population.reversed(), seed: "s1")
        #expect(SamplingPlanDocument(plan: a, period: "2026") == SamplingPlanDocument(plan: b, period: "2026"))
        let c = Self.draw.draw(population: Self.population, seed: "s2")
        #expect(c.inputSHA256 == a.inputSHA256)
    }

    /// ⌈ratio × n⌉ in integers: 0.1 × 30 is 3.0000000000000004 in binary floating point, yet 3.
    @Test func countsAreExact() {
        let draw = SamplingDraw(classes: [], minPerStratum: 2, inspectors: [])
        #expect(draw.selectedCount(ratio: 0.1, of: 30) == 3)
        #expect(draw.selectedCount(ratio: 0.1, of: 31) == 4)
        #expect(draw.selectedCount(ratio: 0.07, of: 100) == 7)
        #expect(draw.selectedCount(ratio: 0.05, of: 10) == 2)
        #expect(draw.selectedCount(ratio: 0.05, of: 1) == 1)
        #expect(draw.selectedCount(ratio: 0, of: 0) == 0)
        #expect(draw.selectedCount(ratio: 1, of: 9) == 9)
    }

    /// Every selected enterprise gets two different active inspectors, none of its own district.
    @Test func inspectorsAreEligible() {
        for seed in ["a", "b", "c", "d", "e"] {
            let plan = Self.draw.draw(population: Self.population, seed: seed)
            for s in plan.selections {
                #expect(s.inspectors.count == 2)
                #expect(Set(s.inspectors).count == 2)
                for id in s.inspectors {
                    let inspector = Self.inspectors.first { $0.id == id }
                    #expect(inspector?.active == true)
                    #expect(inspector?.district != s.entry.district)
                }
            }
        }
    }

    /// Over 200 seeds, class D (ratio 0.3) is drawn at 30 % ± 3 points, overall and per enterprise
    /// on average, and the seed changes who is drawn: every D enterprise is drawn under some seed.
    @Test func classDIsDrawnAtItsRatio() {
        var entries: [SamplingEntry] = []
        for d in 0..<5 {
            for i in 0..<(40 + 13 * d) {
                let cls = i % 4 == 0 ? "D" : "A"
                entries.append(
                    SamplingEntry(uscc: "9133\(d)0\(1000 + i)", district: "33020\(d)", riskScore: 0, riskClass: cls))
            }
        }
        let classes = [
            RiskClass(id: "A", name: LocalizedText(zh: "A"), minScore: 0, ratio: 0.05),
            RiskClass(id: "D", name: LocalizedText(zh: "D"), minScore: 10, ratio: 0.3),
        ]
        let inspectors = (0..<5).flatMap { d in
            (0..<2).map { Inspector(id: "I\(d)\($0)", name: "", district: "33020\(d)") }
        }
        let draw = SamplingDraw(classes: classes, minPerStratum: 1, inspectors: inspectors)
        let classD = Set(entries.filter { $0.riskClass == "D" }.map(\.uscc))
        var drawn: [String: Int] = [:]
        var selectedD = 0
        for seed in 0..<200 {
            for s in draw.draw(population: entries, seed: "seed-\(seed)").selections where classD.contains(s.entry.uscc)
            {
                drawn[s.entry.uscc, default: 0] += 1
                selectedD += 1
            }
        }
        let share = Double(selectedD) / Double(200 * classD.count) * 100
        #expect(abs(share - 30) <= 3, "class D drawn at \(share) %")
        #expect(drawn.count == classD.count)
        let rates = drawn.values.map { Double($0) / 2 }
        #expect((rates.max() ?? 0) < 50 && (rates.min() ?? 0) > 12, "per-enterprise rates \(rates.sorted())")
    }

    @Test func seeds() {
        #expect(SamplingPlan.isValidSeed("2026-Q1_draw.7"))
        #expect(!SamplingPlan.isValidSeed(""))
        #expect(!SamplingPlan.isValidSeed("a:b"))
        #expect(!SamplingPlan.isValidSeed("种子"))
        #expect(!SamplingPlan.isValidSeed(String(repeating: "x", count: 65)))
    }
}
