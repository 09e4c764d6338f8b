import Glibc
import QualityCore

/// 市场监管局: the "Spring Rain" (春雨) quality-issue action, quality safety incidents and the
/// district facts that the one-vote veto reads.
extension MarketSupervision {
    /// `GET /scj/quality-issues?period=&page=&page_size=` → `{"items":[{"uscc","issues_found",
    /// "issues_rectified"}],…}`: issues_found, issues_rectified (sums). Weaker enterprises are visited
    /// more often; rectification is more complete where the district's quality work is better.
    static let qualityIssues = Endpoint(
        path: "/scj/quality-issues", shape: .items, paginated: true, numberField: "issues_found"
    ) { world, query throws(SimError) in
        let period = try query.period()
        let layout = DrawnLayout(groupSize: 10, perGroup: max(1, Int((3 * period.yearFraction).rounded())))
        return .indexed(total: layout.total(enterprises: world.enterpriseCount)) {
            var picker = GroupPicker(world: world, layout: layout, stream: .issues, key: period.hash) { e in
                1.15 - e.quality
            }
            return { r in
                let e = picker.enterprise(forRecord: r)
                var rng = SimRandom(world.seed, Stream.issues.rawValue, period.hash, UInt64(r))
                let found = rng.int(1...5)
                let p = 0.45 + 0.54 * pow(world.districtQuality(e.districtIndex, period: period), 0.7)
                var rectified = 0
                for _ in 0..<found where rng.chance(p) { rectified += 1 }
                return Record([
                    ("uscc", .string(e.uscc)),
                    ("issues_found", .int(Int64(found))),
                    ("issues_rectified", .int(Int64(rectified))),
                ])
            }
        }
    }

    /// Ordinary incidents (一般): about one per hundred enterprises a year, more among weak ones.
    static let incidentSubset = SparseSubset(blockSize: 100, candidates: 1, stream: .incidents)

    /// The enterprise with a major incident (重大) in district `d`, if any. In Ningbo that is
    /// 象山县 in every period (the demo's veto); in a synthetic world about 3% of districts a period.
    static func majorIncident(district d: Int, world: World, period: PeriodKey) -> Int? {
        let key = SimHash.hash(world.seed, Stream.majorIncident.rawValue, period.hash, UInt64(d))
        if world.isNingbo {
            guard world.districts[d].code == SimDistrict.ningboIncidentDistrict else { return nil }
        } else {
            guard SimHash.unit(SimHash.mix(key ^ 0x5EED)) < 0.03 else { return nil }
        }
        return world.enterprise(inDistrict: d, key: key)
    }

    /// `GET /scj/incidents?period=` → `{"items":[{"incident_no","uscc","level"}],"total":T}` with
    /// level 重大/一般: the enterprise fact major_incidents (重大→1, 一般→0, summed).
    static let incidents = Endpoint(
        path: "/scj/incidents", shape: .items, paginated: false, idField: "incident_no"
    ) { world, query throws(SimError) in
        let period = try query.period()
        let year = period.period.description
        return .sequence {
            let blocks = incidentSubset.blocks(enterprises: world.enterpriseCount)
            return lazyRecords(blocks + world.districts.count) { unit in
                if unit < blocks {
                    let members = incidentSubset.members(ofBlock: unit, world: world, key: period.hash) { e in
                        (1 - e.quality) * 0.8 * period.yearFraction.squareRoot()
                    }
                    return members.map { e in
                        Record([
                            ("incident_no", .string("SJ\(year)-G\(pad(e.index, 7))")), ("uscc", .string(e.uscc)),
                            ("level", .string("一般")),
                        ])
                    }
                }
                let d = unit - blocks
                guard let index = majorIncident(district: d, world: world, period: period) else { return [] }
                return [
                    Record([
                        ("incident_no", .string("SJ\(year)-Z\(pad(d, 5))")),
                        ("uscc", .string(world.enterprise(index).uscc)), ("level", .string("重大")),
                    ])
                ]
            }
        }
    }

    /// `GET /scj/districts?period=` → `[{"code","major_incidents","complaints"}]`: the district
    /// facts major_incidents (consistent with the incident list) and complaints.
    static let districts = Endpoint(
        path: "/scj/districts", shape: .array, paginated: false, usccField: nil, numberField: "complaints"
    ) { world, query throws(SimError) in
        let period = try query.period()
        return .sequence {
            lazyRecords(world.districts.count) { d in
                let major = majorIncident(district: d, world: world, period: period) == nil ? 0 : 1
                var rng = SimRandom(world.seed, Stream.complaints.rawValue, period.hash, UInt64(d))
                let rate = 0.02 + 0.06 * (1 - world.districtQuality(d, period: period))
                let complaints = Int(world.expectedMembers(ofDistrict: d) * rate * period.yearFraction) + rng.int(0...3)
                return [
                    Record([
                        ("code", .string(world.districts[d].code)), ("major_incidents", .int(Int64(major))),
                        ("complaints", .int(Int64(complaints))),
                    ])
                ]
            }
        }
    }

    static let endpoints = [awards, labs, standards, qualityIssues, incidents, districts]
}
