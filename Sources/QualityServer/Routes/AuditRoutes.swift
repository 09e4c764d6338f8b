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
            return Response.json(Self.json(entries))
        }
    }

    static func json(_ entries: [AuditEntry]) -> [UInt8] {
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("entries")
        w.beginArray()
        for entry in entries {
            w.beginObject()
            w.key("id")
            w.integer(entry.id)
            w.key("at")
            w.string(entry.at.iso8601UTC)
            w.key("who")
            w.string(entry.who)
            w.key("action")
            w.string(entry.action.rawValue)
            w.key("period")
            w.string(entry.period)
            w.key("detail")
            w.string(entry.detail)
            w.key("sha256")
            w.string(entry.sha256)
            w.key("rows")
            w.integer(entry.rows)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }
}
