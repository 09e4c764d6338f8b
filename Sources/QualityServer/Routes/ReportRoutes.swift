import Foundation
import Hummingbird
import QualityCore

/// `GET /reports/{report}/{group}[?period=]` (an A4 page, zh and en) and
/// `GET /api/v1/reports/{report}/{group}[?period=]` (its figures as JSON), both viewer: the
/// configured analysis reports, e.g. `/reports/industry/textile`.
struct ReportRoutes {
    let runtime: Runtime
    let lists: ListService
    var reports: ReportService { ReportService(runtime: runtime) }

    func register(viewer: some RouterMethods<AppRequestContext>) {
        viewer.get("reports/:report/:group") { request, context in
            let analysis = try await analysis(request, context)
            let page = ReportPage(
                config: await runtime.config, analysis: analysis,
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
        viewer.get("api/v1/reports/:report/:group") { request, context in
            let document = ReportDocument(try await analysis(request, context))
            return Response.json(try APIJSON.bytes(document))
        }
    }

    private func analysis(_ request: Request, _ context: AppRequestContext) async throws -> ReportAnalysis {
        let period = try await lists.period(request.uri.queryParameters.get("period"))
        return try await reports.analysis(
            report: context.parameters.get("report") ?? "", group: context.parameters.get("group") ?? "",
            period: period)
    }
}
