extension AssessmentResult {
    /// The result as JSON (docs/SEMANTICS.md §8), keys in the spec's order: the same bytes for the same input.
    public func json(style: JSONWriter.Style = .pretty(indent: 1)) -> [UInt8] {
        var w = JSONWriter(style: style, reserve: 4096 + subsidies.awards.count * 220)
        w.beginObject()
        w.key("period")
        w.string(period)
        w.key("config_sha256")
        w.string(configSHA256)
        if let policy {
            w.key("policy")
            policy.write(into: &w)
        }
        w.key("snapshot_sha256")
        w.string(snapshotSHA256)
        writeCorrectionsHash(into: &w)
        w.key("districts")
        w.beginArray()
        for d in districts { d.write(into: &w) }
        w.endArray()
        w.key("subsidies")
        subsidies.write(into: &w)
        w.key("rejected")
        w.beginArray()
        for r in rejected {
            w.beginObject()
            w.key("uscc")
            w.string(r.uscc)
            w.key("reason")
            w.string(r.reason)
            w.endObject()
        }
        w.endArray()
        if let sources {
            w.key("sources")
            w.beginArray()
            for s in sources {
                w.beginObject()
                w.key("id")
                w.string(s.id)
                w.key("last_success")
                w.string(s.lastSuccess)
                w.key("stale")
                w.bool(s.stale)
                w.endObject()
            }
            w.endArray()
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
        w.key("code")
        w.string(code)
        w.key("name")
        w.string(name)
        w.key("name_en")
        w.string(nameEn)
        w.key("indicators")
        w.beginObject()
        for i in indicators {
            w.key(i.id)
            w.beginObject()
            w.key("value")
            w.number(i.value)
            w.key("score")
            w.number(i.score)
            w.key("points")
            w.number(i.points)
            w.key("missing")
            w.bool(i.missing)
            w.endObject()
        }
        w.endObject()
        w.key("dimensions")
        Self.write(dimensions, into: &w)
        w.key("incomplete")
        w.bool(incomplete)
        w.key("base")
        w.number(base)
        w.key("bonus")
        w.number(bonus)
        w.key("penalty")
        w.number(penalty)
        w.key("total")
        w.number(total)
        w.key("vetoed_by")
        w.strings(vetoedBy)
        w.key("grade")
        w.string(grade)
        w.key("rank")
        w.integer(rank)
        w.key("enterprises")
        w.integer(enterprises)
        w.key("bonus_items")
        Self.write(bonusItems, into: &w)
        w.key("penalty_items")
        Self.write(penaltyItems, into: &w)
        w.endObject()
    }

    private static func write(_ items: [NamedNumber], into w: inout JSONWriter) {
        w.beginObject()
        for item in items {
            w.key(item.id)
            w.number(item.value)
        }
        w.endObject()
    }
}

extension SubsidyResult {
    /// The `subsidies` object of the result JSON (docs/SEMANTICS.md §8), for APIs that serve only this part.
    public func write(into w: inout JSONWriter) {
        w.beginObject()
        w.key("budget_fen")
        w.integer(budgetFen)
        w.key("requested_fen")
        w.integer(requestedFen)
        w.key("granted_fen")
        w.integer(grantedFen)
        w.key("awards")
        w.beginArray()
        for a in awards {
            w.beginObject()
            w.key("uscc")
            w.string(a.uscc)
            w.key("name")
            w.string(a.name)
            w.key("district")
            w.string(a.district)
            w.key("program")
            w.string(a.program)
            w.key("requested_fen")
            w.integer(a.requestedFen)
            w.key("granted_fen")
            w.integer(a.grantedFen)
            w.key("notes")
            w.strings(a.notes.names)
            w.endObject()
        }
        w.endArray()
        w.key("ineligible")
        w.beginArray()
        for i in ineligible {
            w.beginObject()
            w.key("uscc")
            w.string(i.uscc)
            w.key("reasons")
            w.strings(i.reasons)
            w.endObject()
        }
        w.endArray()
        w.key("excluded")
        w.beginArray()
        for e in excluded {
            w.beginObject()
            w.key("uscc")
            w.string(e.uscc)
            w.key("program")
            w.string(e.program)
            w.key("reason")
            w.string(e.reason)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

extension PolicyStamp {
    /// `{"id", "sha256"}`, as the result JSON and the explanations write it.
    public func write(into w: inout JSONWriter) {
        w.beginObject()
        w.key("id")
        w.string(id)
        w.key("sha256")
        w.string(sha256)
        w.endObject()
    }
}
