import Foundation
import Hummingbird
import NIOCore
import QualityCore
import QualityIngest
import QualityStore

/// `GET /api/v1/scores[?period=]` (a result JSON exactly as stored) and `GET /api/v1/runs`.
struct ScoresRoutes {
    let runtime: Runtime

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("api/v1/scores") { request, _ in
            try await scores(period: try Self.period(request))
        }
        router.get("api/v1/runs") { request, _ in
            let limit = try Self.integer(request, "limit", default: 50, range: 1...1000)
            let offset = try Self.integer(request, "offset", default: 0, range: 0...Int.max)
            let runs = try await runtime.store.runs(period: try Self.period(request), limit: limit, offset: offset)
            return Response.json(Self.json(runs))
        }
    }

    private func scores(period: String?) async throws -> Response {
        let served = await runtime.served
        if let served, period == nil || period == served.period {
            return Response.json(served.json)
        }
        guard let period else { throw ServingError.noResultYet }
        let stored = try await runtime.store.latestSuccessfulRun(period: period)
        guard let stored else { throw APIError(.notFound, "no result for period \(period)") }
        return Response.json(ByteBuffer(bytes: stored.json))
    }

    /// The `period` query parameter, checked.
    static func period(_ request: Request) throws -> String? {
        guard let text = request.uri.queryParameters.get("period") else { return nil }
        guard let period = Period(text) else {
            throw APIError(.badRequest, "period \(text): expected a period such as 2025, 2025Q3 or 2025-07")
        }
        return period.description
    }

    static func integer(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw APIError(
                .badRequest, "\(name) \(text): expected an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    static func json(_ runs: [ScoringRun]) -> [UInt8] {
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("runs")
        w.beginArray()
        for run in runs {
            w.beginObject()
            w.key("id")
            w.integer(run.id)
            w.key("period")
            w.string(run.period)
            w.key("status")
            w.string(run.status.rawValue)
            w.key("started_at")
            w.string(run.startedAt.iso8601UTC)
            w.key("finished_at")
            w.string(run.finishedAt.iso8601UTC)
            w.key("duration_seconds")
            w.number(run.durationSeconds)
            w.key("config_sha256")
            w.string(run.configSHA256)
            w.key("snapshot_sha256")
            w.string(run.snapshotSHA256)
            w.key("result_size")
            w.integer(run.resultSize)
            w.key("error")
            w.string(run.error)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }
}
