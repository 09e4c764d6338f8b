import Logging
import QualityConfig
import QualityCore
import QualityStore

extension ScoringService {
    /// The weight sensitivity of a result just served (docs/SEMANTICS.md §15, `server.sensitivity`),
    /// attached to it for the district page and explanation; nothing when turned off.
    func analyseSensitivity(_ result: AssessmentResult, loaded: LoadedConfig, run: ScoringRun) async {
        let options = loaded.config.server.sensitivity
        guard options.samples > 0, options.problem == nil else { return }
        let clock = ContinuousClock.now
        guard let model = try? loaded.model(for: result.period) else { return }
        let sensitivity = model.sensitivity(of: result, options: options)
        await runtime.attach(sensitivity, toRun: run.id, period: result.period)
        let seconds = Self.seconds(ContinuousClock.now - clock)
        runtime.logger.info(
            "weight sensitivity of \(result.period): \(options.samples) samples, spread \(options.spread), \(seconds) s"
        )
    }
}
