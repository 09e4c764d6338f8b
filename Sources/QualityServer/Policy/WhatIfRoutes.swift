import Hummingbird
import QualityConfig
import QualityCore
import QualityExport

/// What-if (admin): `POST /api/v1/whatif[?period=]` takes a proposal YAML as the body and answers
/// the comparison as JSON; `GET /whatif` is the form and `POST /whatif` shows the comparison (or
/// each error with its line and column). Nothing is stored. The POSTs are actions: the CSRF rule
/// of `SameOrigin` and, without tokens, loopback only (`RequireRole`).
struct WhatIfRoutes {
    let service: WhatIfService
    let runtime: Runtime

    func register(admin: some RouterMethods<AppRequestContext>, adminActions: some RouterMethods<AppRequestContext>) {
        adminActions.post("api/v1/whatif") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: WhatIfService.maxBytes)
            let outcome = try await service.compare(
                proposal: Array(buffer: body), period: request.uri.queryParameters.get("period"))
            return Response.json(Array(try outcome.comparison.jsonBytes().dropLast()))
        }
        admin.get("whatif") { request, context in
            let page = WhatIfPage(context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
        adminActions.post("whatif") { request, context in
            try await submit(request, context)
        }
    }

    private func submit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let pageContext = await PageSupport.context(request, context, runtime: runtime)
        // Room for the form's own fields around a proposal of the largest size taken.
        let body = try await request.collectBody(upTo: WhatIfService.maxBytes + 16 * 1024)
        let fields = FormBody.fields(Array(buffer: body), contentType: request.headers[.contentType])
        let file = fields["proposal_file"] ?? []
        let proposal = file.isEmpty ? fields["proposal"] ?? [] : file
        let text = String(decoding: proposal, as: UTF8.self)
        let period = fields["period"].map { String(decoding: $0, as: UTF8.self) }.flatMap { $0.isEmpty ? nil : $0 }
        var page = WhatIfPage(context: pageContext, proposal: text, period: period)
        guard !proposal.isEmpty, proposal.count <= WhatIfService.maxBytes else {
            page.message = pageContext.t(
                "请粘贴或选择一个方案文件（不超过 512 KiB）。", "Paste or choose a proposal file (at most 512 KiB).")
            return Response.html(page.render(), status: .badRequest)
        }
        do {
            let outcome = try await service.compare(proposal: proposal, period: period)
            page.outcome = outcome
            return Response.html(page.render())
        } catch let refusal as WhatIf.Refusal {
            switch refusal {
            case .invalid(let errors): page.issues = errors.issues
            case .noPolicy: page.message = refusal.description
            }
            return Response.html(page.render(), status: refusal.status)
        } catch let error as APIError where error.code == .badRequest || error.code == .notFound {
            page.message = error.message
            return Response.html(page.render(), status: error.status)
        }
    }
}
