import ArgumentParser
import Foundation
import Logging
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

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
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
}
