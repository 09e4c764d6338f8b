import QualityCore

@testable import BureauSim

/// Requests through `Simulator.handle`, as a client with the right token would send them.
extension Simulator {
    func get(_ pathAndQuery: String, token: String? = nil) -> SimResponse {
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1)
        return handle(
            SimRequest(
                path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil,
                authorization: "Bearer \(token ?? self.token)"))
    }

    /// The body of a 200 answer as JSON.
    func json(_ pathAndQuery: String) throws -> JSONValue {
        let response = get(pathAndQuery)
        guard response.status == 200 else { throw TestFailure("\(pathAndQuery): HTTP \(response.status)") }
        return try JSONParser.parse(response.body.collect())
    }

    /// The items of a JSON answer at `path` (`items`, `data.items`, `rows`; nil: the body is the array).
    func items(_ pathAndQuery: String, at path: String? = "items") throws -> [JSONObject] {
        let body = try json(pathAndQuery)
        let list = path.map { body.value(atPath: $0) } ?? body
        return (list?.arrayValue ?? []).compactMap(\.objectValue)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension JSONObject {
    func string(_ key: String) -> String? { self[key]?.stringValue }

    func int(_ key: String) -> Int? { self[key]?.numberValue.map { Int($0) } }
}
