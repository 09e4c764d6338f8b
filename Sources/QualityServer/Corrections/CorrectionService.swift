import Foundation
import QualityConfig
import QualityCore
import QualityStore

/// Corrections with four eyes and districts' appeals as the routes and pages use them
/// (docs/SEMANTICS.md §14): checks a proposal against the config in force, asks the store, and asks
/// for a scoring run when an approval changes what the next run applies.
struct CorrectionService: Sendable {
    let runtime: Runtime
    /// Asks for a scoring run: an approved correction changes the next result.
    let scoring: CoalescingChannel<Void>

    /// A proposal from a JSON object: `{period?, entity, key, fact, value, reason, evidence?}`.
    func propose(_ body: JSONObject, period fallback: String, by who: String) async throws -> Correction {
        let period = try Self.optionalString(body, "period").map(Self.period) ?? fallback
        guard let entity = CorrectionEntity(rawValue: try Self.string(body, "entity")) else {
            throw CorrectionError.invalidField(name: "entity", message: #"expected "district" or "enterprise""#)
        }
        let key = try Self.string(body, "key").trimmingCharacters(in: .whitespaces)
        let fact = try Self.string(body, "fact")
        guard let raw = body["value"] else {
            throw CorrectionError.invalidField(name: "value", message: "missing: the corrected value")
        }
        let reason = try Self.string(body, "reason")
        let evidence = try Self.optionalString(body, "evidence") ?? ""
        let value = try await check(entity: entity, key: key, fact: fact, value: raw, period: period)
        var w = JSONWriter(style: .canonical)
        w.fact(value)
        return try await runtime.store.proposeCorrection(
            NewCorrection(
                period: period, entity: entity, key: entity == .enterprise ? key.uppercased() : key, fact: fact,
                valueJSON: String(decoding: w.bytes, as: UTF8.self), reason: reason, evidence: evidence),
            by: who, at: runtime.now())
    }

    /// The value as a fact of `fact`'s kind; refuses a fact no source provides, a value of the wrong
    /// type and a key the config or the period's snapshot does not know.
    func check(entity: CorrectionEntity, key: String, fact: String, value raw: JSONValue, period: String)
        async throws -> Value
    {
        let config = await runtime.config
        let provided = config.providedFacts(entity)
        guard let kinds = provided[fact] else {
            throw CorrectionError.unknownFact(entity: entity.rawValue, fact: fact, known: provided.keys.sorted())
        }
        let value = AssessmentResult.factValue(raw)
        let isStringArray = raw.arrayValue?.allSatisfy { $0.stringValue != nil } ?? true
        guard isStringArray, kinds.contains(where: { $0.accepts(value) }) else {
            let expected = kinds.map(\.rawValue).sorted().joined(separator: " or ")
            throw CorrectionError.wrongType(fact: fact, expected: expected, got: raw.kindName)
        }
        switch entity {
        case .district:
            guard config.district(code: key) != nil else {
                throw CorrectionError.unknownKey(entity: entity.rawValue, key: key, period: period)
            }
        case .enterprise:
            guard try await snapshotKnows(enterprise: key.uppercased(), period: period) else {
                throw CorrectionError.unknownKey(entity: entity.rawValue, key: key, period: period)
            }
        }
        return value
    }

    /// Approves or rejects, with a reason; an approval asks for a new scoring run.
    func decide(id: Int64, approve: Bool, reason: String, by who: String) async throws -> Correction {
        let decided = try await runtime.store.decideCorrection(
            id: id, approve: approve, by: who, reason: reason, at: runtime.now())
        await publishMetrics()
        if approve { scoring.send() }
        return decided
    }

    /// An appeal from `{period?, district, indicator, text}`.
    func recordAppeal(_ body: JSONObject, period fallback: String, by who: String) async throws -> Appeal {
        let period = try Self.optionalString(body, "period").map(Self.period) ?? fallback
        let district = try Self.string(body, "district")
        guard await runtime.config.district(code: district) != nil else {
            throw CorrectionError.unknownKey(entity: "district", key: district, period: period)
        }
        return try await runtime.store.recordAppeal(
            NewAppeal(
                period: period, district: district, indicator: try Self.string(body, "indicator"),
                text: try Self.string(body, "text")),
            by: who, at: runtime.now())
    }

    /// Resolves an appeal from `{reason, corrections?: [ids]}`.
    func resolveAppeal(id: Int64, accepted: Bool, _ body: JSONObject, by who: String) async throws -> Appeal {
        let reason = try Self.optionalString(body, "reason") ?? ""
        var ids: [Int64] = []
        if let list = body["corrections"] {
            guard case .array(let items) = list else {
                throw CorrectionError.invalidField(name: "corrections", message: "expected an array of correction ids")
            }
            for item in items {
                guard let n = item.numberValue, n >= 1, n < 1e15, n == n.rounded() else {
                    throw CorrectionError.invalidField(
                        name: "corrections", message: "expected correction ids (integers)")
                }
                ids.append(Int64(n))
            }
        }
        return try await runtime.store.resolveAppeal(
            id: id, accepted: accepted, reason: reason, correctionIDs: ids, by: who, at: runtime.now())
    }

    /// Refuses publishing while an appeal of `period` is open, unless the config allows it.
    static func checkNoOpenAppeals(period: String, runtime: Runtime) async throws {
        guard !(await runtime.config.subsidies.publishWithOpenAppeals) else { return }
        let open = try await runtime.store.appeals(period: period, district: nil, status: .open)
        guard open.isEmpty else { throw CorrectionError.openAppeals(period: period, ids: open.map(\.id)) }
    }

    /// Counts corrections by status for /metrics (`qualityd_corrections`).
    func publishMetrics() async {
        await runtime.publishCorrectionMetrics()
    }

    private func snapshotKnows(enterprise uscc: String, period: String) async throws -> Bool {
        if let served = await runtime.served, served.period == period,
            let found = try? await runtime.servedSnapshot()
        {
            return found.2.enterprises.row(forKey: uscc) != nil
        }
        guard let stored = try await runtime.store.latestSnapshot(period: period) else { return false }
        return try stored.snapshot().enterprises.row(forKey: uscc) != nil
    }

    // MARK: Fields

    static func period(_ text: String) throws -> String {
        guard let period = Period(text) else {
            throw CorrectionError.invalidField(
                name: "period", message: "\(text): expected a period such as 2025, 2025Q3 or 2025-07")
        }
        return period.description
    }

    static func string(_ body: JSONObject, _ name: String) throws -> String {
        guard let value = try optionalString(body, name) else {
            throw CorrectionError.invalidField(name: name, message: "missing: expected a string")
        }
        return value
    }

    static func optionalString(_ body: JSONObject, _ name: String) throws -> String? {
        switch body[name] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?:
            throw CorrectionError.invalidField(name: name, message: "expected a string, not \(other.kindName)")
        }
    }
}

extension CorrectionService {
    /// The approved corrections of `period` as scoring applies them, in id order.
    static func approved(period: String, store: any Store) async throws -> [FactCorrection] {
        try await store.corrections(period: period, status: .approved).map(factCorrection)
    }

    /// A stored correction as the core applies it; its value JSON was written by `propose`.
    static func factCorrection(_ c: Correction) -> FactCorrection {
        let value = (try? JSONParser.parse(Array(c.valueJSON.utf8))).map { AssessmentResult.factValue($0) } ?? .missing
        return FactCorrection(
            id: c.id, entity: c.entity, key: c.key, fact: c.fact, value: value, reason: c.reason,
            evidence: c.evidence, proposedBy: c.proposedBy, approvedBy: c.decidedBy ?? "",
            approvalReason: c.decisionReason ?? "")
    }
}
