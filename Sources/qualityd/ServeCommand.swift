import ArgumentParser
import Foundation
import Logging
import QualityConfig
import QualityCore
import QualityServer
import QualityStore

/// `qualityd serve` (the default): the daemon. Pulls, scores and serves until SIGTERM or SIGINT;
/// SIGHUP reloads the config.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the daemon (守护进程): pull, score, serve /metrics, the API and reloads."
    )

    @OptionGroup var options: ConfigOptions

    @Option(
        name: .long,
        help: "Log lines as text or json (default: $LOG_FORMAT, else logging.format of the config, else text).")
    var logFormat: String?

    func validate() throws {
        if let logFormat, LogFormat(rawValue: logFormat) == nil {
            throw ValidationError("--log-format must be text or json (found '\(logFormat)')")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        let format = logFormat(environment: environment)
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let logger = Logger(label: "qualityd")
        let daemon: Daemon
        do {
            daemon = try await buildDaemon(
                ServerOptions(configPath: options.config, environment: environment, logger: logger))
        } catch let errors as ConfigErrors {
            throw CommandFailure.config(errors)
        } catch let error as StoreError {
            throw CommandFailure(.runtime, error.description)
        }
        let period = await daemon.runtime.period
        logger.notice("qualityd \(BuildInfo.version) starting: config \(options.config), period \(period)")
        do {
            try await daemon.run()
            logger.notice("qualityd stopped")
        } catch {
            throw CommandFailure(.runtime, "qualityd stopped: \(error)")
        }
    }

    /// `--log-format`, else `LOG_FORMAT`, else the config's `logging.format` (a config that does
    /// not load is reported by the daemon, in text), else text. Fixed for the life of the process:
    /// a reload does not change it.
    private func logFormat(environment: [String: String]) -> LogFormat {
        if let format = (logFormat ?? environment["LOG_FORMAT"]).flatMap(LogFormat.init(rawValue:)) { return format }
        let loaded = try? ConfigLoader.load(path: options.config, environment: environment)
        return loaded?.config.logging.format ?? .text
    }
}
