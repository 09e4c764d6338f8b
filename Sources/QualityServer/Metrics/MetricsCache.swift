import NIOCore
import Synchronization

/// The `/metrics` body, rendered when something it shows changes and served from here on every scrape.
///
/// The body is the domain families of the served result (`DomainExposition`, rendered by whoever
/// installs a result) followed by the operational families. `publish` renders the operational part,
/// joins the two and compresses the whole once; a scrape only takes the cached buffers.
///
/// Publishers may race (a pull finishing while a result is installed): each takes a ticket before
/// it renders and a rendering is installed only if no later ticket was installed first, so the
/// body never goes back to an older state.
public final class MetricsCache: Sendable {
    /// What a scrape gets: the body, and its gzip copy when compression worked.
    public struct Body: Sendable {
        public var plain: ByteBuffer
        public var gzip: ByteBuffer?
    }

    private struct State {
        var domain: [UInt8] = []
        /// The sampling families (`SamplingExposition`), after the domain ones.
        var sampling: [UInt8] = []
        /// `qualityd_corrections` (`Runtime.publishCorrectionMetrics`), last.
        var corrections: [UInt8] = []
        var body = Body(plain: ByteBuffer(), gzip: nil)
        var nextTicket = 0
        var installedTicket = -1
        var renders = 0
    }

    public let operational: OperationalMetrics
    private let state = Mutex(State())

    public init(operational: OperationalMetrics) {
        self.operational = operational
    }

    /// Renders the body anew; with `domain`, `sampling` or `corrections`, that part is replaced first.
    public func publish(domain: [UInt8]? = nil, sampling: [UInt8]? = nil, corrections: [UInt8]? = nil) {
        let (ticket, domainPart) = state.withLock { s in
            if let domain { s.domain = domain }
            if let sampling { s.sampling = sampling }
            if let corrections { s.corrections = corrections }
            defer { s.nextTicket += 1 }
            return (s.nextTicket, s.domain + s.sampling + s.corrections)
        }
        var bytes = domainPart
        operational.render(into: &bytes)
        let gzip = try? Gzip.compress(bytes)
        let body = Body(plain: ByteBuffer(bytes: bytes), gzip: gzip.map { ByteBuffer(bytes: $0) })
        state.withLock { s in
            guard ticket > s.installedTicket else { return }
            s.installedTicket = ticket
            s.body = body
            s.renders += 1
        }
    }

    /// The cached body, as last published.
    public var body: Body { state.withLock { $0.body } }

    /// Renderings installed so far: it moves only when a result or a source changes, never per scrape.
    public var renderCount: Int { state.withLock { $0.renders } }

    /// Calls of `publish` so far (each renders once; a rendering overtaken by a later one is dropped).
    public var publishCount: Int { state.withLock { $0.nextTicket } }
}
