import QualityCore
import QualityStore

/// The sampling families of /metrics (metrics/README.md): enterprises per risk class per district
/// in the served snapshot, and the size of each period's frozen plan. Rendered when the served
/// result, the config or a plan changes, never per scrape.
package enum SamplingExposition {
    /// `counts` are (district code, class id, enterprises) in district then class order.
    package static func render(
        counts: [(district: String, riskClass: String, enterprises: Int)], plans: [SamplingPlanRecord]
    )
        -> [UInt8]
    {
        var w = ExpositionWriter(reserve: 256 + counts.count * 80 + plans.count * 120)
        if !counts.isEmpty {
            w.family(
                "quality_sampling_enterprises", type: "gauge",
                help: "Enterprises of the served snapshot per district and risk class (sampling.classes).")
            for c in counts {
                w.sample(
                    "quality_sampling_enterprises", ["district": c.district, "class": c.riskClass],
                    Double(c.enterprises))
            }
        }
        if !plans.isEmpty {
            w.family(
                "quality_sampling_plan_selected", type: "gauge",
                help: "Enterprises selected by the frozen sampling plan in force, per period.")
            for p in plans { w.sample("quality_sampling_plan_selected", ["period": p.period], Double(p.selected)) }
            w.family(
                "quality_sampling_plan_population", type: "gauge",
                help: "Enterprises the frozen sampling plan in force was drawn over, per period.")
            for p in plans { w.sample("quality_sampling_plan_population", ["period": p.period], Double(p.population)) }
        }
        return w.bytes
    }
}
