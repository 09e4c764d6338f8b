import Hummingbird
import QualityCore
import QualityStore

/// `GET /corrections[?period=]` (finance): the period's corrections by status, with their forms.
struct CorrectionPageRoutes {
    let runtime: Runtime
    let lists: ListService

    func register(finance: some RouterMethods<AppRequestContext>) {
        finance.get("corrections") { request, context in
            let period = try await lists.period(request.uri.queryParameters.get("period"))
            let page = CorrectionsPage(
                config: await runtime.config, period: period,
                corrections: try await runtime.store.corrections(period: period, status: nil),
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
    }
}
