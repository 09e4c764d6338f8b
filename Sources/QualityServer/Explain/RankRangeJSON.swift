import QualityCore

/// `rank_range` of the district explanation (docs/SEMANTICS.md §14): the district's rank interval
/// under varied weights from the daemon's sensitivity run of the same result, or null when there
/// is none (turned off, not run yet, or another result than the one served).
enum RankRangeJSON {
    static func write(_ sensitivity: SensitivityResult?, code: String, into w: inout JSONWriter) {
        w.key("rank_range")
        guard let sensitivity, let d = sensitivity.district(code: code) else {
            w.null()
            return
        }
        w.beginObject()
        w.key("base_rank")
        w.integer(d.baseRank)
        w.key("median_rank")
        w.integer(d.medianRank)
        w.key("rank_p5")
        w.integer(d.rankP5)
        w.key("rank_p95")
        w.integer(d.rankP95)
        w.key("samples")
        w.integer(sensitivity.samples)
        w.key("spread")
        w.number(sensitivity.spread)
        w.key("seed")
        w.integer(sensitivity.seed)
        w.endObject()
    }
}
