import Hummingbird
import NIOCore
import QualityCore
import QualityStore

/// Corrections and appeals (docs/SEMANTICS.md §14):
/// `GET /api/v1/corrections[?period=&status=]` and `GET /api/v1/appeals[?period=&district=&status=]`
/// (finance); `POST /api/v1/corrections` and `POST /api/v1/appeals` (finance actions);
/// `POST /api/v1/corrections/{id}/approve|reject` and `POST /api/v1/appeals/{id}/accept|reject`
/// (admin actions; the store refuses the proposer's own decision).
struct CorrectionRoutes {
    let service: CorrectionService
    let lists: ListService

    func register(
        finance: some RouterMethods<AppRequestContext>, financeActions: some RouterMethods<AppRequestContext>,
        adminActions: some RouterMethods<AppRequestContext>
    ) {
        finance.get("api/v1/corrections") { request, _ in
            let query = request.uri.queryParameters
            let period = try query.get("period").map(CorrectionService.period)
            let status = try query.get("status").map { text in
                guard let s = Correction.Status(rawValue: text) else {
                    throw CorrectionError.invalidField(
                        name: "status", message: "expected proposed, approved or rejected")
                }
                return s
            }
            let list = try await service.runtime.store.corrections(period: period, status: status)
            return try Response.json(encoding: CorrectionList(corrections: list.map(CorrectionJSON.init)), status: .ok)
        }
        financeActions.post("api/v1/corrections") { request, context in
            let body = try await Self.object(request)
            let fallback = try await lists.period(nil)
            let correction = try await service.propose(body, period: fallback, by: context.who)
            await service.publishMetrics()
            return try Response.json(encoding: CorrectionJSON(correction), status: .created)
        }
        for (verb, approve) in [("approve", true), ("reject", false)] {
            adminActions.post("api/v1/corrections/:id/\(verb)") { request, context in
                let id = try Self.id(context)
                let reason = try CorrectionService.string(try await Self.object(request), "reason")
                let decided = try await service.decide(id: id, approve: approve, reason: reason, by: context.who)
                return try Response.json(encoding: CorrectionJSON(decided), status: .ok)
            }
        }
        finance.get("api/v1/appeals") { request, _ in
            let query = request.uri.queryParameters
            let period = try query.get("period").map(CorrectionService.period)
            let status = try query.get("status").map { text in
                guard let s = Appeal.Status(rawValue: text) else {
                    throw CorrectionError.invalidField(name: "status", message: "expected open, accepted or rejected")
                }
                return s
            }
            let list = try await service.runtime.store.appeals(
                period: period, district: query.get("district"), status: status)
            return try Response.json(encoding: AppealList(appeals: list.map(AppealJSON.init)), status: .ok)
        }
        financeActions.post("api/v1/appeals") { request, context in
            let appeal = try await service.recordAppeal(
                try await Self.object(request), period: try await lists.period(nil), by: context.who)
            return try Response.json(encoding: AppealJSON(appeal), status: .created)
        }
        for (verb, accepted) in [("accept", true), ("reject", false)] {
            adminActions.post("api/v1/appeals/:id/\(verb)") { request, context in
                let resolved = try await service.resolveAppeal(
                    id: try Self.id(context), accepted: accepted, try await Self.object(request), by: context.who)
                return try Response.json(encoding: AppealJSON(resolved), status: .ok)
            }
        }
    }

    /// The `{id}` path parameter: a positive integer.
    static func id(_ context: AppRequestContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id >= 1 else {
            throw CorrectionError.invalidField(name: "id", message: "\(text): expected a positive integer")
        }
        return id
    }

    /// The body as a JSON object (at most 64 KiB).
    static func object(_ request: Request) async throws -> JSONObject {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard case .object(let object)? = try? JSONParser.parse(Array(buffer: body)) else {
            throw CorrectionError.invalidField(name: "body", message: "expected a JSON object")
        }
        return object
    }
}
