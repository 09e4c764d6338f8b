import ArgumentParser
import QualityConfig
import QualityCore
import QualityExport

/// `qualityd score`: score a snapshot offline, as JSON (docs/SEMANTICS.md §8) or as a table for people.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a snapshot offline (离线评分): JSON result or a table."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table
    }

    @OptionGroup var options: ConfigOptions

    @Option(help: "The snapshot file (JSON, docs/SEMANTICS.md §8).")
    var snapshot: String

    @Option(help: "json (the result of docs/SEMANTICS.md §8) or table.")
    var format: Format = .json

    @Option(help: "Write the output here instead of stdout.")
    var out: String?

    func run() async throws {
        // The snapshot is read and parsed while the config loads (a national config has 3,000
        // districts and as many inspectors to validate); a config error is still reported first.
        let path = snapshot
        async let parsed = readSnapshot(at: path)
        let loaded = try options.load()
        let result = try await score(try await parsed, with: loaded)
        switch format {
        case .json: try writeOutput(result.json(), to: out)
        case .table:
            try writeOutput(
                Array(ScoreTable(config: try policy(loaded, for: result.period).config, result: result).render().utf8),
                to: out)
        }
    }
}
