import QualityCore

/// `rank_range` of the district explanation (docs/SEMANTICS.md §15): the district's rank interval
/// under varied weights from the daemon's sensitivity run of the same result; the explanation writes
/// null when there is none (turned off, not run yet, or another result than the one served).
struct RankRangeJSON: Encodable, Sendable {
    @Nullable var baseRank: Int?
    @Nullable var medianRank: Int?
    @Nullable var rankP5: Int?
    @Nullable var rankP95: Int?
    var samples: Int
    var spread: Double
    var seed: UInt64
}

extension RankRangeJSON {
    init?(_ sensitivity: SensitivityResult?, code: String) {
        guard let sensitivity, let d = sensitivity.district(code: code) else { return nil }
        self.init(
            baseRank: d.baseRank, medianRank: d.medianRank, rankP5: d.rankP5, rankP95: d.rankP95,
            samples: sensitivity.samples, spread: sensitivity.spread, seed: sensitivity.seed)
    }
}
