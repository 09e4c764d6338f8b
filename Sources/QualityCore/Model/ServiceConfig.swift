/// `server`: where the daemon listens.
public struct ServerConfig: Sendable, Hashable {
    /// `host:port`; default `127.0.0.1:9470`.
    public var listen: String = "127.0.0.1:9470"
    /// `allowed_hosts`: names besides IP literals and `localhost` that clients may send in `Host`.
    public var allowedHosts: [AllowedHost] = []
    /// The weight sensitivity run after each scoring run (docs/SEMANTICS.md §15); samples 0: none.
    public var sensitivity = SensitivityOptions()
    /// `replica_id`: this replica's name among several; nil: the host name and the listen port.
    public var replicaID: String?

    public init() {}

    /// Host and port of `listen`; nil when it is not `host:port`.
    public var hostAndPort: (host: String, port: Int)? {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}

/// A name clients reach the daemon by (`Host`), and the scheme their browsers use for it (`Origin`):
/// `https` when a TLS proxy in front of qualityd serves that name.
public struct AllowedHost: Sendable, Hashable {
    /// Lower-case host name without port, e.g. `qualityd.example.gov.cn`.
    public var host: String
    /// `http` or `https`.
    public var scheme: String

    public init(host: String, scheme: String = "http") {
        self.host = host
        self.scheme = scheme
    }

    /// `name` or `http://name` or `https://name`; nil when it is anything else (a port, a path, a user).
    public init?(parsing text: String) {
        var rest = Substring(text.lowercased())
        var scheme = "http"
        for prefix in ["http://", "https://"] where rest.hasPrefix(prefix) {
            scheme = String(prefix.dropLast(3))
            rest = rest.dropFirst(prefix.count)
        }
        if rest.hasSuffix(".") { rest = rest.dropLast() }
        let allowed = rest.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
        }
        guard !rest.isEmpty, allowed, !rest.hasPrefix("."), !rest.contains("..") else { return nil }
        self.init(host: String(rest), scheme: scheme)
    }
}

/// `storage`: the embedded SQLite file, or PostgreSQL for several replicas.
public struct StorageConfig: Sendable, Hashable {
    public var sqlite: String? = "./data/qualityd.sqlite"
    public var postgres: PostgresStorage?

    public init() {}
}

/// `storage.postgres`: the server's URL (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`, the password
/// usually through `${ENV}`) and how many connections each replica's pool may open.
public struct PostgresStorage: Sendable, Hashable {
    public var url: String
    public var pool: Int

    public init(url: String, pool: Int = 8) {
        self.url = url
        self.pool = pool
    }
}

public enum Role: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case viewer, finance, admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .finance: 1
        case .admin: 2
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// A named API token; only its SHA-256 digest (hex) is kept.
public struct TokenConfig: Sendable, Hashable {
    public var name: String
    public var role: Role
    public var sha256: String
    public var location: SourceLocation?

    public init(name: String, role: Role, sha256: String, location: SourceLocation? = nil) {
        self.name = name
        self.role = role
        self.sha256 = sha256
        self.location = location
    }
}

/// `auth`: the tokens that may read and act.
public struct AuthConfig: Sendable, Hashable {
    public var tokens: [TokenConfig] = []

    public init() {}
}

/// `metrics`: what `/metrics` exposes beyond the defaults.
public struct MetricsConfig: Sendable, Hashable {
    /// Adds `quality_enterprise_subsidy_granted_yuan{uscc,program}` (high cardinality).
    public var enterpriseSeries: Bool = false

    public init() {}
}
