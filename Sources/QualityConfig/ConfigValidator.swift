import Foundation
import QualityCore

/// The rules of docs/SEMANTICS.md §3 that need more than one value at a time: unique ids, references,
/// weights, scoring methods, grades, budgets. Reports through the decoder, which knows where
/// every value was written, and skips rules whose inputs already failed to decode.
struct ConfigValidator {
    let config: Config
    let decoder: ConfigDecoder

    func validate() {
        validateTopLevel()
        validateDistricts()
        unique(config.indicators, "indicators", "id", \.id)
        validateScoring()
        validateSubsidies()
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
        guard given("scoring") else { return }
        let s = config.scoring
        if s.total <= 0, ok("scoring.total") { error("scoring.total", "must be greater than 0") }
        notNegative(s.maxTotal, "scoring.max_total")
        notNegative(s.bonusCap, "scoring.bonus_cap")
        notNegative(s.penaltyCap, "scoring.penalty_cap")
        unique(s.dimensions, "scoring.dimensions", "id", \.id)
        validateEntries()
        unique(s.bonus, "scoring.bonus", "id", \.id)
        unique(s.penalties, "scoring.penalties", "id", \.id)
        unique(s.veto, "scoring.veto", "id", \.id)
        for (i, a) in s.bonus.enumerated() { notNegative(a.cap, "scoring.bonus[\(i)].cap") }
        for (i, a) in s.penalties.enumerated() { notNegative(a.cap, "scoring.penalties[\(i)].cap") }
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
                let path = "scoring.dimensions[\(d)].indicators[\(j)]"
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
        for (d, _) in s.dimensions.enumerated() where !ok("scoring.dimensions[\(d)].indicators") { sumKnown = false }
        let total = s.total
        if sumKnown, ok("scoring.total"), ok("scoring.dimensions"), abs(sum - total) > 1e-9 * abs(total) {
            error(
                "scoring.total",
                "indicator weights add up to \(Quantities.format(sum)), but total is \(Quantities.format(total))")
        }
    }

    func validateMethod(_ entry: ScoredIndicator, _ path: String) {
        let direction = entry.direction ?? config.indicator(id: entry.indicator)?.direction ?? .higher
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
        case .minmax:
            break
        }
    }

    func validateGrades() {
        let grades = config.scoring.grades
        unique(grades, "scoring.grades", "id", \.id)
        var mins: [Double: String] = [:]
        var allKnown = ok("scoring.grades")
        for (i, grade) in grades.enumerated() {
            let path = "scoring.grades[\(i)].min"
            guard ok(path), ok("scoring.grades[\(i)]") else {
                allKnown = false
                continue
            }
            if let other = mins[grade.min] {
                error(path, "grade min \(Quantities.format(grade.min)) is already used by grade '\(other)'")
            } else {
                mins[grade.min] = grade.id
            }
        }
        if allKnown, mins[0] == nil { error("scoring.grades", "one grade must have min: 0") }
    }

    func validateSubsidies() {
        let s = config.subsidies
        notNegative(s.budgetYuan, "subsidies.budget_yuan")
        notNegative(s.enterpriseCapYuan, "subsidies.enterprise_cap_yuan")
        unique(s.eligibility, "subsidies.eligibility", "id", \.id)
        unique(s.programs, "subsidies.programs", "id", \.id)
        for (i, p) in s.programs.enumerated() {
            let path = "subsidies.programs[\(i)]"
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
