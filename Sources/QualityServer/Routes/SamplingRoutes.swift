import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import QualityCore
import QualityExport
import QualityStore

/// The sampling plan (docs/SAMPLING.md): `POST /api/v1/sampling/{period}/draw` and `/revoke`
/// (admin actions), `GET /api/v1/sampling/{period}` (viewer), the pages `/sampling` and
/// `/sampling/{period}/notice` (viewer), and `/export/sampling.{csv,xlsx}` (finance, audited).
///
/// The notice is a viewer page: 双随机、一公开 makes the draw public, so everyone who may read the
/// dashboards may read and print it; it carries no money and no personal data beyond the
/// inspectors' names, which a public notice shows anyway.
struct SamplingRoutes {
    let runtime: Runtime
    let lists: ListService
    var sampling: SamplingService { SamplingService(runtime: runtime) }

    func register(
        viewer: some RouterMethods<AppRequestContext>, finance: some RouterMethods<AppRequestContext>,
        adminActions: some RouterMethods<AppRequestContext>
    ) {
        adminActions.post("api/v1/sampling/:period/draw") { request, context in
            let period = try await lists.period(context.parameters.get("period"))
            let seed = try await Self.field(request, "seed")
            let frozen = try await sampling.draw(period: period, seed: seed, by: context.who)
            return try Response.json(encoding: frozen.record, status: .created)
        }
        adminActions.post("api/v1/sampling/:period/revoke") { request, context in
            let period = try await lists.period(context.parameters.get("period"))
            let reason = try await Self.field(request, "reason")
            let revoked = try await sampling.revoke(period: period, by: context.who, reason: reason)
            return try Response.json(encoding: revoked, status: .ok)
        }
        viewer.get("api/v1/sampling/:period") { _, context in
            let period = try await lists.period(context.parameters.get("period"))
            return Response.json(try await sampling.frozen(period: period).json)
        }
        viewer.get("sampling") { request, context in
            let period = try await lists.period(request.uri.queryParameters.get("period"))
            let frozen = try? await sampling.frozen(period: period)
            let page = SamplingPage(
                config: await runtime.config, period: period, frozen: frozen.map { ($0.record, $0.document) },
                inForce: try await sampling.inForce(),
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
        viewer.get("sampling/:period/notice") { request, context in
            let period = try await lists.period(context.parameters.get("period"))
            // A revoked plan stays on notice, marked revoked with its reason: revocations are public too.
            let frozen = try await sampling.frozen(period: period, orRevoked: true)
            let page = SamplingNoticePage(
                config: await runtime.config, record: frozen.record, plan: frozen.document,
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
        ExportRoutes.register(
            finance, formats: [.csv, .xlsx], names: ("sampling", "抽查计划"), runtime: runtime, lists: lists
        ) { format, period, language in
            // The frozen plan, counted and audited before it is sent like the subsidy list.
            let frozen = try await sampling.frozen(period: period)
            let export = SamplingPlanExport(plan: frozen.document, config: await runtime.config, language: language)
            // A workbook that cannot be written answers as the ExportError it is (logged, 500).
            let file = try format == .csv ? export.csv() : export.xlsx()
            return (file, "sampling plan \(format.rawValue) \(language.rawValue), plan #\(frozen.record.id)")
        }
    }

    /// A string field of the JSON object body.
    static func field(_ request: Request, _ name: String) async throws -> String {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard case .object(let object)? = try? JSONParser.parse(Array(buffer: body)),
            case .string(let value)? = object.pairs.first(where: { $0.0 == name })?.1
        else {
            throw SamplingError.invalidBody(#"expected a JSON body {"\#(name)": "…"}"#)
        }
        return value
    }
}
