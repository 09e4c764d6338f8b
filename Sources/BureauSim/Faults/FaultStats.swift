import Foundation
import QualityCore
import Synchronization

/// What the simulator served and injected since it started, shared by all requests.
///
/// Also remembers how often each exact request was seen, which request-level faults are decided by.
public final class FaultStats: Sendable {
    struct State {
        var requests: [String: Int] = [:]
        var injected: [String: [FaultKind: Int]] = [:]
        var seen: [String: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts a request to `path` and returns how many times `requestKey` was seen before it.
    /// Without request-level faults (`remember` false) nothing per request is kept, so a long run
    /// over a large world keeps its memory flat.
    func arrive(path: String, requestKey: String, remember: Bool = true) -> Int {
        state.withLock { s in
            s.requests[path, default: 0] += 1
            guard remember else { return 0 }
            let n = s.seen[requestKey, default: 0]
            s.seen[requestKey] = n + 1
            return n
        }
    }

    func record(_ kind: FaultKind, path: String, count: Int = 1) {
        guard count > 0 else { return }
        state.withLock { $0.injected[path, default: [:]][kind, default: 0] += count }
    }

    /// Injected faults per endpoint path and kind.
    public var injected: [String: [FaultKind: Int]] { state.withLock { $0.injected } }

    /// Requests per endpoint path (answered with data or a fault; 401/404 not counted).
    public var requests: [String: Int] { state.withLock { $0.requests } }

    /// `{"requests":{"/path":N},"injected":{"/path":{"kind":N}}}`, keys sorted, indented.
    public func json() -> [UInt8] {
        struct Body: Encodable {
            var requests: [String: Int]
            var injected: [String: [String: Int]]
        }
        let body = state.withLock { s in
            Body(
                requests: s.requests,
                injected: s.injected.mapValues {
                    Dictionary(uniqueKeysWithValues: $0.map { ($0.key.rawValue, $0.value) })
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Dictionaries of strings and integers always encode.
        return ((try? Array(encoder.encode(body))) ?? Array("{}".utf8)) + [0x0A]
    }
}
