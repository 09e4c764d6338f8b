import QualityCore

/// A random config and snapshot: 2–8 districts, 3–8 indicators scored by any method (every variant),
/// in either direction and under any missing policy, values from a small set (ties, zeros, negatives,
/// missing), bonus and penalty with caps, a veto; enterprises with programs, groups, an enterprise
/// cap, program and overall budgets and either allocation.
enum RandomCase {
    static let values: [Double] = [0, 1, 2.5, 5, 5 + 5e-10, 7.5, 10, 10, -3, 40]

    static func make(_ rng: inout SplitMix) -> (Config, Snapshot) {
        var c = Config()
        let codes = (0..<Int.random(in: 2...8, using: &rng)).map { String(330_201 + $0) }
        c.districts = codes.map { District(code: $0, name: LocalizedText(zh: "区\($0)", en: "D\($0)")) }
        var s = ScoringConfig()
        s.missing = MissingPolicy.allCases.randomElement(using: &rng) ?? .zero
        var total = 0.0
        for k in 0..<Int.random(in: 3...8, using: &rng) {
            let direction: Direction = Bool.random(using: &rng) ? .higher : .lower
            let id = "x\(k)"
            c.indicators.append(
                Indicator(
                    id: id, name: LocalizedText(zh: id, en: id), direction: direction, value: ExpressionSource(id)))
            let entryDirection: Direction? = Int.random(in: 0..<4, using: &rng) == 0 ? .higher : nil
            let effective = entryDirection ?? direction
            let weight = Double(Int.random(in: 1...20, using: &rng))
            total += weight
            let entry = ScoredIndicator(
                indicator: id, weight: weight, method: method(&rng, effective), direction: entryDirection,
                missing: Int.random(in: 0..<3, using: &rng) == 0
                    ? MissingPolicy.allCases.randomElement(using: &rng) : nil)
            if s.dimensions.isEmpty || Int.random(in: 0..<3, using: &rng) == 0 {
                let dim = "d\(s.dimensions.count)"
                s.dimensions.append(Dimension(id: dim, name: LocalizedText(zh: dim, en: dim), indicators: []))
            }
            s.dimensions[s.dimensions.count - 1].indicators.append(entry)
        }
        s.total = total
        s.maxTotal = Bool.random(using: &rng) ? total + 5 : nil
        s.bonus = [Adjustment(id: "b", name: LocalizedText(zh: "b"), points: "bonus", cap: pick(&rng, [nil, 2, 4]))]
        s.bonusCap = pick(&rng, [nil, 3])
        s.penalties = [Adjustment(id: "p", name: LocalizedText(zh: "p"), points: "penalty", cap: pick(&rng, [nil, 1]))]
        s.penaltyCap = pick(&rng, [nil, 0.5])
        s.veto = [Rule(id: "v", name: LocalizedText(zh: "v"), when: "veto > 0")]
        s.grades = [
            Grade(id: "excellent", name: LocalizedText(zh: "优秀"), min: 90),
            Grade(id: "good", name: LocalizedText(zh: "良好"), min: 80),
            Grade(id: "pass", name: LocalizedText(zh: "合格"), min: 60),
            Grade(id: "fail", name: LocalizedText(zh: "不合格"), min: 0),
        ]
        c.scoring = s
        c.subsidies = subsidies(&rng)

        var districts: [String: [String: Value]] = [:]
        for code in codes {
            var facts: [String: Value] = [:]
            for ind in c.indicators where Int.random(in: 0..<5, using: &rng) > 0 {
                facts[ind.id] = .number(values.randomElement(using: &rng) ?? 0)
            }
            facts["bonus"] = .number(pick(&rng, [-1, 0.5, 3, 5]) ?? 0)
            facts["penalty"] = .number(pick(&rng, [0, 0.25, 2]) ?? 0)
            facts["veto"] = .number(Int.random(in: 0..<10, using: &rng) == 0 ? 1 : 0)
            districts[code] = facts
        }
        var enterprises: [String: [String: Value]] = [:]
        for i in 0..<Int.random(in: 0...8, using: &rng) {
            let code = codes.randomElement(using: &rng) ?? codes[0]
            let digits = String(i + 1)
            let first17 = "91" + code + "MA" + String(repeating: "0", count: 7 - digits.count) + digits
            let uscc = first17 + (USCC.checkCharacter(for: first17).map(String.init) ?? "0")
            enterprises[uscc] = [
                "name": .string("企业\(i)"), "district": .string(code),
                "a": .number(Double(Int.random(in: 0...40, using: &rng))),
                "b": .number(Double(Int.random(in: 0...3, using: &rng))),
                "bad": .number(Int.random(in: 0..<6, using: &rng) == 0 ? 1 : 0),
            ]
        }
        let snapshot = Snapshot(
            period: "2025", districts: FactTable(rows: districts), enterprises: FactTable(rows: enterprises),
            payouts: [])
        return (c, snapshot)
    }

    static func pick(_ rng: inout SplitMix, _ options: [Double?]) -> Double? {
        options.randomElement(using: &rng) ?? nil
    }

    static func method(_ rng: inout SplitMix, _ direction: Direction) -> ScoringMethod {
        switch Int.random(in: 0..<7, using: &rng) {
        case 0:
            let (lo, hi) = (Double(Int.random(in: -3...4, using: &rng)), Double(Int.random(in: 5...12, using: &rng)))
            return direction == .lower ? .target(floor: hi, target: lo) : .target(floor: lo, target: hi)
        case 1:
            return .minmax
        case 2:
            let scores: [Double] = [0, 0.25, 0.5, 1]
            let bands: [Band] = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                Band(
                    min: values.randomElement(using: &rng), max: values.randomElement(using: &rng),
                    score: scores.randomElement(using: &rng) ?? 1)
            }
            return .bands(bands)
        case 3:
            let choices: [Double] = [1, 0.9, 0.6, 0.25, 0]
            let rates: [Double] = (0..<Int.random(in: 1...5, using: &rng)).map { _ in
                choices.randomElement(using: &rng) ?? 1
            }
            let rests: [Double] = [0, 0.1, 0.5]
            return .rank(.rates(rates, rest: rests.randomElement(using: &rng) ?? 0))
        case 4:
            let steps: [Double] = [0.05, 0.25, 0.5, 1]
            return .rank(.step(steps.randomElement(using: &rng) ?? 0.1))
        case 5:
            return .ratio(.best)
        default:
            return .ratio(.mean)
        }
    }

    static func subsidies(_ rng: inout SplitMix) -> SubsidyConfig {
        var s = SubsidyConfig()
        s.allocation = Bool.random(using: &rng) ? .proRata : .priority
        s.priority = "a"
        s.enterpriseCapYuan = pick(&rng, [nil, 15_000, 30_000])
        s.budgetYuan = pick(&rng, [nil, 20_000, 100_000])
        s.eligibility = [Rule(id: "clean", name: LocalizedText(zh: "无事故"), when: "coalesce(bad, 0) == 0")]
        let group: String? = Bool.random(using: &rng) ? "g" : nil
        s.programs = [
            Program(
                id: "p1", name: LocalizedText(zh: "一"), when: "a > 5", amountYuan: "a * 1000", group: group,
                budgetYuan: pick(&rng, [nil, 25_000])),
            Program(
                id: "p2", name: LocalizedText(zh: "二"), when: "b > 0", amountYuan: "b * 7000.5", group: group,
                budgetYuan: pick(&rng, [nil, 10_000])),
            Program(id: "p3", name: LocalizedText(zh: "三"), when: "a > 20", amountYuan: "12000"),
        ]
        return s
    }
}
