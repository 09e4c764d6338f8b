extension AssessmentModel {
    /// Scores `snapshot` with the approved `corrections` on top (docs/SEMANTICS.md §14): the result
    /// names the bureaus' snapshot by its hash and records the corrections that applied, with their
    /// hash. Returns the corrected facts too, for explaining enterprises later.
    public func assess(
        _ snapshot: Snapshot, corrections: [FactCorrection], configSHA256: String? = nil,
        snapshotSHA256: String? = nil, sources: [SourceStatus]? = nil
    ) -> (result: AssessmentResult, corrected: Snapshot) {
        let (corrected, applied) = snapshot.applying(corrections)
        var result = assess(
            corrected, configSHA256: configSHA256, snapshotSHA256: snapshotSHA256 ?? snapshot.sha256,
            sources: sources)
        result.corrections = applied
        return (result, corrected)
    }
}

extension AssessmentResult {
    /// SHA-256 of the corrections that applied; nil when none did.
    public var correctionsSHA256: String? { corrections.sha256 }

    /// The corrections applied to `district`'s own facts.
    public func corrections(district code: String) -> [AppliedCorrection] {
        corrections.filter { $0.correction.entity == .district && $0.correction.key == code }
    }

    /// The corrections applied to the facts of the enterprise `uscc`.
    public func corrections(enterprise uscc: String) -> [AppliedCorrection] {
        corrections.filter { $0.correction.entity == .enterprise && $0.correction.key == uscc }
    }

    /// `corrections_sha256`, written after `snapshot_sha256` only when a correction applied.
    func writeCorrectionsHash(into w: inout JSONWriter) {
        guard let hash = correctionsSHA256 else { return }
        w.member("corrections_sha256", hash)
    }

    /// `corrections`, written last only when a correction applied.
    func writeCorrections(into w: inout JSONWriter) {
        guard !corrections.isEmpty else { return }
        w.key("corrections")
        w.objects(corrections) { w, a in
            let c = a.correction
            w.member("id", c.id)
            w.member("entity", c.entity.rawValue)
            w.member("key", c.key)
            w.member("fact", c.fact)
            w.member("bureau_value", fact: a.bureauValue)
            w.member("value", fact: c.value)
            w.member("reason", c.reason)
            w.member("evidence", c.evidence)
            w.member("proposed_by", c.proposedBy)
            w.member("approved_by", c.approvedBy)
            w.member("approval_reason", c.approvalReason)
        }
    }

    /// The `corrections` member read back; throws naming the culprit.
    static func readCorrections(_ value: JSONValue?) throws -> [AppliedCorrection] {
        guard case .array(let items)? = value else { return [] }
        return try items.enumerated().map { i, item in
            let path = "corrections[\(i)]"
            guard case .object(let o) = item, let id = o["id"]?.numberValue,
                let entity = o["entity"]?.stringValue.flatMap(CorrectionEntity.init(rawValue:)),
                let key = o["key"]?.stringValue, let fact = o["fact"]?.stringValue
            else { throw SnapshotError(path: path, message: "expected id, entity, key and fact") }
            let correction = FactCorrection(
                id: Int64(id), entity: entity, key: key, fact: fact, value: factValue(o["value"]),
                reason: o["reason"]?.stringValue ?? "", evidence: o["evidence"]?.stringValue ?? "",
                proposedBy: o["proposed_by"]?.stringValue ?? "", approvedBy: o["approved_by"]?.stringValue ?? "",
                approvalReason: o["approval_reason"]?.stringValue ?? "")
            return AppliedCorrection(correction: correction, bureauValue: factValue(o["bureau_value"]))
        }
    }

    /// A fact value from JSON: null is missing, an array of strings a set.
    public static func factValue(_ value: JSONValue?) -> Value {
        switch value {
        case .number(let x)?: .from(x)
        case .string(let s)?: .string(s)
        case .bool(let b)?: .bool(b)
        case .array(let items)?: .set(StringSet(items.compactMap(\.stringValue)))
        default: .missing
        }
    }
}
