import QualityCore

/// The qualityd configuration for a simulated world: its districts, a source for every bureau
/// endpoint, and the demo assessment and reward model (docs/SEMANTICS.md §3, §5, §6, §7, §9).
///
/// Built as a `QualityCore.Config` so that tests can score the simulator's data with the real
/// model; `DemoConfig.yaml` prints it, with comments, as `bureau-sim print-config` does.
public struct DemoConfig: Sendable {
    public let world: World
    /// Where the simulator listens; the sources' default base URL.
    public let listen: ListenAddress
    /// The bearer token the sources send by default.
    public let token: String

    public init(
        world: World, listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 9471),
        token: String = "demo-bureau-token"
    ) {
        self.world = world
        self.listen = listen
        self.token = token
    }

    /// Budgets are set for Ningbo's 3,000 enterprises and scale with the number of enterprises,
    /// rounded to 10,000 yuan, so that they stay oversubscribed in any world.
    func budget(_ ningboYuan: Double) -> Double {
        let scaled = ningboYuan * Double(world.enterpriseCount) / 3000
        return max(10_000, (scaled / 10_000).rounded() * 10_000)
    }

    /// The whole configuration as a value.
    public var config: Config {
        var c = Config()
        c.version = 1
        c.period = .year
        c.currentPeriod = .auto
        c.timezone = "Asia/Shanghai"
        c.districts = world.districts.map { District(code: $0.code, name: LocalizedText(zh: $0.zh, en: $0.en)) }
        c.sources = sources
        c.indicators = indicators
        c.scoring = scoring
        c.subsidies = subsidies
        c.sampling = sampling
        c.reports = reports
        c.server.listen = "127.0.0.1:9470"
        c.storage.sqlite = "./data/qualityd.sqlite"
        c.auth.tokens = Self.demoTokens.map { TokenConfig(name: $0.name, role: $0.role, sha256: $0.sha256) }
        c.metrics.enterpriseSeries = false
        return c
    }

    /// The demo tokens (their SHA-256 digests go into config; the tokens into the README).
    public static let demoTokens: [(name: String, role: Role, token: String, sha256: String)] = [
        (
            "demo-viewer", .viewer, "demo-viewer-token",
            "db2c460a3dd812a27b2a7f60d1320322c27ac3b28b3b90b11c05ecc7b4bcc856"
        ),
        (
            "demo-finance", .finance, "demo-finance-token",
            "def24dcaa2767d3713d3e4753dae47336790dedc1b248e065e66e29255466e1e"
        ),
        ("demo-admin", .admin, "demo-admin-token", "91c16f0d6cc1bec3c3603972182a07c66ff4fa71618a975e963d6dbe42b6dd37"),
        // A second admin: a correction needs an admin other than its proposer (four eyes).
        (
            "demo-admin2", .admin, "demo-admin2-token",
            "da1378f0c4c0c8937b10f0aff8d906d3f4b7c87105fe2575e51b991ba52eae5a"
        ),
    ]
}
