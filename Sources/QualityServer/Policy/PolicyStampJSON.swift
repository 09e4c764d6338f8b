import QualityCore

/// `"policy": {"id", "sha256"}`: the policy version a result was scored under, for JSON written by
/// hand (the district explanation); null for a result stored before versions existed.
enum PolicyStampJSON {
    static func write(_ stamp: PolicyStamp?, into w: inout JSONWriter) {
        w.key("policy")
        if let stamp { stamp.write(into: &w) } else { w.null() }
    }
}
