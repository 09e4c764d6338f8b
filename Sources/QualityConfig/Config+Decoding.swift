import QualityCore
import Yams

extension ConfigDecoder {
    static let topLevelKeys = [
        "version", "period", "current_period", "timezone", "districts", "sources", "indicators", "scoring",
        "subsidies", "server", "storage", "auth", "metrics", "sampling", "reports", "logging",
        "policy", "policy_versions",
    ]

    /// The whole config; an empty document decodes as an empty mapping.
    func decodeConfig(_ root: Node?) -> Config {
        var config = Config()
        let m = mapping(root ?? Node.mapping(Node.Mapping([])), "", known: Self.topLevelKeys)
        if let v = m.optional("version", integer) { config.version = v }
        if let v: PeriodKind = m.optional("period", choice) { config.period = v }
        if let v = m.optional("current_period", currentPeriod) { config.currentPeriod = v }
        if let v = m.optional("timezone", string) { config.timezone = v }
        config.districts = m.required("districts") { items($0, $1, district) } ?? []
        config.sources = m.optional("sources") { items($0, $1, source) } ?? []
        config.indicators = m.required("indicators") { items($0, $1, indicator) } ?? []
        if let v = m.required("scoring", scoring) { config.scoring = v }
        if let v = m.optional("subsidies", subsidies) { config.subsidies = v }
        config.sampling = m.optional("sampling", sampling)
        config.reports = m.optional("reports") { items($0, $1, report) } ?? []
        if let v = m.optional("server", server) { config.server = v }
        if let v = m.optional("storage", storage) { config.storage = v }
        if let v = m.optional("auth", auth) { config.auth = v }
        if let v = m.optional("metrics", metrics) { config.metrics = v }
        if let v = m.optional("logging", logging) { config.logging = v }
        if let node = m.node("policy") { policy(node, m.childPath("policy"), into: &config) }
        config.policyVersions = m.optional("policy_versions") { items($0, $1, policyVersion) } ?? []
        return config
    }

    /// `auto`, or a period written `2025`, `2025Q3` or `2025-07`.
    func currentPeriod(_ node: Node, _ path: String) -> CurrentPeriod? {
        guard let text = string(node, path) else { return nil }
        if text == "auto" { return .auto }
        guard let period = Period(text) else {
            fail(path, node, "expected auto or a period such as 2025, 2025Q3 or 2025-07 (found '\(text)')")
            return nil
        }
        return .fixed(period)
    }

    func district(_ node: Node, _ path: String) -> District {
        let m = mapping(node, path, known: ["code", "name"])
        return District(
            code: m.required("code", string) ?? "",
            name: m.required("name", localized) ?? LocalizedText(zh: ""),
            location: m.location
        )
    }

    func indicator(_ node: Node, _ path: String) -> Indicator {
        let m = mapping(node, path, known: ["id", "name", "unit", "direction", "value"])
        let (id, name) = m.idAndName()
        var indicator = Indicator(
            id: id, name: name,
            value: m.required("value", expression) ?? placeholderExpression,
            location: m.location
        )
        if let v: IndicatorUnit = m.optional("unit", choice) { indicator.unit = v }
        if let v: Direction = m.optional("direction", choice) { indicator.direction = v }
        return indicator
    }

    /// Stands in for an expression that is missing or unreadable (already reported); compiles cleanly.
    var placeholderExpression: ExpressionSource { ExpressionSource("0") }

    /// A rule (`veto`, `eligibility`): id, name, when.
    func rule(_ node: Node, _ path: String) -> Rule {
        let m = mapping(node, path, known: ["id", "name", "when"])
        let (id, name) = m.idAndName()
        return Rule(
            id: id, name: name,
            when: m.required("when", expression) ?? placeholderExpression,
            location: m.location
        )
    }

    func server(_ node: Node, _ path: String) -> ServerConfig {
        let m = mapping(node, path, known: ["listen", "allowed_hosts", "sensitivity", "replica_id"])
        var server = ServerConfig()
        if let v = m.optional("listen", string) { server.listen = v }
        server.replicaID = m.optional("replica_id", replicaID)
        server.allowedHosts = m.optional("allowed_hosts") { items($0, $1, allowedHost) }?.compactMap { $0 } ?? []
        if let v = m.optional("sensitivity", sensitivity) { server.sensitivity = v }
        return server
    }

    /// A replica's name: it goes into PostgreSQL's `application_name` (63 bytes with a prefix).
    func replicaID(_ node: Node, _ path: String) -> String? {
        guard let text = string(node, path) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy { (s: Unicode.Scalar) -> Bool in
            s.isASCII
                && (s.properties.isAlphabetic || s.properties.numericType != nil || ".:_-".unicodeScalars.contains(s))
        }
        guard !text.isEmpty, text.count <= 54, allowed else {
            fail(path, node, "expected letters, digits, '.', ':', '_' or '-', at most 54 characters (found '\(text)')")
            return nil
        }
        return text
    }

    /// A host name, optionally with `http://` or `https://` in front; no port, path or wildcard.
    func allowedHost(_ node: Node, _ path: String) -> AllowedHost? {
        guard let text = string(node, path) else { return nil }
        guard let host = AllowedHost(parsing: text) else {
            fail(
                path, node,
                "expected a host name such as qualityd.example.gov.cn or https://qualityd.example.gov.cn, "
                    + "without port or path (found '\(text)')")
            return nil
        }
        return host
    }

    /// `sqlite: FILE` (the default) or `postgres: { url: URL, pool: N }` (or just `postgres: URL`);
    /// giving postgres drops the default SQLite file.
    func storage(_ node: Node, _ path: String) -> StorageConfig {
        let m = mapping(node, path, known: ["sqlite", "postgres"])
        var storage = StorageConfig()
        let sqlite = m.optional("sqlite", string)
        storage.postgres = m.optional("postgres", postgres)
        storage.sqlite = sqlite ?? (storage.postgres == nil ? storage.sqlite : nil)
        return storage
    }

    func postgres(_ node: Node, _ path: String) -> PostgresStorage? {
        if case .scalar = node { return string(node, path).map { PostgresStorage(url: $0) } }
        let m = mapping(node, path, known: ["url", "pool"])
        guard let url = m.required("url", string) else { return nil }
        return PostgresStorage(url: url, pool: m.optional("pool", integer) ?? 8)
    }

    func auth(_ node: Node, _ path: String) -> AuthConfig {
        let m = mapping(node, path, known: ["tokens"])
        var auth = AuthConfig()
        auth.tokens = m.optional("tokens") { items($0, $1, token) } ?? []
        return auth
    }

    func token(_ node: Node, _ path: String) -> TokenConfig {
        let m = mapping(node, path, known: ["name", "role", "sha256"])
        return TokenConfig(
            name: m.required("name", string) ?? "",
            role: m.required("role", choice) ?? .viewer,
            sha256: m.required("sha256", string) ?? "",
            location: m.location
        )
    }

    func metrics(_ node: Node, _ path: String) -> MetricsConfig {
        let m = mapping(node, path, known: ["enterprise_series"])
        var metrics = MetricsConfig()
        if let v = m.optional("enterprise_series", bool) { metrics.enterpriseSeries = v }
        return metrics
    }

    func logging(_ node: Node, _ path: String) -> LoggingConfig {
        let m = mapping(node, path, known: ["format"])
        var logging = LoggingConfig()
        if let v: LogFormat = m.optional("format", choice) { logging.format = v }
        return logging
    }
}
