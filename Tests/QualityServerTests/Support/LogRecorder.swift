import Logging
import Synchronization

/// A log handler that keeps every line, for tests that check what was logged and at which level.
final class LogRecorder: Sendable {
    struct Line: Sendable {
        var level: Logger.Level
        var message: String
    }

    private let lines = Mutex<[Line]>([])

    /// A logger writing into this recorder, at every level.
    var logger: Logger {
        var logger = Logger(label: "qualityd-test") { _ in Handler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    var recorded: [Line] { lines.withLock { $0 } }

    func lines(at level: Logger.Level) -> [String] {
        recorded.filter { $0.level == level }.map(\.message)
    }

    fileprivate func append(_ line: Line) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.append(Line(level: event.level, message: event.message.description))
        }
    }
}
