/// `logging:`: how the daemon writes its log lines (to standard error, where journald reads them).
public struct LoggingConfig: Sendable, Hashable {
    /// `format`: `text` lines for people, or `json`, one object per line, for journald and Loki.
    public var format: LogFormat = .text

    public init(format: LogFormat = .text) {
        self.format = format
    }
}

public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    case text, json
}
