/// A request as the simulator sees it, independent of the HTTP server.
public struct SimRequest: Sendable {
    public var path: String
    /// The raw query string, without `?`.
    public var query: String?
    /// The `Authorization` header.
    public var authorization: String?
}

/// An answer: status, content type, body, and how to misbehave while sending it.
public struct SimResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: SimBody
    /// Seconds to wait before answering (`slow`).
    public var delaySeconds: Double = 0
    /// A `Content-Length` larger than the body (`truncated`); the connection is closed after the body.
    public var declaredLength: Int?
    public var extraHeaders: [(name: String, value: String)] = []

    static let json = "application/json; charset=utf-8"
    static let csv = "text/csv; charset=GB18030"
}

/// The bureau services: every endpoint of docs/SEMANTICS.md §9's demo, a bearer token, faults and their counts.
///
/// `handle` is the whole behaviour; `SimServer` only carries it over HTTP, so tests can exercise
/// everything without a socket.
public final class Simulator: Sendable {
    public let world: World
    public let token: String
    public let faults: FaultPlan
    public let slowSeconds: Double
    public let stats = FaultStats()
    let endpoints: [String: Endpoint]
    private let hasRequestFaults: Bool

    /// Every endpoint path, in the order of the bureaus.
    public static let paths: [String] = allEndpoints.map(\.path)

    static let allEndpoints: [Endpoint] =
        Registry.endpoints + Inspection.endpoints + Commerce.endpoints + MarketSupervision.endpoints
        + Finance.endpoints

    public init(
        world: World, token: String = "demo-bureau-token", faults: FaultPlan = FaultPlan(), slowSeconds: Double = 15
    ) {
        self.world = world
        self.token = token
        self.faults = faults
        self.slowSeconds = slowSeconds
        self.hasRequestFaults = faults.rules.contains { $0.kind.isRequestLevel }
        self.endpoints = Dictionary(Self.allEndpoints.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The answer to one GET: `/_sim/stats` (no token), 404 for unknown paths, 401 without the
    /// bearer token, then the request-level fault drawn for this request (if any), 400 for a bad
    /// query, or the data with record-level faults.
    public func handle(_ request: SimRequest) -> SimResponse {
        if request.path == "/_sim/stats" {
            return SimResponse(status: 200, contentType: SimResponse.json, body: SimBody(bytes: stats.json()))
        }
        guard let endpoint = endpoints[request.path] else {
            return Self.error(404, "no such endpoint: \(request.path)")
        }
        guard request.authorization == "Bearer \(token)" else {
            var response = Self.error(401, "missing or wrong bearer token")
            response.extraHeaders = [("WWW-Authenticate", #"Bearer realm="bureau-sim""#)]
            return response
        }
        let key = request.path + "?" + (request.query ?? "")
        let occurrence = stats.arrive(path: request.path, requestKey: key, remember: hasRequestFaults)
        let fault = faults.requestFault(seed: world.seed, path: request.path, requestKey: key, occurrence: occurrence)
        switch fault {
        case .http500?:
            stats.record(.http500, path: request.path)
            return Self.error(500, "internal error (simulated)")
        case .contentType?:
            stats.record(.contentType, path: request.path)
            return RequestFaults.htmlErrorPage()
        case .oversize?:
            stats.record(.oversize, path: request.path)
            return RequestFaults.oversize()
        default: break
        }

        var response: SimResponse
        do {
            response = try respond(endpoint, SimQuery(request.query), faultsOn: fault == nil || fault == .slow)
        } catch {
            return Self.error(error.status, error.message)
        }
        if let fault { stats.record(fault, path: request.path) }
        switch fault {
        case .slow: response.delaySeconds = slowSeconds
        case .malformed: response = RequestFaults.malformed(response, csv: response.contentType == SimResponse.csv)
        case .truncated: response = RequestFaults.truncated(response)
        default: break
        }
        return response
    }

    /// The data answer of `endpoint`; record faults are injected (and counted) only when the
    /// records will reach the client intact otherwise.
    private func respond(_ endpoint: Endpoint, _ query: SimQuery, faultsOn: Bool) throws(SimError) -> SimResponse {
        let stream = try endpoint.produce(world, query)
        let page = endpoint.paginated ? try query.page() : (1, 0)
        let renderer = BodyRenderer(
            endpoint: endpoint, seed: world.seed, plan: faultsOn ? faults : FaultPlan(),
            stats: faultsOn ? stats : FaultStats())
        let contentType: String
        if case .csvGB18030 = endpoint.shape { contentType = SimResponse.csv } else { contentType = SimResponse.json }
        return SimResponse(status: 200, contentType: contentType, body: renderer.render(stream, page: page))
    }

    static func error(_ status: Int, _ message: String) -> SimResponse {
        var bytes: [UInt8] = Array(#"{"code":\#(status),"message":"#.utf8)
        JSONText.appendString(message, to: &bytes)
        bytes += Array("}\n".utf8)
        return SimResponse(status: status, contentType: SimResponse.json, body: SimBody(bytes: bytes))
    }
}

extension Simulator {
    /// The record-level faults a complete pull of `path` with `query` meets (all pages, any page
    /// size), by kind — what ingestion should reject, computed without rendering a record.
    public func recordFaults(path: String, query: [String: String]) throws(SimError) -> [FaultKind: Int] {
        guard let endpoint = endpoints[path] else { throw SimError(status: 404, message: "no such endpoint: \(path)") }
        let count: Int
        switch try endpoint.produce(world, SimQuery(query)) {
        case .indexed(let total, _): count = total
        case .sequence(let make): count = IteratorSequence(make()).reduce(0) { n, _ in n + 1 }
        }
        var result: [FaultKind: Int] = [:]
        guard faults.hasRecordFaults(for: path, applicable: endpoint.recordFaultKinds) else { return result }
        for i in 0..<count {
            if let kind = faults.recordFault(
                seed: world.seed, path: path, index: i, applicable: endpoint.recordFaultKinds)
            {
                result[kind, default: 0] += 1
            }
        }
        return result
    }

    /// The number of records a complete pull of `path` with `query` returns, before faults.
    public func recordCount(path: String, query: [String: String]) throws(SimError) -> Int {
        guard let endpoint = endpoints[path] else { throw SimError(status: 404, message: "no such endpoint: \(path)") }
        switch try endpoint.produce(world, SimQuery(query)) {
        case .indexed(let total, _): return total
        case .sequence(let make): return IteratorSequence(make()).reduce(0) { n, _ in n + 1 }
        }
    }
}
