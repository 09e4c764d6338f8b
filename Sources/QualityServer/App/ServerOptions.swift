import Foundation
import Logging
import QualityIngest
import QualityStore

/// How to start the daemon. `qualityd serve` fills it from the command line; tests override the
/// address, the store, the clock and the fetcher.
public struct ServerOptions: Sendable {
    /// The config file, reloaded from the same path on SIGHUP and `POST /-/reload`.
    public var configPath: String
    /// Where `${NAME}` in the config is looked up.
    public var environment: [String: String]
    /// Host and port to listen on instead of `server.listen` (port 0: any free port).
    public var listen: (host: String, port: Int)?
    /// The SQLite file instead of `storage.sqlite`.
    public var sqlitePath: String?
    /// A store to use instead of opening one (tests wrap the SQLite store to make it fail).
    public var store: (any Store)?
    /// Fetches source pages; nil: AsyncHTTPClient, owned and shut down by the daemon.
    public var fetcher: (any HTTPFetching)?
    /// The wall clock: periods, pull and run times.
    public var now: @Sendable () -> Date
    /// Pull jitter as a fraction of each source's interval (0.1: ±10 %).
    public var pullJitter: Double
    /// How often the clock is checked for a new period (default 60 s).
    public var periodCheck: Duration
    public var logger: Logger
    /// Budgets of sign-ins and wrong tokens per client, and how often failures are logged.
    package var authLimits = AuthGuard.Limits()
    /// How long a connection may sit without a complete request head before it is closed: idle
    /// between requests, or sending its headers slowly (slowloris). Default 30 s.
    public var idleTimeout: Duration = .seconds(30)
    /// How replicas sharing the store elect their leader; nil: this replica is alone and leads.
    /// `qualityd serve` elects through PostgreSQL with a PostgreSQL store.
    package var election: (any LeaderElection)?
    /// How often a replica looks at the store for what its announcements may have missed.
    package var replicaPoll: Duration = .seconds(1)

    public init(
        configPath: String = "config.yaml", environment: [String: String] = ProcessInfo.processInfo.environment,
        listen: (host: String, port: Int)? = nil, sqlitePath: String? = nil, store: (any Store)? = nil,
        fetcher: (any HTTPFetching)? = nil, now: @escaping @Sendable () -> Date = { Date() }, pullJitter: Double = 0.1,
        periodCheck: Duration = .seconds(60), logger: Logger = Logger(label: "qualityd")
    ) {
        self.configPath = configPath
        self.environment = environment
        self.listen = listen
        self.sqlitePath = sqlitePath
        self.store = store
        self.fetcher = fetcher
        self.now = now
        self.pullJitter = pullJitter
        self.periodCheck = periodCheck
        self.logger = logger
    }
}
