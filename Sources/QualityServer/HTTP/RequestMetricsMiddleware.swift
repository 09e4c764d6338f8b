import Hummingbird

/// Counts every request in `qualityd_http_requests_total{route,code}` and times it in
/// `qualityd_http_request_duration_seconds{route}`; the outermost middleware, so it sees the final
/// status of errors too.
///
/// `route` is the template of the route that matched (`/districts/{code}`), never the raw path, so
/// the number of series stays bounded by the routes and the status codes the daemon answers.
struct RequestMetricsMiddleware: AppMiddleware {
    let metrics: OperationalMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let route = context.endpointPath ?? OperationalMetrics.unmatchedRoute
        do {
            let response = try await next(request, context)
            record(route, Int(response.status.code), since: start)
            return response
        } catch let error as any HTTPResponseError {
            record(route, Int(error.status.code), since: start)
            throw error
        } catch {
            // Hummingbird answers any other error with 500.
            record(route, 500, since: start)
            throw error
        }
    }

    private func record(_ route: String, _ code: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.recordRequest(route: route, code: code, duration: seconds)
    }
}
