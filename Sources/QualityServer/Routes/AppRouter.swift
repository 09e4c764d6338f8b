import Hummingbird
import QualityCore

/// Every route of qualityd and who may use it (docs/SEMANTICS.md §11): the one table to read.
///
/// | group | routes |
/// |---|---|
/// | anyone | `/metrics`, `/healthz`, `/readyz`, `GET/POST /login`, `POST /logout`, `/static/app.css` |
/// | viewer | `/`, `/districts/{code}`, `/sources`, `/api/v1/scores`, `/api/v1/runs`, `/api/v1/sources`, `/api/v1/districts/{code}/explain`, `/sampling`, `/sampling/{period}/notice`, `/api/v1/sampling/{period}`, `/reports/{report}/{group}`, `/api/v1/reports/{report}/{group}` |
/// | finance | `/corrections`, `/api/v1/corrections`, `/api/v1/appeals`, `/subsidies`, `/subsidies/{period}/list`, `/subsidies/{period}/notice`, `/enterprises/{uscc}`, `/api/v1/subsidies`, `/api/v1/enterprises/{uscc}/explain`, `/export/subsidies.{csv,xlsx,json}`, `/export/sampling.{csv,xlsx}` |
/// | finance action | `POST /api/v1/subsidies/{period}/publish`, `POST /api/v1/subsidies/{period}/confirm`, `POST /api/v1/corrections`, `POST /api/v1/appeals`; the forms `POST /subsidies/{period}/publish`, `POST /subsidies/{period}/confirm`, `POST /corrections`, `POST /districts/{code}/appeals` |
/// | admin | `/api/v1/audit`, `/whatif` |
/// | admin action | `POST /api/v1/subsidies/{period}/revoke`, `POST /-/reload`, `POST /api/v1/sampling/{period}/draw`, `POST /api/v1/sampling/{period}/revoke`, `POST /api/v1/whatif`, `POST /whatif`, `POST /api/v1/corrections/{id}/approve\|reject`, `POST /api/v1/appeals/{id}/accept\|reject`; the forms `POST /subsidies/{period}/revoke`, `POST /corrections/{id}/approve\|reject`, `POST /appeals/{id}/accept\|reject` |
///
/// Roles include the ones below them. While `auth.tokens` is empty every group is open, except the
/// actions, which then take loopback connections only.
enum AppRouter {
    struct Parts {
        var runtime: Runtime
        var reloader: Reloader
        var metrics: MetricsCache
        var authenticator: Authenticator
        var lists: ListService
        var cache: ResultCache
    }

    static func build(_ p: Parts) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        // Outermost first: metrics see every answer, the API headers go on errors too, and a
        // request for a foreign Host is refused before anyone looks at its credentials.
        router.add(middleware: RequestMetricsMiddleware(metrics: p.metrics.operational))
        router.add(middleware: APIHeadersMiddleware())
        router.add(middleware: HostGuard(runtime: p.runtime, guards: p.authenticator.guards))
        router.add(middleware: IdentifyMiddleware(authenticator: p.authenticator))
        router.add(middleware: ErrorMiddleware(runtime: p.runtime))

        let anyone = router.group()
        let guards = p.authenticator.guards
        let viewer = router.group().add(middleware: RequireRole(role: .viewer, guards: guards))
        let finance = router.group().add(middleware: RequireRole(role: .finance, guards: guards))
        let financeActions = router.group().add(
            middleware: RequireRole(role: .finance, guards: guards, loopbackWhenOpen: true))
        let admin = router.group().add(middleware: RequireRole(role: .admin, guards: guards))
        let adminActions = router.group().add(
            middleware: RequireRole(role: .admin, guards: guards, loopbackWhenOpen: true))

        let explainer = Explainer(runtime: p.runtime)
        HealthRoutes(runtime: p.runtime).register(on: anyone)
        MetricsRoutes(metrics: p.metrics).register(on: anyone)
        LoginRoutes(runtime: p.runtime, authenticator: p.authenticator).register(on: anyone)

        PageRoutes(runtime: p.runtime, cache: p.cache).register(viewer: viewer)
        ScoresRoutes(runtime: p.runtime).register(on: viewer)
        SourcesRoutes(runtime: p.runtime).register(on: viewer)
        ExplainRoutes(runtime: p.runtime, lists: p.lists, explainer: explainer).register(
            viewer: viewer, finance: finance)

        FinancePageRoutes(runtime: p.runtime, lists: p.lists, explainer: explainer).register(finance: finance)
        SubsidyRoutes(runtime: p.runtime, lists: p.lists).register(
            finance: finance, financeActions: financeActions, adminActions: adminActions)
        ExportRoutes(runtime: p.runtime, lists: p.lists).register(finance: finance)
        SamplingRoutes(runtime: p.runtime, lists: p.lists).register(
            viewer: viewer, finance: finance, adminActions: adminActions)
        ReportRoutes(runtime: p.runtime, lists: p.lists).register(viewer: viewer)

        let corrections = CorrectionService(runtime: p.runtime, scoring: p.lists.scoring)
        CorrectionRoutes(service: corrections, lists: p.lists).register(
            finance: finance, financeActions: financeActions, adminActions: adminActions)
        CorrectionPageRoutes(runtime: p.runtime, lists: p.lists).register(finance: finance)
        ActionRoutes(runtime: p.runtime, lists: p.lists, service: corrections).register(
            financeActions: financeActions, adminActions: adminActions)

        AuditRoutes(runtime: p.runtime).register(admin: admin)
        ReloadRoutes(reloader: p.reloader).register(on: adminActions)
        let whatIf = WhatIfService(runtime: p.runtime, lists: p.lists, environment: p.reloader.environment)
        WhatIfRoutes(service: whatIf, runtime: p.runtime).register(admin: admin, adminActions: adminActions)
        return router
    }
}
