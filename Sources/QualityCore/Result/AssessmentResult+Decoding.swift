/// Reading a stored result back (the daemon serves its last result at once after a restart).
extension AssessmentResult {
    public static func parse(json bytes: [UInt8]) throws -> AssessmentResult {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw SnapshotError(
                path: "", message: "invalid result JSON at \(error.line):\(error.column): \(error.message)")
        }
        return try AssessmentResult(json: root)
    }

    public init(json root: JSONValue) throws {
        let o = try Field.object(root, "")
        self.init(period: try Field.string(o["period"], "period"))
        configSHA256 = o["config_sha256"]?.stringValue
        if case .object(let p)? = o["policy"], let id = p["id"]?.stringValue, let sha = p["sha256"]?.stringValue {
            policy = PolicyStamp(id: id, sha256: sha)
        }
        snapshotSHA256 = o["snapshot_sha256"]?.stringValue
        districts = try Field.array(o["districts"], "districts").enumerated().map {
            try DistrictResult(json: $1, path: "districts[\($0)]")
        }
        subsidies = try SubsidyResult(json: o["subsidies"] ?? .object(JSONObject()))
        rejected = try Field.array(o["rejected"], "rejected").map { item in
            let r = try Field.object(item, "rejected")
            return Rejection(
                uscc: try Field.string(r["uscc"], "rejected.uscc"),
                reason: try Field.string(r["reason"], "rejected.reason"))
        }
        if let list = o["sources"]?.arrayValue {
            sources = try list.map { item in
                let s = try Field.object(item, "sources")
                return SourceStatus(
                    id: try Field.string(s["id"], "sources.id"), lastSuccess: s["last_success"]?.stringValue,
                    stale: s["stale"] == .bool(true)
                )
            }
        }
        corrections = try Self.readCorrections(o["corrections"])
    }
}

extension DistrictResult {
    init(json: JSONValue, path: String) throws {
        let o = try Field.object(json, path)
        let code = try Field.string(o["code"], "\(path).code")
        let name = try Field.string(o["name"], "\(path).name")
        self.init(code: code, name: name, nameEn: o["name_en"]?.stringValue ?? name)
        if let indicators = o["indicators"]?.objectValue {
            self.indicators = indicators.pairs.map { id, v in
                IndicatorResult(
                    id: id, value: v.value(atPath: "value")?.numberValue, score: v.value(atPath: "score")?.numberValue,
                    points: v.value(atPath: "points")?.numberValue, missing: v.value(atPath: "missing") == .bool(true)
                )
            }
        }
        dimensions = Field.numbers(o["dimensions"])
        incomplete = o["incomplete"] == .bool(true)
        base = o["base"]?.numberValue ?? 0
        bonus = o["bonus"]?.numberValue ?? 0
        penalty = o["penalty"]?.numberValue ?? 0
        total = o["total"]?.numberValue
        vetoedBy = o["vetoed_by"]?.arrayValue?.compactMap(\.stringValue) ?? []
        grade = o["grade"]?.stringValue
        rank = o["rank"]?.numberValue.map { Int($0) }
        enterprises = o["enterprises"]?.numberValue.map { Int($0) } ?? 0
        bonusItems = Field.numbers(o["bonus_items"])
        penaltyItems = Field.numbers(o["penalty_items"])
    }
}

extension SubsidyResult {
    init(json: JSONValue) throws {
        let o = try Field.object(json, "subsidies")
        self.init(
            budgetFen: o["budget_fen"]?.numberValue.map { Int64($0) },
            requestedFen: Int64(o["requested_fen"]?.numberValue ?? 0),
            grantedFen: Int64(o["granted_fen"]?.numberValue ?? 0)
        )
        awards = try Field.array(o["awards"], "subsidies.awards").map { item in
            let a = try Field.object(item, "subsidies.awards")
            return Award(
                uscc: try Field.string(a["uscc"], "awards.uscc"), name: a["name"]?.stringValue ?? "",
                district: a["district"]?.stringValue ?? "", program: try Field.string(a["program"], "awards.program"),
                requestedFen: Int64(a["requested_fen"]?.numberValue ?? 0),
                grantedFen: Int64(a["granted_fen"]?.numberValue ?? 0),
                notes: AwardNotes(names: a["notes"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            )
        }
        ineligible = try Field.array(o["ineligible"], "subsidies.ineligible").map { item in
            let i = try Field.object(item, "subsidies.ineligible")
            return Ineligibility(
                uscc: try Field.string(i["uscc"], "ineligible.uscc"),
                reasons: i["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? []
            )
        }
        excluded = try Field.array(o["excluded"], "subsidies.excluded").map { item in
            let e = try Field.object(item, "subsidies.excluded")
            return Exclusion(
                uscc: try Field.string(e["uscc"], "excluded.uscc"),
                program: try Field.string(e["program"], "excluded.program"),
                reason: try Field.string(e["reason"], "excluded.reason")
            )
        }
    }
}

private enum Field {
    static func object(_ v: JSONValue?, _ path: String) throws -> JSONObject {
        guard case .object(let o)? = v else { throw SnapshotError(path: path, message: "expected an object") }
        return o
    }

    static func array(_ v: JSONValue?, _ path: String) throws -> [JSONValue] {
        guard let v, v != .null else { return [] }
        guard case .array(let a) = v else { throw SnapshotError(path: path, message: "expected an array") }
        return a
    }

    static func string(_ v: JSONValue?, _ path: String) throws -> String {
        guard case .string(let s)? = v else { throw SnapshotError(path: path, message: "expected a string") }
        return s
    }

    static func numbers(_ v: JSONValue?) -> [NamedNumber] {
        guard case .object(let o)? = v else { return [] }
        return o.pairs.compactMap { k, v in v.numberValue.map { NamedNumber(k, $0) } }
    }
}
