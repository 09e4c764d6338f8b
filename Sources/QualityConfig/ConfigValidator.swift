import Foundation
import QualityCore

/// The rules of docs/SEMANTICS.md §3 that need more than one value at a time: unique ids, references,
/// weights, scoring methods, grades, budgets. Reports through the decoder, which knows where
/// every value was written, and skips rules whose inputs already failed to decode.
struct ConfigValidator {
    let config: Config
    let decoder: ConfigDecoder
    /// Where the policy sections being checked are written: the top level, or a policy version's.
    var paths = PolicyPaths()

    func validate() {
        validateTopLevel()
        validateDistricts()
        unique(config.indicators, paths.indicators, "id", \.id)
        validateScoring()
        validateSubsidies()
        validatePolicyVersions()
        validateSampling()
        validateReports()
        validateSources()
        validateService()
        warnUnprovidedFacts()
    }

    // MARK: Helpers

    func error(_ path: String, _ message: String) {
        decoder.error(path, at: decoder.location(of: path), message)
    }

    /// An error about a key itself (a fact name), placed at the key rather than its value.
    func errorAtKey(_ path: String, _ message: String) {
        decoder.error(path, at: decoder.keyLocations[path] ?? decoder.location(of: path), message)
    }

    func ok(_ path: String) -> Bool { !decoder.failed.contains(path) }

    /// Whether `path` was written in the file (not a default).
    func given(_ path: String) -> Bool { decoder.locations[path] != nil }

    /// Ids unique and non-empty within one list.
    func unique<T>(_ items: [T], _ list: String, _ idKey: String, _ id: (T) -> String) {
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = "\(list)[\(i)].\(idKey)"
            guard ok(path), ok("\(list)[\(i)]") else { continue }
            let value = id(item)
            if value.isEmpty {
                error(path, "\(idKey) must not be empty")
            } else if let first = seen[value] {
                let firstLine = decoder.location(of: "\(list)[\(first)].\(idKey)").line
                error(path, "duplicate \(idKey) '\(value)' (first at line \(firstLine))")
            } else {
                seen[value] = i
            }
        }
    }

    func notNegative(_ value: Double?, _ path: String) {
        if let value, value < 0 { error(path, "must not be negative (found \(Quantities.format(value)))") }
    }

    // MARK: Sections

    func validateTopLevel() {
        if config.version != 1, ok("version") {
            error("version", "unsupported version \(config.version); only version 1 exists")
        }
        if ok("timezone"), TimeZone(identifier: config.timezone) == nil {
            error("timezone", "unknown time zone '\(config.timezone)'; use an IANA name such as Asia/Shanghai")
        }
        if case .fixed(let p) = config.currentPeriod, p.kind != config.period {
            error(
                "current_period", "current_period \(p) is a \(p.kind.rawValue), but period is \(config.period.rawValue)"
            )
        }
        if config.districts.isEmpty, given("districts") { error("districts", "at least one district is required") }
    }

    func validateDistricts() {
        unique(config.districts, "districts", "code", \.code)
    }

    func validateScoring() {
        guard given(paths.scoring) else { return }
        let s = config.scoring
        if s.total <= 0, ok("\(paths.scoring).total") { error("\(paths.scoring).total", "must be greater than 0") }
        notNegative(s.maxTotal, "\(paths.scoring).max_total")
        notNegative(s.bonusCap, "\(paths.scoring).bonus_cap")
        notNegative(s.penaltyCap, "\(paths.scoring).penalty_cap")
        unique(s.dimensions, "\(paths.scoring).dimensions", "id", \.id)
        validateEntries()
        unique(s.bonus, "\(paths.scoring).bonus", "id", \.id)
        unique(s.penalties, "\(paths.scoring).penalties", "id", \.id)
        unique(s.veto, "\(paths.scoring).veto", "id", \.id)
        for (i, a) in s.bonus.enumerated() { notNegative(a.cap, "\(paths.scoring).bonus[\(i)].cap") }
        for (i, a) in s.penalties.enumerated() { notNegative(a.cap, "\(paths.scoring).penalties[\(i)].cap") }
        validateGrades()
    }

    func validateEntries() {
        let s = config.scoring
        let ids = config.indicators.map(\.id)
        var scored: [String: String] = [:]
        var sum = 0.0
        var sumKnown = true
        for (d, dimension) in s.dimensions.enumerated() {
            for (j, entry) in dimension.indicators.enumerated() {
                let path = "\(paths.scoring).dimensions[\(d)].indicators[\(j)]"
                if ok("\(path).indicator"), ok(path) {
                    if !ids.contains(entry.indicator) {
                        error(
                            "\(path).indicator",
                            "unknown indicator '\(entry.indicator)'" + DidYouMean.hint(for: entry.indicator, among: ids)
                        )
                    } else if let first = scored[entry.indicator] {
                        let firstLine = decoder.location(of: first).line
                        error(
                            "\(path).indicator",
                            "indicator '\(entry.indicator)' is scored twice (first at line \(firstLine))")
                    } else {
                        scored[entry.indicator] = path
                    }
                }
                if ok("\(path).weight"), ok(path) {
                    sum += entry.weight
                    if entry.weight <= 0 {
                        error(
                            "\(path).weight", "weight must be greater than 0 (found \(Quantities.format(entry.weight)))"
                        )
                    }
                } else {
                    sumKnown = false
                }
                validateMethod(entry, path)
            }
        }
        for (d, _) in s.dimensions.enumerated() where !ok("\(paths.scoring).dimensions[\(d)].indicators") {
            sumKnown = false
        }
        let total = s.total
        if sumKnown, ok("\(paths.scoring).total"), ok("\(paths.scoring).dimensions"),
            abs(sum - total) > 1e-9 * abs(total)
        {
            error(
                "\(paths.scoring).total",
                "indicator weights add up to \(Quantities.format(sum)), but total is \(Quantities.format(total))")
        }
    }

    func validateMethod(_ entry: ScoredIndicator, _ path: String) {
        let direction = config.direction(of: entry)
        switch entry.method {
        case .target(let floor, let target):
            guard ok("\(path).floor"), ok("\(path).target") else { return }
            if floor == target {
                error("\(path).floor", "floor must differ from target (both \(Quantities.format(floor)))")
            } else if direction == .lower, floor < target {
                error(
                    "\(path).floor",
                    "with direction lower, floor must be greater than target (floor \(Quantities.format(floor)), "
                        + "target \(Quantities.format(target)))")
            }
        case .bands(let bands):
            guard ok("\(path).bands") else { return }
            if bands.isEmpty { error("\(path).bands", "at least one band is required") }
            for (k, band) in bands.enumerated() {
                let bandPath = "\(path).bands[\(k)]"
                guard ok(bandPath) else { continue }
                let needed = direction == .higher ? "min" : "max"
                if (direction == .higher ? band.min : band.max) == nil, ok("\(bandPath).\(needed)") {
                    error(bandPath, "with direction \(direction.rawValue), every band needs '\(needed)'")
                }
                if ok("\(bandPath).score"), !(0...1).contains(band.score) {
                    error("\(bandPath).score", "score must be between 0 and 1 (found \(Quantities.format(band.score)))")
                }
            }
        case .rank(.rates(let rates, let rest)):
            guard ok("\(path).rates") else { return }
            if rates.isEmpty { error("\(path).rates", "at least one rate is required") }
            for (k, rate) in rates.enumerated() where ok("\(path).rates[\(k)]") && !(0...1).contains(rate) {
                error("\(path).rates[\(k)]", "rate must be between 0 and 1 (found \(Quantities.format(rate)))")
            }
            if given("\(path).rest"), ok("\(path).rest"), !(0...1).contains(rest) {
                error("\(path).rest", "rest must be between 0 and 1 (found \(Quantities.format(rest)))")
            }
        case .rank(.step(let step)):
            if given("\(path).step"), ok("\(path).step"), !(step > 0 && step <= 1) {
                error("\(path).step", "step must be greater than 0 and at most 1 (found \(Quantities.format(step)))")
            }
        case .minmax, .ratio:
            break
        }
    }

    func validateGrades() {
        let grades = config.scoring.grades
        unique(grades, "\(paths.scoring).grades", "id", \.id)
        var mins: [Double: String] = [:]
        var allKnown = ok("\(paths.scoring).grades")
        for (i, grade) in grades.enumerated() {
            let path = "\(paths.scoring).grades[\(i)].min"
            guard ok(path), ok("\(paths.scoring).grades[\(i)]") else {
                allKnown = false
                continue
            }
            if let other = mins[grade.min] {
                error(path, "grade min \(Quantities.format(grade.min)) is already used by grade '\(other)'")
            } else {
                mins[grade.min] = grade.id
            }
        }
        if allKnown, mins[0] == nil { error("\(paths.scoring).grades", "one grade must have min: 0") }
    }

    func validateSubsidies() {
        let s = config.subsidies
        notNegative(s.budgetYuan, "\(paths.subsidies).budget_yuan")
        notNegative(s.enterpriseCapYuan, "\(paths.subsidies).enterprise_cap_yuan")
        unique(s.eligibility, "\(paths.subsidies).eligibility", "id", \.id)
        unique(s.programs, "\(paths.subsidies).programs", "id", \.id)
        for (i, p) in s.programs.enumerated() {
            let path = "\(paths.subsidies).programs[\(i)]"
            notNegative(p.budgetYuan, "\(path).budget_yuan")
            if ok("\(path).amount_yuan"), let amount = ConfigDecoder.parseNumber(p.amountYuan.text) {
                notNegative(amount, "\(path).amount_yuan")
            }
            if let n = p.oncePerYears {
                if n < 1 { error("\(path).once_per_years", "once_per_years must be at least 1 (found \(n))") }
                if config.period != .year {
                    error(
                        "\(path).once_per_years",
                        "once_per_years needs period: year (period is \(config.period.rawValue))")
                }
            }
        }
    }
}
