import QualityCore
import Yams

extension ConfigDecoder {
    /// `server.sensitivity: { samples, spread, seed }` (docs/CONFIG.md); samples 0 turns the run off.
    func sensitivity(_ node: Node, _ path: String) -> SensitivityOptions {
        let m = mapping(node, path, known: ["samples", "spread", "seed"])
        var options = SensitivityOptions()
        if let samples = m.optional("samples", integer) {
            if samples >= 0 {
                options.samples = samples
            } else {
                error(m.childPath("samples"), at: location(of: m.childPath("samples")), "must be 0 (off) or more")
            }
        }
        if let spread = m.optional("spread", number) {
            if spread >= 0 && spread < 1 {
                options.spread = spread
            } else {
                error(m.childPath("spread"), at: location(of: m.childPath("spread")), "must be at least 0 and below 1")
            }
        }
        if let seed = m.optional("seed", integer) {
            if seed >= 0 {
                options.seed = UInt64(seed)
            } else {
                error(m.childPath("seed"), at: location(of: m.childPath("seed")), "must be 0 or more")
            }
        }
        return options
    }
}
