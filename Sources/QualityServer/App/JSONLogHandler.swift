import Foundation
import Logging
import Synchronization

/// Log lines as JSON objects, one per line, for journald and Loki: `time` (UTC, milliseconds),
/// `level`, `label`, `message`, `source`, and `metadata` when there is any.
package struct JSONLogHandler: LogHandler {
    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable ([UInt8]) -> Void

    /// A handler writing to standard error, one `write` per line so that lines never interleave.
    package static func standardError(label: String) -> JSONLogHandler {
        JSONLogHandler(label: label) { line in
            line.withUnsafeBufferPointer { buffer in
                guard var next = buffer.baseAddress else { return }
                var left = buffer.count
                while left > 0 {
                    let written = Foundation.write(2, next, left)
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else { return }
                    next += written
                    left -= written
                }
            }
        }
    }

    /// A handler handing each line (newline included) to `write`.
    package init(label: String, write: @escaping @Sendable ([UInt8]) -> Void) {
        self.label = label
        self.write = write
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    struct Line: Encodable {
        var time, level, label, message, source: String
        var metadata: [String: String]?
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line = Line(
            time: Self.timestamp(Date()), level: event.level.rawValue, label: label, message: event.message.description,
            source: event.source, metadata: merged.isEmpty ? nil : merged.mapValues(\.description))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var bytes = try? [UInt8](encoder.encode(line)) else { return }
        bytes.append(UInt8(ascii: "\n"))
        write(bytes)
    }

    /// `2025-07-01T08:00:00.123Z`.
    static func timestamp(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        return date.formatted(style)
    }
}
