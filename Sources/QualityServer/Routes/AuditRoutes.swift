import Foundation
import Hummingbird
import QualityCore
import QualityIngest
import QualityStore

/// `GET /api/v1/audit[?limit=&offset=]` (admin): the audit log, newest first.
struct AuditRoutes {
    let runtime: Runtime

    func register(admin: some RouterMethods<AppRequestContext>) {
        admin.get("api/v1/audit") { request, _ in
            let limit = try ScoresRoutes.integer(request, "limit", default: 100, range: 1...1000)
            let offset = try ScoresRoutes.integer(request, "offset", default: 0, range: 0...Int.max)
            let entries = try await runtime.store.auditLog(limit: limit, offset: offset)
            return AuditLog(entries)
        }
    }

    /// `{"entries": […]}`, newest first.
    struct AuditLog: ResponseEncodable {
        struct Entry: Encodable {
            @Nullable var id: Int64?
            var at: Date
            var who, action: String
            @Nullable var period: String?
            @Nullable var detail: String?
            @Nullable var sha256: String?
            @Nullable var rows: Int?
        }
        var entries: [Entry]

        init(_ entries: [AuditEntry]) {
            self.entries = entries.map {
                Entry(
                    id: $0.id, at: $0.at, who: $0.who, action: $0.action.rawValue, period: $0.period, detail: $0.detail,
                    sha256: $0.sha256, rows: $0.rows)
            }
        }
    }
}
