import ArgumentParser
import QualityConfig
import QualityCore

/// `qualityd check`: validate the config; every error printed as `FILE:LINE:COL: message`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration (校验配置); exit 0, or print every error and exit 1."
    )

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let loaded = try options.load()
        let c = loaded.config
        print(
            "\(loaded.path): ok — \(c.districts.count) districts, \(c.indicators.count) indicators, "
                + "\(c.scoring.dimensions.count) dimensions, \(c.subsidies.programs.count) programs, "
                + "\(c.sources.count) sources"
                + (c.policyVersions.isEmpty ? "" : ", \(c.policyVersions.count + 1) policy versions")
                + (loaded.warnings.isEmpty ? "" : ", \(loaded.warnings.count) warnings")
        )
    }
}
