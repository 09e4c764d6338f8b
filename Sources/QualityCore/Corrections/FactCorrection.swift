/// Which kind of entity a correction changes a fact of.
public enum CorrectionEntity: String, Sendable, Hashable, CaseIterable {
    case district, enterprise
}

/// An approved correction as scoring applies it (docs/SEMANTICS.md §14): one fact of one district
/// or enterprise set to `value`, on top of what the bureaus said.
public struct FactCorrection: Sendable, Equatable {
    public var id: Int64
    public var entity: CorrectionEntity
    /// The district's division code or the enterprise's USCC.
    public var key: String
    public var fact: String
    public var value: Value
    public var reason: String
    public var evidence: String
    public var proposedBy: String
    public var approvedBy: String
    public var approvalReason: String

    public init(
        id: Int64, entity: CorrectionEntity, key: String, fact: String, value: Value, reason: String,
        evidence: String, proposedBy: String, approvedBy: String, approvalReason: String
    ) {
        self.id = id
        self.entity = entity
        self.key = key
        self.fact = fact
        self.value = value
        self.reason = reason
        self.evidence = evidence
        self.proposedBy = proposedBy
        self.approvedBy = approvedBy
        self.approvalReason = approvalReason
    }
}

/// A correction that scoring applied, with the value it replaced: what the result records.
public struct AppliedCorrection: Sendable, Equatable {
    public var correction: FactCorrection
    /// The bureaus' value in the snapshot (missing when they gave none).
    public var bureauValue: Value
}

extension Snapshot {
    /// The snapshot with `corrections` applied in id order (a later one on the same fact wins), and
    /// the corrections that applied. A correction of an entity the snapshot lacks applies to nothing
    /// and is left out. The snapshot itself, what the bureaus said, is not changed.
    public func applying(_ corrections: [FactCorrection]) -> (snapshot: Snapshot, applied: [AppliedCorrection]) {
        guard !corrections.isEmpty else { return (self, []) }
        var corrected = self
        var applied: [AppliedCorrection] = []
        for c in corrections.sorted(by: { $0.id < $1.id }) {
            let original = c.entity == .district ? districts : enterprises
            guard let row = original.row(forKey: c.key) else { continue }
            applied.append(AppliedCorrection(correction: c, bureauValue: original.value(row: row, fact: c.fact)))
            switch c.entity {
            case .district: corrected.districts.set(c.value, row: row, fact: c.fact)
            case .enterprise: corrected.enterprises.set(c.value, row: row, fact: c.fact)
            }
        }
        return (corrected, applied)
    }
}

extension [AppliedCorrection] {
    /// SHA-256 (hex) of what the corrections change, as canonical JSON: id, entity, key, fact and
    /// value of each, in order. Nil when there are none, so a result without corrections is unchanged.
    public var sha256: String? {
        guard !isEmpty else { return nil }
        var w = JSONWriter(style: .canonical)
        w.objects(self) { w, a in
            w.member("entity", a.correction.entity.rawValue)
            w.member("fact", a.correction.fact)
            w.member("id", a.correction.id)
            w.member("key", a.correction.key)
            w.member("value", fact: a.correction.value)
        }
        return SHA256.hex(w.bytes)
    }
}
