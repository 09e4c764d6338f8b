import Foundation
import QualityCore
import QualityIngest
import QualityRecords
import QualityStore

/// What each source held before a restart, rebuilt from the store, so that a source that cannot be
/// reached after the restart keeps its last good data (docs/SEMANTICS.md §9) instead of vanishing from the scores.
///
/// The store keeps the merged snapshot, not each source's part; a fact comes from exactly one
/// source (docs/SEMANTICS.md §3), so a source's part is its facts' columns over the entities that have one of
/// them, and a payout source's part is the snapshot's payouts.
enum IngestSeed {
    /// Outcomes to record, in order, before any pull of this process: for a source with a stored
    /// success, that success with its data; then its last pull if that failed later.
    static func outcomes(
        config: Config, period: String, snapshot: Snapshot?, lastSuccessful: [PullRecord], lastPulls: [PullRecord]
    ) -> [SourcePullOutcome] {
        let successes = Dictionary(lastSuccessful.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        let latest = Dictionary(lastPulls.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        var outcomes: [SourcePullOutcome] = []
        for source in config.sources {
            let success = successes[source.id]
            if let success, let snapshot {
                let data = part(of: snapshot, for: source)
                outcomes.append(SourcePullOutcome(restoring: success, period: period, data: data))
            }
            if let last = latest[source.id], last.status != .success,
                success.map({ last.finishedAt >= $0.finishedAt }) ?? true
            {
                outcomes.append(SourcePullOutcome(restoring: last, period: period, data: nil))
            }
        }
        return outcomes
    }

    /// The source's facts from a snapshot: the entities having at least one of them.
    static func part(of snapshot: Snapshot, for source: SourceConfig) -> SourceData {
        switch source.entity {
        case .payout:
            return SourceData(
                sourceID: source.id, period: snapshot.period, entity: .payout, payouts: snapshot.payouts)
        case .district:
            return part(of: snapshot.districts, for: source, period: snapshot.period)
        case .enterprise:
            return part(of: snapshot.enterprises, for: source, period: snapshot.period)
        }
    }

    private static func part(of table: FactTable, for source: SourceConfig, period: String) -> SourceData {
        var names: [String] = []
        var columns: [Int] = []
        for field in source.fields where !names.contains(field.fact) {
            if let c = table.column(named: field.fact) {
                names.append(field.fact)
                columns.append(c)
            }
        }
        var keys: [String] = []
        var values = [[Value]](repeating: [], count: names.count)
        for (row, key) in table.keys.enumerated() {
            guard columns.contains(where: { !table.value(row: row, column: $0).isMissing }) else { continue }
            keys.append(key)
            for (i, c) in columns.enumerated() { values[i].append(table.value(row: row, column: c)) }
        }
        return SourceData(
            sourceID: source.id, period: period, entity: source.entity, unsortedKeys: keys, factNames: names,
            columns: values)
    }
}
