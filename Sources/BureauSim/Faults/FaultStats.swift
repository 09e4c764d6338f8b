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

    /// `{"requests":{"/path":N},"injected":{"/path":{"kind":N}}}`, keys sorted.
    public func json() -> [UInt8] {
        let (requests, injected) = state.withLock { ($0.requests, $0.injected) }
        var w = JSONWriter(style: .pretty(indent: 2))
        w.beginObject()
        w.key("requests")
        w.beginObject()
        for path in requests.keys.sorted() {
            w.key(path)
            w.integer(requests[path] ?? 0)
        }
        w.endObject()
        w.key("injected")
        w.beginObject()
        for path in injected.keys.sorted() {
            w.key(path)
            w.beginObject()
            for (kind, n) in (injected[path] ?? [:]).sorted(by: { $0.key < $1.key }) {
                w.key(kind.rawValue)
                w.integer(n)
            }
            w.endObject()
        }
        w.endObject()
        w.endObject()
        return w.bytes + [0x0A]
    }
}
