import QualityConfig
import QualityCore
import QualityStore

extension Runtime {
    /// Renders the sampling part of /metrics: the served snapshot's enterprises per district and
    /// risk class, and the frozen plans in force. Without a `sampling` section only the plans.
    ///
    /// The classes need the snapshot the served result came from: a scoring run has it at hand;
    /// after a restart they wait for the next run rather than read the stored snapshot, which at
    /// national size would cost seconds and its memory on every start.
    public nonisolated func publishSamplingMetrics() async {
        let loaded = await loaded
        var counts: [(district: String, riskClass: String, enterprises: Int)] = []
        if let model = loaded.model.sampling, let snapshot = await served?.snapshot {
            let perDistrict = model.classCounts(of: snapshot, districts: loaded.config.districts)
            for (d, district) in loaded.config.districts.enumerated() {
                for (c, cls) in model.config.classes.enumerated() {
                    counts.append((district.code, cls.id, perDistrict[d][c]))
                }
            }
        }
        let plans = (try? await store.samplingPlansInForce()) ?? []
        metrics.publish(sampling: SamplingExposition.render(counts: counts, plans: plans))
    }
}
