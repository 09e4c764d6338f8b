import AsyncHTTPClient
import Hummingbird
import Logging
import NIOCore
import QualityConfig
import QualityCore
import QualityIngest
import QualityPostgres
import QualityStore
import ServiceLifecycle
import UnixSignals

/// The application and the parts tests reach into: the runtime, the reloader, the metrics cache
/// and the scoring service (to score on demand).
public struct Daemon: Sendable {
    package let application: Application<RouterResponder<AppRequestContext>>
    public let runtime: Runtime
    package let reloader: Reloader
    package let metrics: MetricsCache
    package let scoring: ScoringService
    /// Browser sessions of `/login`.
    package let sessions: SessionStore
    /// Per-client budgets of sign-ins and wrong tokens.
    package let authGuard: AuthGuard

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully: the server stops accepting,
    /// a scoring run in progress finishes, pulls in flight are cancelled.
    public func run() async throws {
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}

/// The qualityd application: HTTP routes and the services that pull, score and reload.
package func buildApplication(_ options: ServerOptions) async throws -> some ApplicationProtocol {
    try await buildDaemon(options).application
}

/// Wires the daemon, the one place that does (docs/ARCHITECTURE.md §5): loads the config (throws `ConfigErrors`),
/// opens the store (throws `StoreError`), reads what it holds for a fast start, then builds the
/// routes and the services.
public func buildDaemon(_ options: ServerOptions) async throws -> Daemon {
    let logger = options.logger
    let loaded = try ConfigLoader.load(path: options.configPath, environment: options.environment)
    for warning in loaded.warnings { logger.warning("\(warning.description)") }
    let address = try listenAddress(options.listen, config: loaded.config, path: loaded.path)
    let store: any Store
    if let injected = options.store {
        store = injected
    } else {
        store = try await StoreOpener.open(loaded.config.storage, sqlitePath: options.sqlitePath, logger: logger)
    }
    // Replicas on one PostgreSQL elect their leader there (docs/ARCHITECTURE.md); alone on SQLite, one leads.
    var options = options
    if options.election == nil, let postgres = store as? PostgresStore {
        options.election = PostgresLeaderElection(
            configuration: try postgres.config.connectionConfiguration(), logger: logger)
    }
    guard let injected = options.fetcher else {
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: AsyncHTTPFetcher.recommendedConfiguration(), backgroundActivityLogger: logger)
        do {
            // First in the list: the group stops services in reverse order, so the client goes last.
            return try await wire(
                options, loaded: loaded, store: store, address: address,
                fetcher: TransportFetcher(http: AsyncHTTPFetcher(client: client, logger: logger)),
                services: [HTTPClientService(client: client)])
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
    return try await wire(options, loaded: loaded, store: store, address: address, fetcher: injected, services: [])
}

private func wire(
    _ options: ServerOptions, loaded: LoadedConfig, store: any Store, address: (host: String, port: Int),
    fetcher: any HTTPFetching, services: [any Service]
) async throws -> Daemon {
    let metrics = MetricsCache(operational: OperationalMetrics())
    let replicaID = loaded.config.server.replicaID ?? ReplicaState.defaultID(port: address.port)
    // With an election, replicas start as followers; alone on a store, a replica leads from the start.
    let replica =
        options.election == nil
        ? ReplicaState.sole(id: replicaID, metrics: metrics)
        : ReplicaState(id: replicaID, leading: false, metrics: metrics)
    let runtime = try Runtime(
        loaded: loaded, store: store, fetcher: fetcher, metrics: metrics, replica: replica, now: options.now,
        logger: options.logger)
    try await runtime.loadStored()

    let scoringTriggers = CoalescingChannel<Void>()
    let scheduleUpdates = CoalescingChannel<[SourceConfig]>()
    let reloader = Reloader(
        runtime: runtime, environment: options.environment, schedule: scheduleUpdates, scoring: scoringTriggers)
    let scoring = ScoringService(runtime: runtime, triggers: scoringTriggers)
    let pulls = PullScheduler(
        runtime: runtime, updates: scheduleUpdates, scoring: scoringTriggers, jitter: options.pullJitter,
        periodCheck: options.periodCheck)

    let cache = ResultCache(store: store)
    let guards = AuthGuard(
        limits: options.authLimits, metrics: metrics.operational, logger: options.logger, now: options.now)
    let authenticator = Authenticator(runtime: runtime, guards: guards)
    let router = AppRouter.build(
        AppRouter.Parts(
            runtime: runtime, reloader: reloader, metrics: metrics, authenticator: authenticator,
            lists: ListService(runtime: runtime, cache: cache, scoring: scoringTriggers), cache: cache))

    var running: [any Service] =
        services + [scoring, pulls, ReloadService(reloader: reloader), AuthLogService(guards: guards)]
    if let election = options.election {
        running.append(
            ReplicaService(runtime: runtime, election: election, scoring: scoringTriggers, poll: options.replicaPoll))
    }
    let application = Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: TimeAmount(options.idleTimeout))),
        configuration: ApplicationConfiguration(
            address: .hostname(address.host, port: address.port), serverName: "qualityd"),
        services: running,
        logger: options.logger)
    return Daemon(
        application: application, runtime: runtime, reloader: reloader, metrics: metrics, scoring: scoring,
        sessions: authenticator.sessions, authGuard: guards)
}

private func listenAddress(_ override: (host: String, port: Int)?, config: Config, path: String) throws -> (
    host: String, port: Int
) {
    if let override { return override }
    guard let address = config.server.hostAndPort else {
        throw ConfigErrors([
            ConfigIssue(
                location: nil, key: "server.listen",
                message: "\(path): server.listen \(config.server.listen) is not host:port")
        ])
    }
    return address
}
