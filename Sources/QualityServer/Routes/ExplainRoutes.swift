import Hummingbird
import QualityConfig
import QualityCore

/// `GET /api/v1/districts/{code}/explain[?period=]` (viewer) and
/// `GET /api/v1/enterprises/{uscc}/explain[?period=]` (finance).
struct ExplainRoutes {
    let runtime: Runtime
    let lists: ListService
    let explainer: Explainer

    func register(viewer: some RouterMethods<AppRequestContext>, finance: some RouterMethods<AppRequestContext>) {
        viewer.get("api/v1/districts/:code/explain") { request, context in
            let code = context.parameters.get("code") ?? ""
            let period = try await lists.period(request.uri.queryParameters.get("period"))
            let (result, _) = try await lists.current(period: period)
            guard let district = result.district(code: code) else {
                throw APIError(.notFound, "no district \(code) in the result of \(period)")
            }
            let loaded = await runtime.loaded
            let model = try loaded.model(for: result.period)
            return DistrictExplanationJSON(
                config: model.config, configSHA256: loaded.sha256, result: model.explained(result),
                district: district, sensitivity: await runtime.sensitivity(for: result))
        }
        finance.get("api/v1/enterprises/:uscc/explain") { request, context in
            let text = request.uri.queryParameters.get("period")
            let period: String? = text == nil ? nil : try await lists.period(text)
            let found = try await explainer.enterprise(context.parameters.get("uscc") ?? "", period: period)
            return EnterpriseExplanationJSON(found)
        }
    }
}
