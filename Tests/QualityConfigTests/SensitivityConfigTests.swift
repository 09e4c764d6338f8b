import QualityConfig
import QualityCore
import Testing

/// `server.sensitivity` (docs/CONFIG.md): on by default, turned off with samples 0, each key checked.
@Suite struct SensitivityConfigTests {
    @Test func defaultsAndValues() throws {
        #expect(
            try load(Base.text).config.server.sensitivity == SensitivityOptions(samples: 1000, spread: 0.2, seed: 1))
        let set = try load(Base.appending("server:\n  sensitivity: { samples: 0, spread: 0, seed: 9 }\n"))
        #expect(set.config.server.sensitivity == SensitivityOptions(samples: 0, spread: 0, seed: 9))
    }

    @Test func outOfRangeValuesAreErrorsWithTheirPlace() {
        let yaml = Base.appending(
            "server:\n  sensitivity:\n    samples: -1\n    spread: 1\n    seed: -2\n    sample: 3\n")
        #expect(
            errors(yaml) == [
                Expected(26, 14, "server.sensitivity.samples", "must be 0 (off) or more"),
                Expected(27, 13, "server.sensitivity.spread", "must be at least 0 and below 1"),
                Expected(28, 11, "server.sensitivity.seed", "must be 0 or more"),
                Expected(
                    29, 5, "server.sensitivity.sample", "unknown key 'sample'; did you mean 'samples'?"),
            ])
    }
}
