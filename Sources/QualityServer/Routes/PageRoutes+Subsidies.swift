import Hummingbird
import QualityConfig
import QualityCore

/// The finance pages: `/subsidies` (overview and list state), `/subsidies/{period}/list` (the award
/// list, `page` and `page_size`), `/subsidies/{period}/notice` (the A4 public notice) and
/// `/enterprises/{uscc}` (why an enterprise got what it got, or nothing).
struct FinancePageRoutes {
    let runtime: Runtime
    let lists: ListService
    let explainer: Explainer
    /// Awards per page of the list unless `page_size` says otherwise.
    static let defaultPageSize = 200

    func register(finance: some RouterMethods<AppRequestContext>) {
        finance.get("subsidies") { request, context in
            let view = try await lists.view(period: try await lists.period(request.uri.queryParameters.get("period")))
            let page = SubsidiesPage(
                config: try await runtime.loaded.model(for: view.result.period).config, result: view.result,
                list: view.state,
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
        finance.get("subsidies/:period/list") { request, context in
            let view = try await lists.view(period: try await lists.period(context.parameters.get("period")))
            let query = request.uri.queryParameters
            let page = AwardListPage(
                config: try await runtime.loaded.model(for: view.result.period).config, result: view.result,
                list: view.state,
                page: try Self.integer(query.get("page"), "page", default: 1),
                pageSize: try Self.integer(query.get("page_size"), "page_size", default: Self.defaultPageSize),
                names: await ineligibleNames(view.result),
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
        finance.get("subsidies/:period/notice") { request, context in
            let view = try await lists.view(period: try await lists.period(context.parameters.get("period")))
            let page = NoticePage(
                config: try await runtime.loaded.model(for: view.result.period).config, result: view.result,
                list: view.state, notice: Self.notice,
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
        finance.get("enterprises/:uscc") { request, context in
            let found = try await explainer.enterprise(
                context.parameters.get("uscc") ?? "", period: try await optionalPeriod(request))
            var page = EnterprisePage(
                config: found.config, explanation: found.explanation,
                awards: found.result.subsidies.awards.filter { $0.uscc == found.explanation.uscc },
                provenance: Provenance(found.result),
                context: await PageSupport.context(request, context, runtime: runtime))
            page.corrections = found.result.corrections(enterprise: found.explanation.uscc)
            return Response.html(page.render())
        }
    }

    /// The issuer of the public notice. The config has no key for it yet; finance fills it in print.
    static let notice = NoticeInfo(
        issuer: LocalizedText(zh: "质量强区工作领导小组办公室", en: "Quality-Strong District Office"))

    private func optionalPeriod(_ request: Request) async throws -> String? {
        guard let text = request.uri.queryParameters.get("period") else { return nil }
        return try await lists.period(text)
    }

    /// Names of the ineligible enterprises (they have no award row), from the snapshot behind the
    /// served result when the list shown is that result.
    private func ineligibleNames(_ result: AssessmentResult) async -> [String: String] {
        guard let served = await runtime.served, let snapshot = served.snapshot,
            served.result?.snapshotSHA256 == result.snapshotSHA256,
            let column = snapshot.enterprises.column(named: "name")
        else { return [:] }
        var names: [String: String] = [:]
        for entry in result.subsidies.ineligible {
            guard let row = snapshot.enterprises.row(forKey: entry.uscc),
                case .string(let name) = snapshot.enterprises.value(row: row, column: column)
            else { continue }
            names[entry.uscc] = name
        }
        return names
    }

    static func integer(_ text: String?, _ name: String, default value: Int) throws -> Int {
        guard let text else { return value }
        guard let n = Int(text), (1...1_000_000).contains(n) else {
            throw APIError(.badRequest, "\(name) \(text): expected an integer from 1 to 1000000")
        }
        return n
    }
}
