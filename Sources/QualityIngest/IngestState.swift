import Foundation
import QualityCore
import QualityRecords

/// Each source's last good data and last outcome; builds snapshots from them.
///
/// A failed pull keeps the previous data (docs/SEMANTICS.md §9): the snapshot still has the source's facts,
/// and the source is reported stale until a pull succeeds again.
public actor IngestState {
    private struct Entry {
        var interval: Double
        var lastOutcome: SourcePullOutcome?
        var lastGood: SourceData?
        var lastSuccess: Date?
    }

    /// Source ids in config order.
    public private(set) var sourceIDs: [String]
    private var entries: [String: Entry]

    public init(sources: [SourceConfig]) {
        sourceIDs = sources.map(\.id)
        var entries: [String: Entry] = [:]
        for source in sources { entries[source.id] = Entry(interval: source.interval) }
        self.entries = entries
    }

    /// After a config reload: sources still configured keep their data; new ones start empty.
    public func configure(sources: [SourceConfig]) {
        var next: [String: Entry] = [:]
        for source in sources {
            var entry = entries[source.id] ?? Entry(interval: source.interval)
            entry.interval = source.interval
            next[source.id] = entry
        }
        sourceIDs = sources.map(\.id)
        entries = next
    }

    /// Records a pull. A success replaces the source's data; a failure keeps it.
    /// Outcomes of sources no longer configured are ignored.
    public func record(_ outcome: SourcePullOutcome) {
        guard var entry = entries[outcome.sourceID] else { return }
        if outcome.succeeded, let data = outcome.data {
            entry.lastGood = data
            entry.lastSuccess = outcome.finishedAt
        }
        // The data already lives in `lastGood`; do not keep a second reference to a failed pull's nothing.
        var kept = outcome
        kept.data = nil
        entry.lastOutcome = kept
        entries[outcome.sourceID] = entry
    }

    public func record(_ outcomes: [SourcePullOutcome]) {
        for outcome in outcomes { record(outcome) }
    }

    /// The last pull of a source (its data is in `data(source:)`).
    public func lastOutcome(source id: String) -> SourcePullOutcome? { entries[id]?.lastOutcome }

    /// The source's last good data, whatever its period.
    public func data(source id: String) -> SourceData? { entries[id]?.lastGood }

    public func lastSuccess(source id: String) -> Date? { entries[id]?.lastSuccess }

    /// Stale: never pulled successfully, last pull failed, or last success older than 2 × interval.
    public func isStale(source id: String, now: Date) -> Bool {
        guard let entry = entries[id] else { return true }
        return Self.stale(entry, now: now)
    }

    private static func stale(_ entry: Entry, now: Date) -> Bool {
        guard let success = entry.lastSuccess, let last = entry.lastOutcome, last.succeeded else { return true }
        return now.timeIntervalSince(success) > 2 * entry.interval
    }

    /// Provenance for a result: every configured source, in config order.
    public func statuses(now: Date) -> [SourceStatus] {
        sourceIDs.compactMap { id in
            entries[id].map {
                SourceStatus(id: id, lastSuccess: $0.lastSuccess?.iso8601UTC, stale: Self.stale($0, now: now))
            }
        }
    }

    /// The last good data of every source pulled for `period`, in config order.
    public func goodData(period: String) -> [SourceData] {
        sourceIDs.compactMap { entries[$0]?.lastGood }.filter { $0.period == period }
    }

    /// The snapshot for `period` from every source's last good data for that period.
    /// The merge runs outside the actor, so recording outcomes is never held up by it.
    public nonisolated func snapshot(period: String) async -> Snapshot {
        let parts = await goodData(period: period)
        return SnapshotAssembler.assemble(period: period, sources: parts)
    }
}
