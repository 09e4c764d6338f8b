import Foundation
import HTTPTypes
import Hummingbird

/// `GET /metrics`: the cached exposition, gzip-compressed when the client accepts it, followed by the
/// live families (authentication failures, HTTP requests), rendered and compressed per scrape.
///
/// The live part is small (a few series per route) and goes out as a second buffer, so the cached
/// body is never copied; compressed, it is a second gzip member, which gzip readers take as the
/// continuation of the first.
struct MetricsRoutes {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let metrics: MetricsCache

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("metrics") { request, _ in
            let body = metrics.body
            var live: [UInt8] = []
            metrics.operational.renderLive(into: &live)
            var headers: HTTPFields = [.contentType: Self.contentType, .vary: "Accept-Encoding"]
            if let gzip = body.gzip, Self.acceptsGzip(request.headers[values: .acceptEncoding]),
                let liveGzip = try? Gzip.compress(live, level: 1)
            {
                headers[.contentEncoding] = "gzip"
                return Response(
                    status: .ok, headers: headers, body: ResponseBody(contentsOf: [gzip, ByteBuffer(bytes: liveGzip)]))
            }
            return Response(
                status: .ok, headers: headers, body: ResponseBody(contentsOf: [body.plain, ByteBuffer(bytes: live)]))
        }
    }

    /// Whether `Accept-Encoding` lists gzip (or `*`) without `q=0`.
    static func acceptsGzip(_ values: [String]) -> Bool {
        for value in values {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let coding = parts.first, ["gzip", "x-gzip", "*"].contains(coding) else { continue }
                let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
                if (q ?? 1) > 0 { return true }
            }
        }
        return false
    }
}
