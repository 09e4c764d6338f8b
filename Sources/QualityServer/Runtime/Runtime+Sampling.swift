import QualityConfig
import QualityCore
import QualityStore

extension Runtime {
    /// Renders the sampling part of /metrics: the served snapshot's enterprises per district and
    /// risk class, and the frozen plans in force. Without a `sampling` section only the plans.
    ///
    /// The classes need a snapshot: the one the served result came from, which a scoring run has
    /// at hand, or after a restart the period's stored snapshot that `restore` reads anyway for
    /// the sources. Only a draw, revoke or reload before the first scoring run after a restart
    /// reads the served result's snapshot from the store (and keeps it for later).
    package nonisolated func publishSamplingMetrics(snapshot given: Snapshot? = nil) async {
        let loaded = await loaded
        var counts: [(district: String, riskClass: String, enterprises: Int)] = []
        var snapshot = given
        if snapshot == nil { snapshot = await served?.snapshot }
        if snapshot == nil, loaded.config.sampling != nil { snapshot = (try? await servedSnapshot())??.2 }
        if let snapshot, let model = (try? loaded.model(for: snapshot.period))?.sampling {
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
