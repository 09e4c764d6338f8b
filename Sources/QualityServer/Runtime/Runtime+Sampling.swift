import QualityConfig
import QualityCore
import QualityStore

extension Runtime {
    /// Renders the sampling part of /metrics: the served snapshot's enterprises per district and
    /// risk class, and the frozen plans in force. Without a `sampling` section only the plans.
    public nonisolated func publishSamplingMetrics() async {
        let loaded = await loaded
        var counts: [(district: String, riskClass: String, enterprises: Int)] = []
        if let model = loaded.model.sampling, let (_, _, snapshot) = try? await servedSnapshot() {
            let population = model.population(of: snapshot, districts: loaded.config.districts)
            counts = SamplingExposition.counts(population, config: loaded.config)
        }
        let plans = (try? await store.samplingPlansInForce()) ?? []
        metrics.publish(sampling: SamplingExposition.render(counts: counts, plans: plans))
    }
}
