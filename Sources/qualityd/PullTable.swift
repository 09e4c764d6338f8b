import Foundation
import QualityCore
import QualityIngest
import QualityRecords
import Synchronization

/// The per-source summary `qualityd pull` prints: one row per source, failures with their error.
struct PullTable {
    let config: Config
    let outcomes: [SourcePullOutcome]

    func render() -> String {
        let header = ["source", "result", "records", "rejected", "pages", "bytes", "seconds"]
        var rows: [[String]] = []
        var errors: [String] = []
        for o in outcomes {
            rows.append([
                o.sourceID, o.result.rawValue, String(o.accepted),
                o.rejected.isEmpty ? "0" : "\(o.rejectedTotal) (\(o.rejectedSummary))", String(o.pages),
                String(o.bytes), String(format: "%.2f", o.duration),
            ])
            if let error = o.error { errors.append("  \(o.sourceID): \(error)") }
        }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        // Text columns left, numbers right.
        let leftAligned: Set<Int> = [0, 1, 3]
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return leftAligned.contains(i) ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        var text = line(header)
        for row in rows { text += line(row) }
        let ok = outcomes.filter(\.succeeded).count
        text += "\(ok) of \(outcomes.count) sources pulled\n"
        if !errors.isEmpty { text += "errors:\n" + errors.joined(separator: "\n") + "\n" }
        return text
    }
}

/// One line on a terminal's stderr that follows the pull: pages and records per source so far.
final class PullProgressLine: Sendable {
    private let state: Mutex<[String: PullProgress]>
    private let order: [String]

    init(sources: [String]) {
        order = sources
        state = Mutex([:])
    }

    func update(_ progress: PullProgress) {
        let line = state.withLock { all -> String in
            all[progress.sourceID] = progress
            let done = all.values.filter { $0.result != nil }.count
            let records = all.values.reduce(0) { $0 + $1.records }
            let pages = all.values.reduce(0) { $0 + $1.pages }
            let bytes = all.values.reduce(0) { $0 + $1.bytes }
            return
                "pulling: \(done)/\(order.count) sources done, \(pages) pages, \(records) records, \(bytes >> 10) KiB"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
