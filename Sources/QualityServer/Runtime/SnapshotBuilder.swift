import QualityCore
import QualityIngest

/// Builds a period's snapshot from the sources' data and the store's confirmed payouts (SPEC 10).
public enum SnapshotBuilder {
    /// The merged snapshot; its payouts are those of the payout sources followed by the confirmed
    /// payouts they do not already hold (the same payment reported by finance and confirmed here
    /// counts once).
    public static func build(period: String, sources: [SourceData], confirmedPayouts: [Payout]) -> Snapshot {
        var snapshot = SnapshotAssembler.assemble(period: period, sources: sources)
        snapshot.payouts = union(snapshot.payouts, confirmedPayouts)
        return snapshot
    }

    /// `first`, then the payouts of `second` not in `first` (nor earlier in `second`), in order.
    public static func union(_ first: [Payout], _ second: [Payout]) -> [Payout] {
        guard !second.isEmpty else { return first }
        var seen = Set(first)
        var all = first
        for payout in second where seen.insert(payout).inserted { all.append(payout) }
        return all
    }
}
