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
            return Runs(runs)
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

    /// `{"runs": […]}`, newest first.
    struct Runs: ResponseEncodable {
        struct Run: Encodable {
            @Nullable var id: Int64?
            var period, status: String
            var startedAt, finishedAt: Date
            var durationSeconds: Double
            var configSHA256: String
            @Nullable var snapshotSHA256: String?
            var resultSize: Int
            @Nullable var error: String?
        }
        var runs: [Run]

        init(_ runs: [ScoringRun]) {
            self.runs = runs.map {
                Run(
                    id: $0.id, period: $0.period, status: $0.status.rawValue, startedAt: $0.startedAt,
                    finishedAt: $0.finishedAt, durationSeconds: $0.durationSeconds, configSHA256: $0.configSHA256,
                    snapshotSHA256: $0.snapshotSHA256, resultSize: $0.resultSize, error: $0.error)
            }
        }
    }
}
