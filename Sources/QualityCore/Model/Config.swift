/// The whole of `config.yaml`, decoded and validated: what qualityd assesses, where its data
/// comes from, and how it serves the results.
///
/// Plain values only; the YAML decoding and validation live in the QualityConfig module.
public struct Config: Sendable {
    /// Schema version; only 1 exists.
    public var version: Int = 1
    /// The length of an assessment period (`period`).
    public var period: PeriodKind = .year
    /// `current_period`: `auto` (the period containing today in `timezone`) or a fixed period.
    public var currentPeriod: CurrentPeriod = .auto
    /// IANA time zone used to decide today's period and to show times (`timezone`).
    public var timezone: String = "Asia/Shanghai"
    public var districts: [District] = []
    public var sources: [SourceConfig] = []
    public var indicators: [Indicator] = []
    public var scoring = ScoringConfig()
    public var subsidies = SubsidyConfig()
    /// `sampling`: none when the section is absent.
    public var sampling: SamplingConfig?
    /// `reports`: analysis reports over groups of enterprises.
    public var reports: [ReportConfig] = []
    public var server = ServerConfig()
    public var storage = StorageConfig()
    public var auth = AuthConfig()
    public var metrics = MetricsConfig()
    /// `logging:`: text or JSON log lines.
    public var logging = LoggingConfig()
    /// `policy.id`: the name of the first policy version, the top-level sections.
    public var policyID = "base"
    /// `policy.from`: the first period the top-level sections apply to; none: every period before
    /// the first of `policyVersions`.
    public var policyFrom: Period?
    /// `policy_versions`: later policies, in `from` order (docs/CONFIG.md, "policy_versions").
    public var policyVersions: [PolicyVersion] = []

    public init() {}

    public func district(code: String) -> District? { districts.first { $0.code == code } }
    public func indicator(id: String) -> Indicator? { indicators.first { $0.id == id } }
    public func program(id: String) -> Program? { subsidies.programs.first { $0.id == id } }

    /// The direction a scored indicator is scored in: the entry's own, else its indicator's, else higher.
    public func direction(of entry: ScoredIndicator) -> Direction {
        entry.direction ?? indicator(id: entry.indicator)?.direction ?? .higher
    }

    /// The missing-value policy of a scored indicator: the entry's own, else `scoring.missing`.
    public func missingPolicy(of entry: ScoredIndicator) -> MissingPolicy { entry.missing ?? scoring.missing }
    public func report(id: String) -> ReportConfig? { reports.first { $0.id == id } }
}

public enum CurrentPeriod: Sendable, Hashable {
    case auto
    case fixed(Period)
}

/// A county-level district, identified by its GB/T 2260 division code.
public struct District: Sendable, Hashable {
    public var code: String
    public var name: LocalizedText
    public var location: SourceLocation?

    public init(code: String, name: LocalizedText, location: SourceLocation? = nil) {
        self.code = code
        self.name = name
        self.location = location
    }
}

public enum IndicatorUnit: String, Sendable, Hashable, CaseIterable {
    case percent, ratio, count, yuan, days, points
}

public enum Direction: String, Sendable, Hashable, CaseIterable {
    case higher, lower
}

/// A measured quantity per district, computed by an expression over district and enterprise facts.
public struct Indicator: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var unit: IndicatorUnit = .count
    public var direction: Direction = .higher
    public var value: ExpressionSource
    public var location: SourceLocation?

    public init(
        id: String, name: LocalizedText, unit: IndicatorUnit = .count, direction: Direction = .higher,
        value: ExpressionSource, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.direction = direction
        self.value = value
        self.location = location
    }
}
