import Foundation
import HTTPTypes
import Hummingbird

/// `GET /metrics`: the cached exposition, gzip-compressed when the client accepts it.
struct MetricsRoutes {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let metrics: MetricsCache

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("metrics") { request, _ in
            let body = metrics.body
            var headers: HTTPFields = [.contentType: Self.contentType, .vary: "Accept-Encoding"]
            if let gzip = body.gzip, Self.acceptsGzip(request.headers[values: .acceptEncoding]) {
                headers[.contentEncoding] = "gzip"
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: gzip))
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body.plain))
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
