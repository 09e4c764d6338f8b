import QualityCore
import QualityStore

extension Runtime {
    /// Renders `qualityd_corrections{status}` (metrics/README.md): corrections of every period by
    /// status, 0 included. Rendered at start and when a correction is proposed or decided.
    package nonisolated func publishCorrectionMetrics() async {
        guard let all = try? await store.corrections(period: nil, status: nil) else { return }
        var w = ExpositionWriter(reserve: 256)
        w.family("qualityd_corrections", type: "gauge", help: "Corrections of bureau facts by status (four eyes).")
        for status in Correction.Status.allCases {
            w.sample("qualityd_corrections", ["status": status.rawValue], Double(all.count { $0.status == status }))
        }
        metrics.publish(corrections: w.bytes)
    }
}
