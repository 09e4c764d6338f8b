import ArgumentParser
import QualityServer

/// `qualityd`: the daemon and its offline commands (docs/SEMANTICS.md §2).
@main
struct Qualityd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualityd",
        abstract: "质量强区评价与财政奖励 — quality-strong district assessment and subsidy engine.",
        version: BuildInfo.version,
        subcommands: [
            ServeCommand.self, CheckCommand.self, PullCommand.self, ScoreCommand.self, ExportCommand.self,
            PublishCommand.self, ConfirmCommand.self, BackupCommand.self, SamplingPlanCommand.self,
            ReportCommand.self, SensitivityCommand.self, TestCommand.self, WhatIfCommand.self, StoreCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )

    /// Exit codes of docs/SEMANTICS.md §2, and errors printed as one line each instead of ArgumentParser's.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            failure.report()
            terminate(failure.code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            printError(fullMessage(for: error))
            terminate(ExitStatus.usage.rawValue)
        }
    }
}
