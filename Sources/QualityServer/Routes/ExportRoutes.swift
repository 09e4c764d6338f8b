import HTTPTypes
import Hummingbird
import NIOCore
import QualityCore
import QualityExport
import QualityStore

/// `GET /export/subsidies.{csv,xlsx,json}[?period=&lang=]` (finance): the subsidy list as a file.
///
/// A published or confirmed period exports its frozen list with the names frozen with it, byte for
/// byte the same whatever the config does later; a draft exports the current result. Every export
/// is counted (`qualityd_exports_total{format}`) and audited (who, period, rows, SHA-256 of the
/// file) before it is sent: an export that cannot be audited is refused.
struct ExportRoutes {
    let runtime: Runtime
    let lists: ListService

    func register(finance: some RouterMethods<AppRequestContext>) {
        Self.register(
            finance, formats: ExportFormat.allCases, names: ("subsidies", "奖励名单"), runtime: runtime, lists: lists
        ) { format, period, language in
            let view = try await lists.view(period: period)
            let file = try SubsidyExport(names: view.names, result: view.result, language: language).render(format)
            let what =
                view.frozen
                ? "\(view.state.status.rawValue) list #\(view.list?.id ?? 0)"
                : "draft: the current result (run #\(view.run?.id ?? 0))"
            return (file, "\(format.rawValue) \(language.rawValue), \(what)")
        }
    }

    /// Registers `GET /export/NAME.EXT[?period=&lang=]` for each format (NAME is `names.ascii`): the
    /// period and language of the query, the file `make` writes with its audit detail, then the
    /// file counted, audited and sent (`attachment`).
    static func register(
        _ router: some RouterMethods<AppRequestContext>, formats: [ExportFormat],
        names: (ascii: String, chinese: String), runtime: Runtime, lists: ListService,
        make: @escaping @Sendable (ExportFormat, _ period: String, Language) async throws -> (ExportFile, String)
    ) {
        for format in formats {
            router.get("export/\(names.ascii).\(format.fileExtension)") { request, context in
                let query = request.uri.queryParameters
                let period = try await lists.period(query.get("period"))
                let language = try language(query.get("lang"))
                let (file, detail) = try await make(format, period, language)
                return try await attachment(
                    file, period: period, detail: detail, names: names, runtime: runtime, who: context.who)
            }
        }
    }

    /// `?lang=`: zh (the default) or en.
    static func language(_ value: String?) throws -> Language {
        switch value {
        case nil, "zh": return .zh
        case "en": return .en
        case let other?: throw APIError(.badRequest, "lang \(other): expected zh or en")
        }
    }

    /// Counts and audits an export, then answers it as an attachment named `NAME-PERIOD.EXT` (with
    /// the Chinese name as RFC 5987 `filename*` in zh): an export that cannot be audited is refused.
    static func attachment(
        _ file: ExportFile, period: String, detail: String,
        names: (ascii: String, chinese: String), runtime: Runtime, who: String
    ) async throws -> Response {
        let entry = AuditEntry(
            at: runtime.now(), who: who, action: .export, period: period, detail: detail, sha256: file.sha256,
            rows: file.rows)
        _ = try await runtime.store.appendAudit(entry)
        runtime.metrics.operational.recordExport(format: file.format.rawValue)
        runtime.metrics.publish()
        let ext = file.format.fileExtension
        return Response(
            status: .ok,
            headers: [
                .contentType: file.format.contentType,
                .contentDisposition: disposition(
                    ascii: "\(names.ascii)-\(period).\(ext)", chinese: "\(names.chinese)-\(period).\(ext)",
                    language: file.language),
                .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
                HTTPField.Name("X-Content-SHA256")!: file.sha256,
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }

    /// `attachment; filename="subsidies-2025.xlsx"`, plus the Chinese name as RFC 5987 `filename*` in zh.
    static func disposition(ascii: String, chinese: String, language: Language) -> String {
        guard language == .zh else { return "attachment; filename=\"\(ascii)\"" }
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''" + PageFormat.urlEncode(chinese)
    }
}
