import Hummingbird
import Logging
import QualityConfig
import QualityCore
import QualityStore

/// The officials' pages (viewer): `GET /` (ranking), `/districts/{code}` (why this score), `/sources`.
struct PageRoutes {
    let runtime: Runtime
    let cache: ResultCache
    /// Periods in a district's trend, the current one included.
    static let trendPeriods = 12

    func register(viewer: some RouterMethods<AppRequestContext>) {
        viewer.get("/") { request, context in
            let result = try await runtime.servedResult()
            let page = RankingPage(
                config: try await runtime.loaded.model(for: result.period).config, result: result,
                previous: await previous(of: result),
                sources: await runtime.sourceViews(),
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
        viewer.get("districts/:code") { request, context in
            let code = context.parameters.get("code") ?? ""
            let served = try await runtime.servedResult()
            let model = try await runtime.loaded.model(for: served.period)
            let result = model.explained(served)
            let previous = await previous(of: result)
            guard
                var page = DistrictPage(
                    config: model.config, result: result, code: code, trend: await trend(code, result),
                    previous: previous, context: await PageSupport.context(request, context, runtime: runtime))
            else { throw APIError(.notFound, "no district \(code) in the result of \(result.period)") }
            page.appeals = try await runtime.store.appeals(period: result.period, district: code, status: nil)
            page.sensitivity = await runtime.sensitivity(for: result)
            return Response.html(page.render())
        }
        viewer.get("sources") { request, context in
            let page = SourcesPage(
                sources: await runtime.sourceViews(),
                provenance: await runtime.served?.result.map(Provenance.init),
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
    }

    /// The previous period's latest result, for Δ; nil when none is stored or the store fails (logged).
    private func previous(of result: AssessmentResult) async -> AssessmentResult? {
        guard let period = Period(result.period) else { return nil }
        do {
            return try await cache.districts(period: period.previous.description)
        } catch {
            runtime.logger.warning("the previous period's result is not shown: \(error)")
            return nil
        }
    }

    /// The district over the stored periods, oldest first, ending with the served result.
    private func trend(_ code: String, _ result: AssessmentResult) async -> [TrendPoint] {
        var results: [AssessmentResult] = []
        if let period = Period(result.period) {
            do {
                results = try await cache.history(upTo: period.previous, limit: Self.trendPeriods - 1)
            } catch {
                runtime.logger.warning("the trend of \(code) shows the current period only: \(error)")
            }
        }
        return (results + [result]).map { TrendPoint(period: $0.period, district: $0.district(code: code)) }
    }
}
