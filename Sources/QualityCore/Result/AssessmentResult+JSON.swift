extension AssessmentResult {
    /// The result as JSON (docs/SEMANTICS.md §8), keys in the spec's order: the same bytes for the same input.
    public func json(style: JSONWriter.Style = .pretty(indent: 1)) -> [UInt8] {
        var w = JSONWriter(style: style, reserve: 4096 + subsidies.awards.count * 220)
        w.beginObject()
        w.member("period", period)
        w.member("config_sha256", configSHA256)
        if let policy {
            w.key("policy")
            policy.write(into: &w)
        }
        w.member("snapshot_sha256", snapshotSHA256)
        writeCorrectionsHash(into: &w)
        w.key("districts")
        w.beginArray()
        for d in districts { d.write(into: &w) }
        w.endArray()
        w.key("subsidies")
        subsidies.write(into: &w)
        w.key("rejected")
        w.objects(rejected) { w, r in
            w.member("uscc", r.uscc)
            w.member("reason", r.reason)
        }
        if let sources {
            w.key("sources")
            w.objects(sources) { w, s in
                w.member("id", s.id)
                w.member("last_success", s.lastSuccess)
                w.member("stale", s.stale)
            }
        }
        writeCorrections(into: &w)
        w.endObject()
        if case .pretty = style { return w.bytes + [0x0A] }
        return w.bytes
    }
}

extension DistrictResult {
    func write(into w: inout JSONWriter) {
        w.beginObject()
        w.member("code", code)
        w.member("name", name)
        w.member("name_en", nameEn)
        w.key("indicators")
        w.beginObject()
        for i in indicators {
            w.key(i.id)
            w.object { w in
                w.member("value", i.value)
                w.member("score", i.score)
                w.member("points", i.points)
                w.member("missing", i.missing)
            }
        }
        w.endObject()
        w.key("dimensions")
        Self.write(dimensions, into: &w)
        w.member("incomplete", incomplete)
        w.member("base", base)
        w.member("bonus", bonus)
        w.member("penalty", penalty)
        w.member("total", total)
        w.member("vetoed_by", vetoedBy)
        w.member("grade", grade)
        w.member("rank", rank)
        w.member("enterprises", enterprises)
        w.key("bonus_items")
        Self.write(bonusItems, into: &w)
        w.key("penalty_items")
        Self.write(penaltyItems, into: &w)
        w.endObject()
    }

    private static func write(_ items: [NamedNumber], into w: inout JSONWriter) {
        w.object { w in
            for item in items { w.member(item.id, item.value) }
        }
    }
}

extension SubsidyResult {
    /// The `subsidies` object of the result JSON (docs/SEMANTICS.md §8), for APIs that serve only this part.
    public func write(into w: inout JSONWriter) {
        w.beginObject()
        w.member("budget_fen", budgetFen)
        w.member("requested_fen", requestedFen)
        w.member("granted_fen", grantedFen)
        w.key("awards")
        w.objects(awards) { w, a in
            w.member("uscc", a.uscc)
            w.member("name", a.name)
            w.member("district", a.district)
            w.member("program", a.program)
            w.member("requested_fen", a.requestedFen)
            w.member("granted_fen", a.grantedFen)
            w.member("notes", a.notes.names)
        }
        w.key("ineligible")
        w.objects(ineligible) { w, i in
            w.member("uscc", i.uscc)
            w.member("reasons", i.reasons)
        }
        w.key("excluded")
        w.objects(excluded) { w, e in
            w.member("uscc", e.uscc)
            w.member("program", e.program)
            w.member("reason", e.reason)
        }
        w.endObject()
    }
}

extension PolicyStamp {
    /// `{"id", "sha256"}`, as the result JSON and the explanations write it.
    public func write(into w: inout JSONWriter) {
        w.object { w in
            w.member("id", id)
            w.member("sha256", sha256)
        }
    }
}
