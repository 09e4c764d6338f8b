import QualityCore

/// The domain families of docs/SEMANTICS.md §12 for the latest result of the current period.
///
/// A pure function of config and result, so the body can be rendered once per result and the
/// same input always gives the same bytes (the golden test relies on it).
public enum DomainExposition {
    public static func render(config: Config, result: AssessmentResult, enterpriseSeries: Bool) -> [UInt8] {
        let districts = result.districts
        var w = ExpositionWriter(reserve: 512 + districts.count * 2_400)
        w.family(
            "quality_assessment_period_info", type: "gauge",
            help: "The assessment period the quality_* series describe (value 1).")
        w.sample("quality_assessment_period_info", ["period": result.period], 1)

        w.family("quality_district_info", type: "gauge", help: "District names by GB/T 2260 division code (value 1).")
        for d in districts {
            w.sample("quality_district_info", ["district": d.code, "name": d.name, "name_en": d.nameEn], 1)
        }

        w.family("quality_district_score", type: "gauge", help: "Total score of the district (absent when incomplete).")
        for d in districts { if let t = d.total { w.sample("quality_district_score", ["district": d.code], t) } }

        w.family(
            "quality_district_rank", type: "gauge",
            help: "Rank of the district, 1 is best; ties share a rank (absent when incomplete).")
        for d in districts { if let r = d.rank { w.sample("quality_district_rank", ["district": d.code], Double(r)) } }

        w.family(
            "quality_district_grade", type: "gauge", help: "Grade of the district (value 1; absent when incomplete).")
        for d in districts {
            if let g = d.grade { w.sample("quality_district_grade", ["district": d.code, "grade": g], 1) }
        }

        w.family("quality_district_vetoed", type: "gauge", help: "1 when a one-vote veto rule holds for the district.")
        for d in districts { w.sample("quality_district_vetoed", ["district": d.code], d.vetoedBy.isEmpty ? 0 : 1) }

        w.family(
            "quality_district_incomplete", type: "gauge",
            help: "1 when the district could not be scored (missing data under policy fail).")
        for d in districts { w.sample("quality_district_incomplete", ["district": d.code], d.incomplete ? 1 : 0) }

        w.family("quality_district_dimension_score", type: "gauge", help: "Points of the district in each dimension.")
        for d in districts {
            for dim in d.dimensions {
                w.sample("quality_district_dimension_score", ["district": d.code, "dimension": dim.id], dim.value)
            }
        }

        w.family(
            "quality_district_indicator_value", type: "gauge",
            help: "Value of each scored indicator (absent when missing).")
        for d in districts {
            for i in d.indicators {
                if let v = i.value {
                    w.sample("quality_district_indicator_value", ["district": d.code, "indicator": i.id], v)
                }
            }
        }

        w.family(
            "quality_district_indicator_score_ratio", type: "gauge",
            help: "Score of each indicator in [0, 1] before weighting (absent when missing).")
        for d in districts {
            for i in d.indicators where !i.missing {
                if let s = i.score {
                    w.sample("quality_district_indicator_score_ratio", ["district": d.code, "indicator": i.id], s)
                }
            }
        }

        w.family(
            "quality_district_enterprises", type: "gauge", help: "Accepted enterprises of the district in the snapshot."
        )
        for d in districts { w.sample("quality_district_enterprises", ["district": d.code], Double(d.enterprises)) }

        renderSubsidies(config: config, subsidies: result.subsidies, enterpriseSeries: enterpriseSeries, into: &w)
        return w.bytes
    }

    private static func renderSubsidies(
        config: Config, subsidies: SubsidyResult, enterpriseSeries: Bool, into w: inout ExpositionWriter
    ) {
        let programs = config.subsidies.programs
        var requested = [Int64](repeating: 0, count: programs.count)
        var granted = [Int64](repeating: 0, count: programs.count)
        let paid = paidEnterprises(subsidies.awards, programs: programs, requested: &requested, granted: &granted)
        w.family(
            "quality_subsidy_requested_yuan", type: "gauge",
            help: "Yuan requested per subsidy program (after groups, before cap and budgets).")
        for (i, p) in programs.enumerated() {
            w.sample("quality_subsidy_requested_yuan", ["program": p.id], Money.yuan(fen: requested[i]))
        }
        w.family(
            "quality_subsidy_granted_yuan", type: "gauge",
            help: "Yuan granted per subsidy program after cap and budgets.")
        for (i, p) in programs.enumerated() {
            w.sample("quality_subsidy_granted_yuan", ["program": p.id], Money.yuan(fen: granted[i]))
        }
        w.family(
            "quality_subsidy_enterprises", type: "gauge",
            help: "Enterprises granted more than 0 fen per subsidy program.")
        for (i, p) in programs.enumerated() {
            w.sample("quality_subsidy_enterprises", ["program": p.id], Double(paid[i]))
        }
        if let budget = subsidies.budgetFen {
            w.family("quality_subsidy_budget_yuan", type: "gauge", help: "Overall subsidy budget in yuan.")
            w.sample("quality_subsidy_budget_yuan", [:], Money.yuan(fen: budget))
        }
        let budgeted = programs.compactMap { p in p.budgetYuan.flatMap { Money.fen(yuan: $0) }.map { (p.id, $0) } }
        if !budgeted.isEmpty {
            w.family(
                "quality_subsidy_program_budget_yuan", type: "gauge",
                help: "Budget of each subsidy program that has one, in yuan.")
            for (id, fen) in budgeted {
                w.sample("quality_subsidy_program_budget_yuan", ["program": id], Money.yuan(fen: fen))
            }
        }
        if enterpriseSeries {
            w.family(
                "quality_enterprise_subsidy_granted_yuan", type: "gauge",
                help: "Yuan granted to each enterprise per program (metrics.enterprise_series).")
            for a in subsidies.awards {
                w.sample(
                    "quality_enterprise_subsidy_granted_yuan", ["uscc": a.uscc, "program": a.program],
                    Money.yuan(fen: a.grantedFen))
            }
        }
    }

    /// Per program: the enterprises granted more than 0, and the sums requested and granted.
    ///
    /// Awards come sorted by USCC, so an enterprise is new to a program when it differs from the
    /// last one counted there; a national result has a hundred thousand awards, and hashing each
    /// USCC into a set took most of the render. Out of order, the set is used after all.
    private static func paidEnterprises(
        _ awards: [Award], programs: [Program], requested: inout [Int64], granted: inout [Int64]
    ) -> [Int] {
        var index: [String: Int] = [:]
        for (i, p) in programs.enumerated() { index[p.id] = i }
        let sorted = zip(awards, awards.dropFirst()).allSatisfy { !StringSet.precedes($1.uscc, $0.uscc) }
        var count = [Int](repeating: 0, count: programs.count)
        var last = [String?](repeating: nil, count: programs.count)
        var paid = [Set<String>](repeating: [], count: sorted ? 0 : programs.count)
        var lastProgram = ""
        var lastIndex = -1
        for a in awards {
            let i: Int
            if lastIndex >= 0, a.program == lastProgram {
                i = lastIndex
            } else {
                guard let found = index[a.program] else { continue }
                i = found
                lastProgram = a.program
                lastIndex = found
            }
            requested[i] += a.requestedFen
            granted[i] += a.grantedFen
            guard a.grantedFen > 0 else { continue }
            if !sorted {
                paid[i].insert(a.uscc)
            } else if last[i].map({ !StringSet.same($0, a.uscc) }) ?? true {
                count[i] += 1
                last[i] = a.uscc
            }
        }
        return sorted ? count : paid.map(\.count)
    }
}
